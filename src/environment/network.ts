import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HarnessBindContext } from '../harness/bind-context';

/** @internal */
export interface HarnessNetworkBinding {
  readonly network: CfnHarness.NetworkConfigurationProperty;
  /** Set in VPC mode; the harness exposes it as `connections`. */
  readonly connections?: ec2.Connections;
}

/**
 * Where the harness's sessions run: the public network or a VPC. Use the static factories.
 *
 * (Stub: factories land with issue 3.)
 */
export abstract class HarnessNetworkConfiguration {
  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): HarnessNetworkBinding;
}
