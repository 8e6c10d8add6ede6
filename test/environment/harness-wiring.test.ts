import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as efs from 'aws-cdk-lib/aws-efs';
import { HarnessContainerImage, HarnessFilesystem, HarnessMemory, HarnessNetworkConfiguration } from '../../src';
import { newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';
import { optionStatements } from '../support/option-statements';

describe('Harness environment', () => {
  test('VPC, EFS, session storage, lifecycle and an ECR image render together with exact grants', () => {
    const stack = createTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const fileSystem = new efs.FileSystem(stack, 'Fs', { vpc });
    const ap = fileSystem.addAccessPoint('Ap');
    const repo = ecr.Repository.fromRepositoryArn(stack, 'Repo', 'arn:aws:ecr:us-east-1:123456789012:repository/agent');
    const { harness } = newHarness({
      memory: HarnessMemory.disabled(),
      network: HarnessNetworkConfiguration.vpc(stack, { vpc }),
      filesystems: [HarnessFilesystem.sessionStorage('/mnt/session'), HarnessFilesystem.fromEfsAccessPoint(ap, '/mnt/shared')],
      idleSessionTimeout: Duration.minutes(5),
      maxSessionLifetime: Duration.hours(4),
      containerImage: HarnessContainerImage.fromEcrRepository(repo, 'v3'),
    }, stack);
    const template = Template.fromStack(stack);
    const sgId = stack.getLogicalId(harness.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup);
    const fsArn = { 'Fn::GetAtt': [stack.getLogicalId(fileSystem.node.defaultChild as efs.CfnFileSystem), 'Arn'] };
    const apArn = {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticfilesystem:us-east-1:123456789012:access-point/', { Ref: stack.getLogicalId(ap.node.defaultChild as efs.CfnAccessPoint) }]],
    };
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Environment: {
        AgentCoreRuntimeEnvironment: {
          NetworkConfiguration: {
            NetworkMode: 'VPC',
            NetworkModeConfig: {
              Subnets: vpc.privateSubnets.map(s => ({ Ref: stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet) })),
              SecurityGroups: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }],
            },
          },
          FilesystemConfigurations: [
            { SessionStorage: { MountPath: '/mnt/session' } },
            { EfsAccessPoint: { AccessPointArn: apArn, MountPath: '/mnt/shared' } },
          ],
          LifecycleConfiguration: { IdleRuntimeSessionTimeout: 300, MaxLifetime: 14400 },
        },
      },
      EnvironmentArtifact: {
        ContainerConfiguration: { ContainerUri: { 'Fn::Join': ['', ['123456789012.dkr.ecr.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/agent:v3']] } },
      },
    });
    expect(optionStatements(stack)).toEqual([
      {
        Effect: 'Allow',
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Resource: fsArn,
        Condition: { ArnEquals: { 'elasticfilesystem:AccessPointArn': apArn } },
      },
      { Effect: 'Allow', Action: 'elasticfilesystem:DescribeAccessPoints', Resource: apArn },
      { Effect: 'Allow', Action: 'elasticfilesystem:DescribeMountTargets', Resource: fsArn },
      {
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/agent',
      },
      { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    ]);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp', FromPort: 2049, ToPort: 2049, SourceSecurityGroupId: { 'Fn::GetAtt': [sgId, 'GroupId'] },
    });
  });

  test('an EFS mount without VPC fails', () => {
    const stack = createTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const ap = new efs.FileSystem(stack, 'Fs', { vpc }).addAccessPoint('Ap');
    expect(() => newHarness({ filesystems: [HarnessFilesystem.fromEfsAccessPoint(ap, '/mnt/x')] }, stack))
      .toThrow(/filesystems\[0\]: a efsAccessPoint mount needs VPC networking/);
  });

  test('idle longer than max fails', () => {
    expect(() => newHarness({ idleSessionTimeout: Duration.hours(2), maxSessionLifetime: Duration.hours(1) }))
      .toThrow(/idleSessionTimeout: 7200 seconds is longer than maxSessionLifetime 3600 seconds/);
  });
});
