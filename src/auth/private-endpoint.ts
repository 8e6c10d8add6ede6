import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { LATTICE_RESOURCE_CONFIGURATION, SUBNET_ID } from '../common/private/arn-patterns';
import { HarnessValidationError } from '../common/private/errors';
import { isUnresolved, validateListLength, validateString, validateStringMap } from '../common/private/validation';

/** The IP address type of a managed VPC endpoint. */
export enum PrivateEndpointIpAddressType {
  /** IPv4 addresses. */
  IPV4 = 'IPV4',
  /** IPv6 addresses. */
  IPV6 = 'IPV6',
}

/** A VPC endpoint the service manages for reaching the identity provider privately. */
export interface ManagedVpcPrivateEndpointOptions {
  /** The VPC in which the identity provider is reachable. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets for the endpoint.
   *
   * @default - the VPC's default subnet selection
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups for the endpoint (at most 5).
   *
   * @default - the service default
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The endpoint's IP address type.
   *
   * @default PrivateEndpointIpAddressType.IPV4
   */
  readonly ipAddressType?: PrivateEndpointIpAddressType;

  /**
   * A routing domain for the endpoint (3–255 characters).
   *
   * @default - none
   */
  readonly routingDomain?: string;

  /**
   * Tags for the endpoint (at most 50; keys 1–128, values up to 256 characters).
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

const VPC_ID = /^vpc-(([0-9a-z]{8})|([0-9a-z]{17}))$/;
const SG_ID = /^sg-(([0-9a-z]{8})|([0-9a-z]{17}))$/;
const TAG = /^[a-zA-Z0-9\s_.:/=+\-@]*$/;
const TAG_DESCRIPTION = 'letters, digits, whitespace and _ . : / = + - @';

/**
 * How the JWT authorizer reaches an identity provider that is not on the public
 * internet. Use the static factories.
 */
export abstract class HarnessPrivateEndpoint {
  /** A VPC Lattice resource configuration you manage, by id (`rcfg-...`) or ARN. */
  public static fromLatticeResourceConfiguration(resourceConfigurationIdentifier: string): HarnessPrivateEndpoint {
    return new LatticeEndpoint(resourceConfigurationIdentifier);
  }

  /** A VPC endpoint the service creates and manages in your VPC. */
  public static managedVpc(options: ManagedVpcPrivateEndpointOptions): HarnessPrivateEndpoint {
    return new ManagedVpcEndpoint(options);
  }

  /** @internal */
  public abstract _render(path: string): CfnHarness.PrivateEndpointProperty;
}

class LatticeEndpoint extends HarnessPrivateEndpoint {
  constructor(private readonly id: string) {
    super();
    validateString('authorizer.privateEndpoint.resourceConfigurationIdentifier', id, {
      minLength: 20, maxLength: 2048, pattern: LATTICE_RESOURCE_CONFIGURATION, patternDescription: 'a VPC Lattice resource configuration id (rcfg-...) or ARN',
    });
  }

  public _render(): CfnHarness.PrivateEndpointProperty {
    return { selfManagedLatticeResource: { resourceConfigurationIdentifier: this.id } };
  }
}

class ManagedVpcEndpoint extends HarnessPrivateEndpoint {
  constructor(private readonly options: ManagedVpcPrivateEndpointOptions) {
    super();
    const p = 'authorizer.privateEndpoint';
    validateString(`${p}.vpc`, options.vpc.vpcId, { pattern: VPC_ID, patternDescription: 'a VPC id' });
    validateListLength(`${p}.securityGroups`, options.securityGroups, 0, 5);
    validateString(`${p}.routingDomain`, options.routingDomain, { minLength: 3, maxLength: 255 });
    const tags = options.tags;
    const tagCount = tags && !isUnresolved(tags) ? Object.keys(tags).length : 0;
    if (tagCount > 50) throw new HarnessValidationError(`${p}.tags`, `has ${tagCount} tags; at most 50 are allowed`);
    validateStringMap(`${p}.tags`, tags, {
      key: { minLength: 1, maxLength: 128, pattern: TAG, patternDescription: TAG_DESCRIPTION },
      value: { maxLength: 256, pattern: TAG, patternDescription: TAG_DESCRIPTION },
    });
  }

  public _render(path: string): CfnHarness.PrivateEndpointProperty {
    const o = this.options;
    const subnetIds = o.vpc.selectSubnets(o.vpcSubnets).subnetIds;
    validateListLength(`${path}.vpcSubnets`, subnetIds, 1);
    subnetIds.forEach((s, i) => validateString(`${path}.vpcSubnets[${i}]`, s, { pattern: SUBNET_ID, patternDescription: 'a subnet id' }));
    const securityGroupIds = o.securityGroups?.map(sg => sg.securityGroupId);
    securityGroupIds?.forEach((s, i) => validateString(`${path}.securityGroups[${i}]`, s, { pattern: SG_ID, patternDescription: 'a security group id' }));
    return {
      managedVpcResource: {
        vpcIdentifier: o.vpc.vpcId,
        subnetIds,
        endpointIpAddressType: o.ipAddressType ?? PrivateEndpointIpAddressType.IPV4,
        securityGroupIds,
        routingDomain: o.routingDomain,
        tags: o.tags,
      },
    };
  }
}
