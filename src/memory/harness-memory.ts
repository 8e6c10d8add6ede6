import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HarnessBindContext } from '../harness/bind-context';
import { MEMORY_DATA_PLANE_ACTIONS } from './perms';

/**
 * The harness's conversation memory: service-managed, an existing memory, or disabled.
 *
 * (Minimal version: issue 3 adds options, `fromMemory` and validation.)
 */
export abstract class HarnessMemory {
  /**
   * Memory that the service creates and manages with the harness.
   *
   * The service deletes it when the harness is deleted or replaced, so a harness
   * with managed memory is retained by default (see `HarnessProps.removalPolicy`).
   */
  public static managed(): HarnessMemory {
    return new ManagedMemory();
  }

  /** No memory: every session starts empty. */
  public static disabled(): HarnessMemory {
    return new DisabledMemory();
  }

  /**
   * Whether the memory's lifetime is tied to the harness resource.
   * @internal
   */
  public abstract readonly _managed: boolean;

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessMemoryConfigurationProperty;
}

class ManagedMemory extends HarnessMemory {
  public readonly _managed = true;

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessMemoryConfigurationProperty {
    // The memory's name is service-generated; only its ARN attribute is reliable.
    ctx.addPostCreateStatement(new iam.PolicyStatement({
      actions: MEMORY_DATA_PLANE_ACTIONS,
      resources: [ctx.resource.attrMemoryManagedMemoryConfigurationArn],
    }));
    return { managedMemoryConfiguration: {} };
  }
}

class DisabledMemory extends HarnessMemory {
  public readonly _managed = false;

  public _bind(_ctx: HarnessBindContext): CfnHarness.HarnessMemoryConfigurationProperty {
    return { disabled: {} };
  }
}
