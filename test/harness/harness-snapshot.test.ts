import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { expectNoUnscopedStar } from './helpers';
import {
  BedrockApiFormat, Harness, HarnessMemory, HarnessModel, HarnessSystemPrompt, HarnessTruncation, HarnessApiKey,
} from '../../src';
import { createTestStack } from '../support/app';

test('snapshot: a harness with every core option', () => {
  const stack = createTestStack();
  Tags.of(stack).add('project', 'agents');
  const harness = new Harness(stack, 'Agent', {
    model: HarnessModel.bedrock({
      modelId: 'global.anthropic.claude-sonnet-4-6',
      apiFormat: BedrockApiFormat.CONVERSE_STREAM,
      temperature: 0.2,
      maxTokens: 8192,
    }),
    additionalModels: [
      HarnessModel.gemini({
        modelId: 'gemini-2.5-pro',
        apiKey: HarnessApiKey.fromCredentialProviderArn('arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/gemini'),
      }),
    ],
    systemPrompt: HarnessSystemPrompt.fromText('You are a careful assistant.'),
    maxIterations: 25,
    maxTokens: 50000,
    timeout: Duration.minutes(15),
    truncation: HarnessTruncation.summarization({ summaryRatio: 0.25, preserveRecentMessages: 6 }),
    environmentVariables: { LOG_LEVEL: 'info' },
    allowedTools: ['*'],
    tags: { team: 'platform' },
    memory: HarnessMemory.managed(),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  harness.grantInvoke(new iam.Role(stack, 'Invoker', { assumedBy: new iam.AccountRootPrincipal() }));
  const template = Template.fromStack(stack);
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy')) as any[]) {
    expectNoUnscopedStar(policy.Properties.PolicyDocument.Statement);
  }
  expect(template.toJSON()).toMatchSnapshot();
});
