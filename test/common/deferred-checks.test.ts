import { App, Aws, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Harness, HarnessContainerImage, HarnessMemory, HarnessModel } from '../../src';
import { createTestStack } from '../support/app';

// A token is checked at synth on what it resolves to: a Lazy in full, literal text around pseudo
// parameters with the pseudo parameters as in each partition; a resource reference is skipped.

const synth = (stack: Stack) => () => Template.fromStack(stack);

function harness(stack: Stack, props: Partial<ConstructorParameters<typeof Harness>[2]> = {}): Harness {
  return new Harness(stack, 'Agent', { model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }), memory: HarnessMemory.disabled(), ...props });
}

describe('Lazy values', () => {
  test('a Lazy model id with whitespace fails at synth, naming the property and the construct', () => {
    const stack = createTestStack();
    harness(stack, { model: HarnessModel.bedrock({ modelId: Lazy.string({ produce: () => 'anthropic claude' }) }) });
    expect(synth(stack)).toThrow(/\[TestStack\/Agent\] model\.modelId: "anthropic claude" is not a valid bedrock model id \(it contains whitespace\)/i);
  });

  test('a Lazy number out of range fails with its unit-less range', () => {
    const stack = createTestStack();
    harness(stack, { maxIterations: Lazy.number({ produce: () => 0 }) });
    expect(synth(stack)).toThrow(/maxIterations: 0 is out of range; it must be at least 1/);
  });

  test('a Lazy endpoint description over 256 characters fails on the endpoint', () => {
    const stack = createTestStack();
    harness(stack).addEndpoint('STAGING', { description: Lazy.string({ produce: () => 'd'.repeat(257) }) });
    expect(synth(stack)).toThrow(/\[TestStack\/Agent\/EndpointSTAGING\] description: "d+\.\.\." is 257 characters long; it must be at most 256/);
  });

  test('valid Lazy values synthesize and render as produced', () => {
    const stack = createTestStack();
    harness(stack, {
      model: HarnessModel.bedrock({ modelId: Lazy.string({ produce: () => 'anthropic.claude-sonnet-4-6' }) }),
      maxIterations: Lazy.number({ produce: () => 10 }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Model: { BedrockModelConfig: { ModelId: 'anthropic.claude-sonnet-4-6' } },
      MaxIterations: 10,
    });
  });
});

describe('literal text around pseudo parameters', () => {
  test('an ECR repository whose name cannot be in an image URI fails at synth, showing the URI with its pseudo parameters', () => {
    const stack = createTestStack();
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'Agents Repo');
    harness(stack, { containerImage: HarnessContainerImage.fromEcrRepository(repository, 'v1') });
    expect(synth(stack)).toThrow(/containerImage: ".*Agents Repo:v1" does not match .*\$\{AWS::URLSuffix\}\/Agents Repo:v1/);
  });

  test('a valid ECR image URI passes in an environment-agnostic stack (pseudo parameters in every part)', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'agents/repo');
    harness(stack, { containerImage: HarnessContainerImage.fromEcrRepository(repository, 'v1') });
    expect(synth(stack)).not.toThrow();
  });

  test('a model id joined from literal text and a pseudo parameter is checked with the pseudo parameter as in each partition', () => {
    const stack = createTestStack();
    harness(stack, { model: HarnessModel.bedrock({ modelId: `${Aws.REGION} model` }) });
    expect(synth(stack)).toThrow(/model\.modelId: "us-east-1 model" is not a valid bedrock model id .*"\$\{AWS::Region\} model" at synth/i);
  });
});

describe('resource references', () => {
  test('a value that references a resource is known only at deploy and is not checked', () => {
    const stack = createTestStack();
    const role = new iam.Role(stack, 'Other', { assumedBy: new iam.AccountRootPrincipal() });
    // A role id is nothing like a model id: a check at synth would wrongly fail.
    harness(stack, { model: HarnessModel.bedrock({ modelId: role.roleId }) });
    expect(synth(stack)).not.toThrow();
  });
});
