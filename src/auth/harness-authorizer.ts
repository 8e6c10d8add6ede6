import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from '../harness/bind-context';

/**
 * How callers authenticate to InvokeHarness: IAM (SigV4, the default) or a JWT authorizer.
 *
 * (Stub: factories land with issue 3.)
 */
export abstract class HarnessAuthorizer {
  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.AuthorizerConfigurationProperty | undefined;
}
