import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { HarnessContainerImage, HarnessMemory } from '../../src';
import { newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';
import { executionRoleStatements } from '../support/option-statements';

const PUBLIC_PULL = ['ecr-public:GetAuthorizationToken', 'sts:GetServiceBearerToken'];

function publicPull(stack: any): any[] {
  return executionRoleStatements(stack).filter(s => JSON.stringify(s.Action) === JSON.stringify(PUBLIC_PULL));
}

describe('container image sources', () => {
  test('a public registry image renders its URI and gets only the ECR Public pull statement', () => {
    const uri = 'public.ecr.aws/docker/library/python:3.12-slim';
    const { stack } = newHarness({ memory: HarnessMemory.disabled(), containerImage: HarnessContainerImage.fromPublicRegistry(uri) });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      EnvironmentArtifact: { ContainerConfiguration: { ContainerUri: uri } },
    });
    expect(publicPull(stack)).toEqual([{ Sid: 'PullPublicImage', Effect: 'Allow', Action: PUBLIC_PULL, Resource: '*' }]);
    expect(JSON.stringify(executionRoleStatements(stack))).not.toMatch(/"ecr:/);
  });

  test.each([
    ['a private registry URI', '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1'],
    ['docker hub', 'docker.io/library/python:3.12'],
    ['no repository', 'public.ecr.aws/'],
  ])('fromPublicRegistry refuses %s', (_name, uri) => {
    expect(() => HarnessContainerImage.fromPublicRegistry(uri)).toThrow(/containerImage.*public\.ecr\.aws/);
  });

  test('the default runtime image gets the ECR Public pull statement; a private image does not', () => {
    const { stack } = newHarness({ memory: HarnessMemory.disabled() });
    expect(publicPull(stack)).toHaveLength(1);

    const other = createTestStack();
    const repository = ecr.Repository.fromRepositoryArn(other, 'Repo', 'arn:aws:ecr:us-east-1:123456789012:repository/agents/app');
    newHarness({ memory: HarnessMemory.disabled(), containerImage: HarnessContainerImage.fromEcrRepository(repository, 'v1') }, other);
    expect(publicPull(other)).toEqual([]);
    expect(JSON.stringify(executionRoleStatements(other))).toContain('ecr:BatchGetImage');
  });

  test('an ecr-public repository ARN passed as a private repository fails at synth instead of rendering a malformed URI', () => {
    const stack = createTestStack();
    const repository = ecr.Repository.fromRepositoryArn(stack, 'Repo', 'arn:aws:ecr-public::123456789012:repository/app');
    expect(() => HarnessContainerImage.fromEcrRepository(repository)).toThrow(
      /containerImage\.repository.*arn:aws:ecr-public::123456789012:repository\/app.*private ECR repository ARN.*fromPublicRegistry/);
  });
});
