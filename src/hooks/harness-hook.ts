import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from '../harness/bind-context';

/**
 * A hook that runs before or after an invocation or a tool call. Use the static factories.
 *
 * (Stub: factories land with issue 3.)
 */
export abstract class HarnessHook {
  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessHookProperty;
}
