import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { envOf, rolePairs, toPermissionInput } from './role-vs-module';
import {
  BedrockApiFormat, GatewayOutboundAuth, Harness, HarnessContainerImage, HarnessHook, HarnessMemory, HarnessModel, HarnessProps,
  HarnessSystemPrompt, HarnessTool, HookTarget,
} from '../../src';
import { requiredPermissions } from '../../src/permissions/required-permissions';
import { createTestStack } from '../support/app';

const GATEWAY = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/search-abc1234567';
const OPENAI_KEY = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/openai';
const GEMINI_KEY = 'arn:aws:bedrock-agentcore:eu-west-1:210987654321:token-vault/team/apikeycredentialprovider/gemini';

/**
 * One harness per group of options; the role each synthesizes must allow exactly what the shared module derives
 * from the harness's rendered properties (plus the additional models, which are not properties).
 * Not yet derived by the module, so not listed here: filesystems, Git skills with a credential provider,
 * S3 skills of a bucket in the same stack (the module derives the bucket ARN from the URI, the construct uses
 * the bucket's Arn attribute: the same ARN, different text), custom browsers and code interpreters.
 */
const SCENARIOS: Record<string, { props: (stack: Stack) => Omit<HarnessProps, 'systemPrompt'>; additionalModels?: any[] }> = {
  'Bedrock foundation model through Mantle (Responses API)': {
    props: () => ({ model: HarnessModel.bedrock({ modelId: 'openai.gpt-oss-120b-1:0', apiFormat: BedrockApiFormat.RESPONSES }), memory: HarnessMemory.disabled() }),
  },
  'application inference profile, and additional models with API keys in other vaults and accounts': {
    props: () => ({
      model: HarnessModel.bedrock({ modelId: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123' }),
      additionalModels: [HarnessModel.openAi({ modelId: 'gpt-5', apiKeyArn: OPENAI_KEY }), HarnessModel.gemini({ modelId: 'gemini-2.5-pro', apiKeyArn: GEMINI_KEY })],
      memory: HarnessMemory.disabled(),
    }),
    additionalModels: [{ openAiModelConfig: { apiKeyArn: OPENAI_KEY } }, { geminiModelConfig: { apiKeyArn: GEMINI_KEY } }],
  },
  'OpenAI model with an API key': {
    props: () => ({ model: HarnessModel.openAi({ modelId: 'gpt-5', apiKeyArn: OPENAI_KEY }), memory: HarnessMemory.disabled() }),
  },
  'every tool type, gateways with IAM and without auth': {
    props: () => ({
      model: HarnessModel.bedrock({ modelId: 'eu.anthropic.claude-sonnet-4-6' }),
      tools: [
        HarnessTool.fromGatewayArn(GATEWAY, { name: 'search' }),
        HarnessTool.fromGatewayArn('arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/open-def4567890', {
          name: 'open', outboundAuth: GatewayOutboundAuth.none(),
        }),
        HarnessTool.browser(),
        HarnessTool.codeInterpreter(),
        HarnessTool.remoteMcp('https://mcp.example.com/mcp', { name: 'remote' }),
      ],
    }),
  },
  'hooks of every target type': {
    props: (stack) => ({
      model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }),
      memory: HarnessMemory.disabled(),
      hooks: [
        HarnessHook.beforeToolCall('guard', HookTarget.lambda(lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:guard'))),
        HarnessHook.afterInvocation('audit', HookTarget.sns(sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:audit'))),
        HarnessHook.afterToolCall('events', HookTarget.eventBridge(events.EventBus.fromEventBusArn(stack, 'Bus', 'arn:aws:events:us-east-1:123456789012:event-bus/agents'))),
      ],
    }),
  },
  'container image from an ECR repository': {
    props: (stack) => ({
      model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }),
      containerImage: HarnessContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agent'), 'v1'),
      memory: HarnessMemory.disabled(),
    }),
  },
};

test.each(Object.entries(SCENARIOS))('%s: the role allows exactly what the module requires', (_name, scenario) => {
  const stack = createTestStack();
  new Harness(stack, 'Agent', { systemPrompt: HarnessSystemPrompt.fromText('Be brief.'), ...scenario.props(stack) });
  const template = Template.fromStack(stack);
  const [[id, resource]] = Object.entries(template.findResources('AWS::BedrockAgentCore::Harness')) as [string, any][];
  const input = toPermissionInput(resource.Properties);
  const memory = input.memory?.managedMemoryConfiguration
    ? { managedMemoryConfiguration: { ...input.memory.managedMemoryConfiguration, arn: `\${${id}.Memory.ManagedMemoryConfiguration.Arn}` } }
    : input.memory;
  const needed = new Set(requiredPermissions({ ...input, memory, additionalModels: scenario.additionalModels }, envOf(stack)).map((p) => `${p.action} ${p.resource}`));
  const granted = new Set(rolePairs(template, resource.Properties.ExecutionRoleArn['Fn::GetAtt'][0]).map((p) => `${p.action} ${p.resource}`));
  expect([...needed].filter((k) => !granted.has(k))).toEqual([]);
  expect([...granted].filter((k) => !needed.has(k))).toEqual([]);
});
