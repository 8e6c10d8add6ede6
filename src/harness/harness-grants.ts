import { IHarnessRef } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { endpointArnOf, HARNESS_INVOKE_ACTIONS, HARNESS_INVOKE_COMMAND_ACTIONS } from '../permissions/private/harness-actions';

// Still exported from here, where it has always been.
export { HARNESS_INVOKE_ACTIONS };

/**
 * Grants on a harness, for any `IHarnessRef` (a `Harness`, an imported harness or a `CfnHarness`).
 * Statements cover the harness and all its endpoints (`<harnessArn>/harness-endpoint/*`),
 * because InvokeHarness with a qualifier is authorized against the endpoint ARN.
 */
export class HarnessGrants {
  /** Grants on the given harness. */
  public static fromHarness(harness: IHarnessRef): HarnessGrants {
    return new HarnessGrants(harness);
  }

  private constructor(private readonly harness: IHarnessRef) {}

  /** Allows the grantee to invoke the harness through any endpoint, DEFAULT included. */
  public invoke(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ...HARNESS_INVOKE_ACTIONS);
  }

  /**
   * Allows the grantee to run shell commands in the harness's sessions
   * (`bedrock-agentcore:InvokeAgentRuntimeCommand`) through any endpoint, DEFAULT included.
   * A command runs with the session's full access (its files and the execution role's
   * permissions), so grant it separately from `invoke`.
   */
  public invokeCommand(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ...HARNESS_INVOKE_COMMAND_ACTIONS);
  }

  /** Allows the grantee the given actions on the harness and its endpoints. */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    const arn = this.harness.harnessRef.harnessArn;
    return iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [arn, endpointArnOf(arn, '*')],
    });
  }
}
