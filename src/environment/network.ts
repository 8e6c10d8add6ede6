import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { SUBNET_ID } from '../common/private/arn-patterns';
import { HarnessValidationError } from '../common/private/errors';
import { validateListLength, validateString } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';

/** @internal */
export interface HarnessNetworkBinding {
  readonly network: CfnHarness.NetworkConfigurationProperty;
  /** Set in VPC mode; the harness exposes it as `connections`. */
  readonly connections?: ec2.Connections;
}

/** Where a harness's sessions connect to your VPC. */
export interface HarnessVpcOptions {
  /** The VPC. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets for the sessions' network interfaces (1–16). Use private subnets
   * with a NAT gateway or VPC endpoints: the sessions need to reach AgentCore,
   * the model provider and ECR.
   *
   * @default - the VPC's default subnet selection (private subnets when it has them)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups for the sessions' network interfaces (1–16).
   *
   * @default - a new security group that allows all outbound traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

// sg- and 8 (older groups) or 17 lower-case hex characters.
const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Where the harness's sessions run: the public network or a VPC. Use the static
 * factories.
 *
 * The registry schemas disagree on whether the network configuration is
 * create-only, so treat a change as a possible replacement:
 * the generated harness name includes the network configuration, so a
 * replacement gets a new name rather than colliding (with an explicit
 * `harnessName` it would fail), and a replaced harness loses its managed memory
 * unless it is retained.
 */
export abstract class HarnessNetworkConfiguration {
  /** Sessions reach the internet directly (the service default). */
  public static publicNetwork(): HarnessNetworkConfiguration {
    return new PublicNetwork();
  }

  /**
   * Sessions get network interfaces in your VPC's subnets. Required for EFS and
   * S3 Files mounts. The harness then exposes `connections` for its security groups.
   *
   * @param scope where the default security group is defined
   */
  public static vpc(scope: Construct, options: HarnessVpcOptions): HarnessNetworkConfiguration {
    return new VpcNetwork(scope, options);
  }

  /** @internal */
  public abstract readonly _isVpc: boolean;

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): HarnessNetworkBinding;
}

class PublicNetwork extends HarnessNetworkConfiguration {
  public readonly _isVpc = false;

  public _bind(): HarnessNetworkBinding {
    return { network: { networkMode: 'PUBLIC' } };
  }
}

class VpcNetwork extends HarnessNetworkConfiguration {
  public readonly _isVpc = true;
  private readonly subnetIds: string[];
  private readonly connections: ec2.Connections;

  constructor(scope: Construct, options: HarnessVpcOptions) {
    super();
    this.subnetIds = options.vpc.selectSubnets(options.vpcSubnets).subnetIds;
    if (options.securityGroups !== undefined && options.securityGroups.length === 0) {
      throw new HarnessValidationError('network.securityGroups', 'is empty; give 1 to 16 security groups or omit it to create one');
    }
    const securityGroups = options.securityGroups ?? [new ec2.SecurityGroup(scope, uniqueId(scope, 'HarnessSecurityGroup'), {
      vpc: options.vpc,
      description: 'AgentCore harness sessions',
      allowAllOutbound: true,
    })];
    validateListLength('network.vpcSubnets', this.subnetIds, 1, 16);
    validateListLength('network.securityGroups', securityGroups, 1, 16);
    this.subnetIds.forEach((id, i) => validateString(`network.vpcSubnets[${i}]`, id, { pattern: SUBNET_ID, patternDescription: 'a subnet id' }));
    securityGroups.forEach((sg, i) =>
      validateString(`network.securityGroups[${i}]`, sg.securityGroupId, { pattern: SECURITY_GROUP_ID, patternDescription: 'a security group id' }));
    this.connections = new ec2.Connections({ securityGroups });
  }

  public _bind(): HarnessNetworkBinding {
    return {
      network: {
        networkMode: 'VPC',
        networkModeConfig: {
          subnets: this.subnetIds,
          securityGroups: this.connections.securityGroups.map(sg => sg.securityGroupId),
        },
      },
      connections: this.connections,
    };
  }
}

function uniqueId(scope: Construct, base: string): string {
  let id = base;
  for (let i = 2; scope.node.tryFindChild(id); i++) id = `${base}${i}`;
  return id;
}
