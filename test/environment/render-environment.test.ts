import { Duration, Lazy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HarnessFilesystem, HarnessNetworkConfiguration } from '../../src';
import { renderEnvironment } from '../../src/environment/private/render-environment';
import { createFakeHarness } from '../support/bind-context';

const S3F_AP = (n: number) => `arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0/access-point/fsap-0123456789abcdef${n}`;

describe('renderEnvironment', () => {
  test('renders nothing when nothing is configured', () => {
    const fake = createFakeHarness();
    expect(renderEnvironment(fake.ctx, {})).toEqual({});
  });

  test('public network renders PUBLIC without connections', () => {
    const fake = createFakeHarness();
    const env = renderEnvironment(fake.ctx, { network: HarnessNetworkConfiguration.publicNetwork() });
    expect(env).toEqual({ environment: { agentCoreRuntimeEnvironment: { networkConfiguration: { networkMode: 'PUBLIC' } } }, connections: undefined });
    fake.resource.environment = env.environment;
    fake.template();
  });

  test('VPC renders the selected subnets and a created security group, and exposes connections', () => {
    const fake = createFakeHarness();
    const vpc = new ec2.Vpc(fake.stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const env = renderEnvironment(fake.ctx, { network: HarnessNetworkConfiguration.vpc(fake.stack, { vpc }) });
    fake.resource.environment = env.environment;
    const template = fake.template();
    const sgs = template.findResources('AWS::EC2::SecurityGroup');
    const [sgId] = Object.keys(sgs);
    expect(sgs[sgId].Properties.SecurityGroupEgress).toEqual([{ CidrIp: '0.0.0.0/0', Description: 'Allow all outbound traffic by default', IpProtocol: '-1' }]);
    const privateSubnets = vpc.privateSubnets.map(s => ({ Ref: fake.stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet) }));
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Environment: {
        AgentCoreRuntimeEnvironment: {
          NetworkConfiguration: {
            NetworkMode: 'VPC',
            NetworkModeConfig: { Subnets: privateSubnets, SecurityGroups: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }] },
          },
        },
      },
    });
    expect(env.connections?.securityGroups).toHaveLength(1);
  });

  test('VPC with given security groups and subnets uses them', () => {
    const fake = createFakeHarness();
    const vpc = ec2.Vpc.fromVpcAttributes(fake.stack, 'Vpc', {
      vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-12345678'],
    });
    const sg = ec2.SecurityGroup.fromSecurityGroupId(fake.stack, 'Sg', 'sg-12345678');
    const env = renderEnvironment(fake.ctx, { network: HarnessNetworkConfiguration.vpc(fake.stack, { vpc, securityGroups: [sg] }) });
    expect(env.environment?.agentCoreRuntimeEnvironment).toEqual({
      networkConfiguration: { networkMode: 'VPC', networkModeConfig: { subnets: ['subnet-12345678'], securityGroups: ['sg-12345678'] } },
      filesystemConfigurations: undefined,
      lifecycleConfiguration: undefined,
    });
  });

  test('fails for no security groups and for 17 subnets', () => {
    const fake = createFakeHarness();
    const vpc = ec2.Vpc.fromVpcAttributes(fake.stack, 'Vpc', {
      vpcId: 'vpc-12345678',
      availabilityZones: ['us-east-1a'],
      privateSubnetIds: Array.from({ length: 17 }, (_, i) => `subnet-1234567${i.toString(16)}0`),
    });
    expect(() => HarnessNetworkConfiguration.vpc(fake.stack, { vpc, securityGroups: [] })).toThrow(/network.securityGroups: is empty/);
    expect(() => HarnessNetworkConfiguration.vpc(fake.stack, { vpc })).toThrow(/network.vpcSubnets: has 17 items; it must have between 1 and 16/);
  });

  test('fails for a malformed subnet id', () => {
    const fake = createFakeHarness();
    const vpc = ec2.Vpc.fromVpcAttributes(fake.stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-1'] });
    expect(() => HarnessNetworkConfiguration.vpc(fake.stack, { vpc })).toThrow(/network.vpcSubnets\[0\]: "subnet-1" does not match a subnet id/);
  });

  describe('filesystems', () => {
    const vpcNetwork = (fake: ReturnType<typeof createFakeHarness>) => HarnessNetworkConfiguration.vpc(fake.stack, {
      vpc: ec2.Vpc.fromVpcAttributes(fake.stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-12345678'] }),
      securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(fake.stack, 'Sg', 'sg-12345678')],
    });

    test('fails for an S3 Files mount without VPC', () => {
      const fake = createFakeHarness();
      expect(() => renderEnvironment(fake.ctx, { filesystems: [HarnessFilesystem.fromS3FilesAccessPointArn(S3F_AP(1), '/mnt/a')] }))
        .toThrow(/filesystems\[0\]: a s3FilesAccessPoint mount needs VPC networking/);
      expect(() => renderEnvironment(fake.ctx, {
        network: HarnessNetworkConfiguration.publicNetwork(), filesystems: [HarnessFilesystem.fromS3FilesAccessPointArn(S3F_AP(1), '/mnt/a')],
      })).toThrow(/needs VPC networking/);
    });

    test('fails for duplicate mount paths, ignoring a trailing slash', () => {
      const fake = createFakeHarness();
      expect(() => renderEnvironment(fake.ctx, {
        network: vpcNetwork(fake),
        filesystems: [HarnessFilesystem.sessionStorage('/mnt/a'), HarnessFilesystem.fromS3FilesAccessPointArn(S3F_AP(1), '/mnt/a/')],
      })).toThrow(/filesystems\[1\].mountPath: "\/mnt\/a\/" is already used by filesystems\[0\]/);
    });

    test('fails for two session storages and three S3 Files mounts', () => {
      const fake = createFakeHarness();
      expect(() => renderEnvironment(fake.ctx, { filesystems: [HarnessFilesystem.sessionStorage('/mnt/a'), HarnessFilesystem.sessionStorage('/mnt/b')] }))
        .toThrow(/filesystems: has 2 sessionStorage mounts; at most 1 are allowed/);
      expect(() => renderEnvironment(fake.ctx, {
        network: vpcNetwork(fake), filesystems: [1, 2, 3].map(n => HarnessFilesystem.fromS3FilesAccessPointArn(S3F_AP(n), `/mnt/s${n}`)),
      })).toThrow(/filesystems: has 3 s3FilesAccessPoint mounts; at most 2/);
    });

    test('fails for six mounts', () => {
      const fake = createFakeHarness();
      const six = [HarnessFilesystem.sessionStorage('/mnt/a'), ...[1, 2, 3, 4, 5].map(n => HarnessFilesystem.fromS3FilesAccessPointArn(S3F_AP(n), `/mnt/s${n}`))];
      expect(() => renderEnvironment(fake.ctx, { network: vpcNetwork(fake), filesystems: six })).toThrow(/filesystems: has 6 mounts; at most 5/);
    });
  });

  describe('lifecycle', () => {
    test('renders seconds', () => {
      const fake = createFakeHarness();
      const env = renderEnvironment(fake.ctx, { idleSessionTimeout: Duration.minutes(10), maxSessionLifetime: Duration.hours(2) });
      fake.resource.environment = env.environment;
      fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
        Environment: { AgentCoreRuntimeEnvironment: { LifecycleConfiguration: { IdleRuntimeSessionTimeout: 600, MaxLifetime: 7200 } } },
      });
    });

    test.each([
      ['idle below 60 s', { idleSessionTimeout: Duration.seconds(59) }, /idleSessionTimeout: 59 seconds is out of range; it must be between 60 and 1209600/],
      ['max above 14 days', { maxSessionLifetime: Duration.days(15) }, /maxSessionLifetime: 1296000 seconds is out of range/],
      ['fractional seconds', { idleSessionTimeout: Duration.millis(60500) }, /idleSessionTimeout: .* is not a whole number of seconds/],
      ['idle above max', { idleSessionTimeout: Duration.hours(2), maxSessionLifetime: Duration.hours(1) }, /idleSessionTimeout: 7200 seconds is longer than maxSessionLifetime 3600 seconds/],
      ['idle above the default max', { idleSessionTimeout: Duration.hours(9) }, /idleSessionTimeout: 32400 seconds is longer than maxSessionLifetime 28800 seconds \(the service default\)/],
      ['max below the default idle', { maxSessionLifetime: Duration.minutes(10) }, /idleSessionTimeout: 900 seconds \(the service default\) is longer than maxSessionLifetime 600 seconds/],
    ])('fails for %s', (_what, options, error) => {
      const fake = createFakeHarness();
      expect(() => renderEnvironment(fake.ctx, options)).toThrow(error);
    });

    test('warns above 8 hours but renders the value', () => {
      const fake = createFakeHarness();
      const env = renderEnvironment(fake.ctx, { maxSessionLifetime: Duration.days(2) });
      fake.resource.environment = env.environment;
      Annotations.fromStack(fake.stack).hasWarning('*', Match.stringLikeRegexp('maxSessionLifetime is 172800 seconds.*at most 28800'));
      expect(env.environment?.agentCoreRuntimeEnvironment).toMatchObject({ lifecycleConfiguration: { maxLifetime: 172800 } });
    });

    test('token durations are not checked', () => {
      const fake = createFakeHarness();
      expect(() => renderEnvironment(fake.ctx, {
        idleSessionTimeout: Duration.seconds(Lazy.number({ produce: () => 99999 })), maxSessionLifetime: Duration.seconds(100),
      })).not.toThrow();
    });
  });
});
