import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HarnessAuthorizer, HarnessPrivateEndpoint, PrivateEndpointIpAddressType } from '../../src';
import { createFakeHarness } from '../support/bind-context';

const DISCOVERY = 'https://idp.internal.example.com/.well-known/openid-configuration';
const RCFG = 'rcfg-0123456789abcdefg';

function importedVpc(fake: ReturnType<typeof createFakeHarness>) {
  return ec2.Vpc.fromVpcAttributes(fake.stack, 'Vpc', {
    vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-12345678'],
  });
}

describe('HarnessPrivateEndpoint', () => {
  test('a managed VPC endpoint and a Lattice override render into the JWT authorizer', () => {
    const fake = createFakeHarness();
    fake.resource.authorizerConfiguration = HarnessAuthorizer.jwt({
      discoveryUrl: DISCOVERY,
      privateEndpoint: HarnessPrivateEndpoint.managedVpc({
        vpc: importedVpc(fake),
        securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(fake.stack, 'Sg', 'sg-12345678')],
        ipAddressType: PrivateEndpointIpAddressType.IPV6,
        routingDomain: 'internal.example.com',
        tags: { team: 'agents' },
      }),
      privateEndpointOverrides: [{ domain: 'keys.example.com', privateEndpoint: HarnessPrivateEndpoint.fromLatticeResourceConfiguration(RCFG) }],
    })._bind(fake.ctx);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      AuthorizerConfiguration: {
        CustomJWTAuthorizer: {
          DiscoveryUrl: DISCOVERY,
          PrivateEndpoint: {
            ManagedVpcResource: {
              VpcIdentifier: 'vpc-12345678',
              SubnetIds: ['subnet-12345678'],
              EndpointIpAddressType: 'IPV6',
              SecurityGroupIds: ['sg-12345678'],
              RoutingDomain: 'internal.example.com',
              Tags: { team: 'agents' },
            },
          },
          PrivateEndpointOverrides: [{ Domain: 'keys.example.com', PrivateEndpoint: { SelfManagedLatticeResource: { ResourceConfigurationIdentifier: RCFG } } }],
        },
      },
    });
  });

  test('the IP address type defaults to IPv4', () => {
    const fake = createFakeHarness();
    const rendered = HarnessPrivateEndpoint.managedVpc({ vpc: importedVpc(fake) })._render('p');
    expect(rendered.managedVpcResource).toMatchObject({ endpointIpAddressType: 'IPV4' });
  });

  test.each([
    ['a short Lattice id', () => HarnessPrivateEndpoint.fromLatticeResourceConfiguration('rcfg-1'), /resourceConfigurationIdentifier: "rcfg-1" is 6 characters long; it must be at least 20/],
    ['a malformed Lattice id', () => HarnessPrivateEndpoint.fromLatticeResourceConfiguration('rcfg-0123456789ABCDEFG'), /resourceConfigurationIdentifier: .* does not match a VPC Lattice resource configuration/],
  ])('fails for %s', (_what, make, error) => {
    expect(make).toThrow(error);
  });

  test('fails for 6 security groups, a short routing domain and a bad tag', () => {
    const fake = createFakeHarness();
    const vpc = importedVpc(fake);
    const sgs = [1, 2, 3, 4, 5, 6].map(i => ec2.SecurityGroup.fromSecurityGroupId(fake.stack, `Sg${i}`, `sg-1234567${i}`));
    expect(() => HarnessPrivateEndpoint.managedVpc({ vpc, securityGroups: sgs })).toThrow(/privateEndpoint.securityGroups: has 6 items; it must have between 0 and 5/);
    expect(() => HarnessPrivateEndpoint.managedVpc({ vpc, routingDomain: 'ab' })).toThrow(/privateEndpoint.routingDomain: "ab" is 2 characters long/);
    expect(() => HarnessPrivateEndpoint.managedVpc({ vpc, tags: { 'a!': 'b' } })).toThrow(/privateEndpoint.tags key: "a!" does not match/);
  });

  test('fails for six overrides and an empty domain', () => {
    const lattice = HarnessPrivateEndpoint.fromLatticeResourceConfiguration(RCFG);
    expect(() => HarnessAuthorizer.jwt({
      discoveryUrl: DISCOVERY, privateEndpointOverrides: Array.from({ length: 6 }, (_, i) => ({ domain: `d${i}.example.com`, privateEndpoint: lattice })),
    })).toThrow(/authorizer.privateEndpointOverrides: has 6 items; it must have between 0 and 5/);
    expect(() => HarnessAuthorizer.jwt({ discoveryUrl: DISCOVERY, privateEndpointOverrides: [{ domain: '', privateEndpoint: lattice }] }))
      .toThrow(/authorizer.privateEndpointOverrides\[0\].domain: "" is 0 characters long/);
  });
});
