import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from '../harness/bind-context';

/**
 * A source of skills the harness loads. Use the static factories.
 *
 * (Stub: factories land with issue 3.)
 */
export abstract class HarnessSkill {
  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessSkillProperty;
}
