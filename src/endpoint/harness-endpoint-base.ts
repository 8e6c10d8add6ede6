import { IResource, Resource } from 'aws-cdk-lib';
import { HarnessEndpointReference, IHarnessEndpointRef } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HarnessEndpointGrants } from './harness-endpoint-grants';
import { IHarness } from '../harness/harness-base';

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

  /** Grants on this endpoint. */
  readonly grants: HarnessEndpointGrants;

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

  public get grants(): HarnessEndpointGrants {
    return HarnessEndpointGrants.fromEndpoint(this);
  }

  /**
   * Grants `bedrock-agentcore:InvokeHarness` and `bedrock-agentcore:InvokeAgentRuntime`
   * for calls with this endpoint as qualifier, on the harness ARN and this
   * endpoint's ARN (see `HarnessEndpointGrants`); other endpoints are not covered.
   *
   * [disable-awslint:no-grants]
   */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.grants.invoke(grantee);
  }

  /**
   * Grants `bedrock-agentcore:InvokeAgentRuntimeCommand` (run a shell command in a
   * session) for calls with this endpoint as qualifier, as `grantInvoke` does.
   *
   * [disable-awslint:no-grants]
   */
  public grantInvokeCommand(grantee: iam.IGrantable): iam.Grant {
    return this.grants.invokeCommand(grantee);
  }
}
