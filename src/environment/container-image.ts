import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from '../harness/bind-context';

/**
 * The container image the harness runs in. Use the static factories.
 *
 * (Stub: factories land with issue 3.)
 */
export abstract class HarnessContainerImage {
  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessEnvironmentArtifactProperty;
}
