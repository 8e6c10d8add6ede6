import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from '../harness/bind-context';

/**
 * A tool the harness's agent can call. Use the static factories.
 *
 * (Stub: factories land with issue 3.)
 */
export abstract class HarnessTool {
  /**
   * Renders the tool and grants the execution role what the tool needs.
   * @internal
   */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessToolProperty;
}
