import * as iam from 'aws-cdk-lib/aws-iam';
import { IHarnessEndpoint } from './harness-endpoint-base';
import { HARNESS_INVOKE_ACTIONS, HARNESS_INVOKE_COMMAND_ACTIONS } from '../permissions/private/harness-actions';

/**
 * Grants on one endpoint of a harness, for an endpoint defined in this app or imported.
 *
 * A qualified call is authorized on the harness ARN AND on the endpoint ARN
 * (hierarchical authorization, as for AgentCore Runtime), so every statement
 * covers both. It does not cover other endpoints: each of them, `DEFAULT`
 * included, has its own endpoint ARN.
 */
export class HarnessEndpointGrants {
  /** Grants on the given endpoint. */
  public static fromEndpoint(endpoint: IHarnessEndpoint): HarnessEndpointGrants {
    return new HarnessEndpointGrants(endpoint);
  }

  private constructor(private readonly endpoint: IHarnessEndpoint) {}

  /**
   * Allows the grantee `bedrock-agentcore:InvokeHarness` and
   * `bedrock-agentcore:InvokeAgentRuntime` for calls with this endpoint as qualifier.
   */
  public invoke(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ...HARNESS_INVOKE_ACTIONS);
  }

  /**
   * Allows the grantee `bedrock-agentcore:InvokeAgentRuntimeCommand` (run a shell
   * command in a session) for calls with this endpoint as qualifier. A command
   * runs with the session's full access, so grant it separately from `invoke`.
   */
  public invokeCommand(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ...HARNESS_INVOKE_COMMAND_ACTIONS);
  }

  private actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [this.endpoint.harness.harnessArn, this.endpoint.harnessEndpointArn],
    });
  }
}
