import { CfnParameter, Lazy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { HarnessFilesystem, HarnessNetworkConfiguration } from '../../src';
import { renderEnvironment } from '../../src/environment/private/render-environment';
import { createFakeHarness, roleStatements } from '../support/bind-context';

const S3F_AP = 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0/access-point/fsap-0123456789abcdef0';
const S3F_FS = 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0';

function vpcFake() {
  const fake = createFakeHarness();
  const vpc = new ec2.Vpc(fake.stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  return { fake, vpc, network: HarnessNetworkConfiguration.vpc(fake.stack, { vpc }) };
}

describe('HarnessFilesystem', () => {
  test('session storage needs no VPC or IAM', () => {
    const fake = createFakeHarness();
    const env = renderEnvironment(fake.ctx, { filesystems: [HarnessFilesystem.sessionStorage('/mnt/work')] });
    fake.resource.environment = env.environment;
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Environment: { AgentCoreRuntimeEnvironment: { FilesystemConfigurations: [{ SessionStorage: { MountPath: '/mnt/work' } }] } },
    });
    expect(roleStatements(fake)).toEqual([]);
  });

  test('an EFS access point grants mount and write through that access point only, and opens NFS from the harness', () => {
    const { fake, vpc, network } = vpcFake();
    const fileSystem = new efs.FileSystem(fake.stack, 'Fs', { vpc });
    const ap = fileSystem.addAccessPoint('Ap');
    const env = renderEnvironment(fake.ctx, { network, filesystems: [HarnessFilesystem.fromEfsAccessPoint(ap, '/mnt/shared/')] });
    fake.resource.environment = env.environment;
    const template = fake.template();
    const fsArn = { 'Fn::GetAtt': [fake.stack.getLogicalId(fileSystem.node.defaultChild as efs.CfnFileSystem), 'Arn'] };
    const apId = fake.stack.getLogicalId(ap.node.defaultChild as efs.CfnAccessPoint);
    const apArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticfilesystem:us-east-1:123456789012:access-point/', { Ref: apId }]] };
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Environment: { AgentCoreRuntimeEnvironment: { FilesystemConfigurations: [{ EfsAccessPoint: { AccessPointArn: apArn, MountPath: '/mnt/shared/' } }] } },
    });
    expect(roleStatements(fake)).toEqual([
      {
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Effect: 'Allow',
        Resource: fsArn,
        Condition: { ArnEquals: { 'elasticfilesystem:AccessPointArn': apArn } },
      },
      { Action: 'elasticfilesystem:DescribeAccessPoints', Effect: 'Allow', Resource: apArn },
      { Action: 'elasticfilesystem:DescribeMountTargets', Effect: 'Allow', Resource: fsArn },
    ]);
    // NFS from the harness's security group to the file system's.
    const sgId = fake.stack.getLogicalId(env.connections!.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp', FromPort: 2049, ToPort: 2049, SourceSecurityGroupId: { 'Fn::GetAtt': [sgId, 'GroupId'] },
    });
  });

  test('an S3 Files access point grants mount and write on its file system through that access point', () => {
    const { fake, network } = vpcFake();
    fake.resource.environment = renderEnvironment(fake.ctx, {
      network, filesystems: [HarnessFilesystem.fromS3FilesAccessPointArn(S3F_AP, '/mnt/s3')],
    }).environment;
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Environment: { AgentCoreRuntimeEnvironment: { FilesystemConfigurations: [{ S3FilesAccessPoint: { AccessPointArn: S3F_AP, MountPath: '/mnt/s3' } }] } },
    });
    expect(roleStatements(fake)).toEqual([
      {
        Action: ['s3files:ClientMount', 's3files:ClientWrite'],
        Effect: 'Allow',
        Resource: S3F_FS,
        Condition: { ArnEquals: { 's3files:AccessPointArn': S3F_AP } },
      },
      {
        Action: ['s3files:GetAccessPoint', 's3files:GetFileSystem', 's3files:ListMountTargets', 's3files:GetMountTarget'],
        Effect: 'Allow',
        Resource: '*',
      },
    ]);
  });

  test('a token S3 Files ARN derives the file system ARN at deploy time', () => {
    const { fake, network } = vpcFake();
    const apArn = new CfnParameter(fake.stack, 'ApArn').valueAsString;
    fake.resource.environment = renderEnvironment(fake.ctx, {
      network, filesystems: [HarnessFilesystem.fromS3FilesAccessPointArn(apArn, '/mnt/s3')],
    }).environment;
    expect(roleStatements(fake)[0]).toEqual({
      Action: ['s3files:ClientMount', 's3files:ClientWrite'],
      Effect: 'Allow',
      Resource: { 'Fn::Select': [0, { 'Fn::Split': ['/access-point/', { Ref: 'ApArn' }] }] },
      Condition: { ArnEquals: { 's3files:AccessPointArn': { Ref: 'ApArn' } } },
    });
  });

  test('a token mount path is not checked', () => {
    expect(() => HarnessFilesystem.sessionStorage(Lazy.string({ produce: () => '/data' }))).not.toThrow();
  });

  test.each([
    ['outside /mnt', '/data/x', /filesystems.mountPath: "\/data\/x" does not match one directory under \/mnt/],
    ['two levels deep', '/mnt/a/b', /filesystems.mountPath: .* does not match/],
    ['too short', '/mnt/', /filesystems.mountPath: "\/mnt\/" is 5 characters long; it must be at least 6/],
    ['too long', `/mnt/${'a'.repeat(196)}`, /filesystems.mountPath: .* at most 200/],
    ['with a space', '/mnt/a b', /filesystems.mountPath/],
  ])('fails for a mount path %s', (_what, mountPath, error) => {
    expect(() => HarnessFilesystem.sessionStorage(mountPath)).toThrow(error);
  });

  test.each([
    ['an access point ARN of another service', 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0'],
    ['a file system ARN', S3F_FS],
  ])('fails for an S3 Files ARN that is %s', (_what, arn) => {
    expect(() => HarnessFilesystem.fromS3FilesAccessPointArn(arn, '/mnt/x')).toThrow(/filesystems.s3FilesAccessPoint: .* does not match an S3 Files access point ARN/);
  });

  test('fails for an EFS access point with a malformed ARN', () => {
    const fake = createFakeHarness();
    const ap = efs.AccessPoint.fromAccessPointAttributes(fake.stack, 'Ap', {
      accessPointArn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678',
      fileSystem: efs.FileSystem.fromFileSystemAttributes(fake.stack, 'Fs', {
        fileSystemId: 'fs-12345678', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(fake.stack, 'Sg', 'sg-12345678'),
      }),
    });
    expect(() => HarnessFilesystem.fromEfsAccessPoint(ap, '/mnt/x')).toThrow(/filesystems.efsAccessPoint: .* does not match an EFS access point ARN/);
  });
});
