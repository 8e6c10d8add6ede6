import { IResource, Resource } from 'aws-cdk-lib';
import { HarnessEndpointReference, IHarnessEndpointRef } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IHarness } from '../harness/harness-base';
import { HARNESS_INVOKE_ACTIONS, HARNESS_INVOKE_COMMAND_ACTIONS } from '../permissions/private/harness-actions';

/**
 * A named endpoint of a harness (for example `STAGING` or `PROD`): a stable
 * qualifier that serves one version of the harness.
 */
export interface IHarnessEndpoint extends IResource, IHarnessEndpointRef {
  /**
   * The harness this endpoint belongs to.
   */
  readonly harness: IHarness;

  /**
   * The name of the endpoint, which callers pass as `qualifier`.
   */
  readonly endpointName: string;

  /**
   * The ARN of the endpoint (`<harnessArn>/harness-endpoint/<name>`).
   * @attribute
   */
  readonly harnessEndpointArn: string;

  /**
   * Grants the permissions to invoke the harness through this endpoint.
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the permission to run shell commands in sessions reached through this endpoint.
   */
  grantInvokeCommand(grantee: iam.IGrantable): iam.Grant;
}

/**
 * Implements what endpoints defined in this app and imported endpoints share.
 */
export abstract class HarnessEndpointBase extends Resource implements IHarnessEndpoint {
  public abstract readonly harness: IHarness;
  public abstract readonly endpointName: string;
  public abstract readonly harnessEndpointArn: string;

  /**
   * A reference to this endpoint for aws-cdk-lib APIs that take `IHarnessEndpointRef`.
   */
  public get harnessEndpointRef(): HarnessEndpointReference {
    return { harnessEndpointArn: this.harnessEndpointArn };
  }

  /**
   * Grants `bedrock-agentcore:InvokeHarness` and `bedrock-agentcore:InvokeAgentRuntime`
   * for calls with this endpoint as qualifier.
   *
   * A qualified call is authorized on the harness ARN AND on the endpoint ARN
   * (hierarchical authorization, as for AgentCore Runtime), so both are granted.
   * The grant does not cover other endpoints: each of them, `DEFAULT` included,
   * has its own endpoint ARN.
   */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: HARNESS_INVOKE_ACTIONS,
      resourceArns: [this.harness.harnessArn, this.harnessEndpointArn],
    });
  }

  /**
   * Grants `bedrock-agentcore:InvokeAgentRuntimeCommand` (run a shell command in a
   * session) for calls with this endpoint as qualifier, on the harness ARN and this
   * endpoint's ARN, as `grantInvoke` does; other endpoints are not covered.
   */
  public grantInvokeCommand(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: HARNESS_INVOKE_COMMAND_ACTIONS,
      resourceArns: [this.harness.harnessArn, this.harnessEndpointArn],
    });
  }
}
