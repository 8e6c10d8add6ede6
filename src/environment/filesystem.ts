import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from '../harness/bind-context';

/**
 * A filesystem mounted into every session. Use the static factories.
 *
 * (Stub: factories land with issue 3.)
 */
export abstract class HarnessFilesystem {
  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.FilesystemConfigurationProperty;
}
