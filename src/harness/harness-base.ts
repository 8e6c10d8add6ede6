import { IResource } from 'aws-cdk-lib';
import { IHarnessRef } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A harness: an AgentCore managed agent loop, defined in this app or imported.
 *
 * (Contract owned by src/harness; HarnessBase implements it.)
 */
export interface IHarness extends IResource, iam.IGrantable, ec2.IConnectable, IHarnessRef {
  /**
   * The ARN of the harness.
   * @attribute
   */
  readonly harnessArn: string;

  /**
   * The id of the harness (`<name>-<10 characters>`), as endpoints and the API take it.
   * @attribute
   */
  readonly harnessId: string;

  /**
   * The name of the harness.
   * @attribute
   */
  readonly harnessName: string;

  /** Grants the actions InvokeHarness requires on this harness and its endpoints. */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;

  /** Grants the given `bedrock-agentcore:` actions on this harness and its endpoints. */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}
