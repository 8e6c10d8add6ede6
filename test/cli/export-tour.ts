// Harnesses that use the options the examples leave out, so that the export round-trip covers them too.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  BedrockApiFormat, Harness, HarnessAuthorizer, HarnessContainerImage, HarnessFilesystem, HarnessHook, HarnessJwtClaim,
  HarnessMemory, HarnessModel, HarnessNetworkConfiguration, HarnessSkill, HarnessSystemPrompt, HarnessTool,
  HarnessTruncation, HookFailureMode, HookTarget, HarnessMemoryStrategy, OpenAiApiFormat, HarnessApiKey,
} from '../../src';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const API_KEY = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/provider`;

export function buildTourStacks(app: App): Stack[] {
  const env = { account: ACCOUNT, region: REGION };

  const a = new Stack(app, 'TourA', { env });
  const repository = ecr.Repository.fromRepositoryAttributes(a, 'Repo', {
    repositoryArn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/agents/tour`, repositoryName: 'agents/tour',
  });
  new Harness(a, 'Tour', {
    model: HarnessModel.bedrock({
      modelId: 'us.anthropic.claude-sonnet-4-6',
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 4000,
      apiFormat: BedrockApiFormat.CONVERSE_STREAM,
      additionalParams: { reasoning: { budget: 1024 } },
    }),
    systemPrompt: HarnessSystemPrompt.fromText("Line one with 'quotes'.\nLine two with `ticks` and ${braces}."),
    maxIterations: 12,
    maxTokens: 20000,
    timeout: Duration.seconds(90),
    truncation: HarnessTruncation.slidingWindow({ messagesCount: 25 }),
    environmentVariables: { 'STAGE': 'prod', 'LOG-LEVEL': 'debug' },
    allowedTools: ['*', '@builtin'],
    tags: { 'team': 'agents', 'cost:centre': '42' },
    tools: [
      HarnessTool.inlineFunction({ name: 'lookup', description: 'Looks up an order', inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } }),
      HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', { name: 'docs' }),
      HarnessTool.codeInterpreter(),
      HarnessTool.fromGatewayArn(`arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:gateway/crm-abcdefghij`, { name: 'crm' }),
    ],
    skills: [
      HarnessSkill.fromContainerPath('/opt/skills/pdf'),
      HarnessSkill.fromGitRepository('https://github.com/example/skills', { path: 'docs/xlsx' }),
      HarnessSkill.fromBucket(s3.Bucket.fromBucketName(a, 'Skills', 'tour-skills-bucket'), 'skills/'),
      HarnessSkill.aws(['aws/*']),
      HarnessSkill.fromGitRepository('https://git.example.com/private/skills', {
        credential: HarnessApiKey.fromCredentialProviderArn(API_KEY),
        username: 'bot',
      }),
    ],
    memory: HarnessMemory.managed({ strategies: [HarnessMemoryStrategy.SEMANTIC, HarnessMemoryStrategy.EPISODIC], eventExpiry: Duration.days(60) }),
    hooks: [
      HarnessHook.beforeToolCall('guard', HookTarget.fromFunction(lambda.Function.fromFunctionArn(a, 'Guard', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:guard`), {
        timeout: Duration.seconds(20), failureMode: HookFailureMode.ALLOW,
      })),
      HarnessHook.afterInvocation('audit', HookTarget.fromTopic(sns.Topic.fromTopicArn(a, 'Audit', `arn:aws:sns:${REGION}:${ACCOUNT}:audit`))),
      HarnessHook.afterToolCall('trace', HookTarget.fromEventBus(events.EventBus.fromEventBusArn(a, 'Bus', `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/agents`))),
    ],
    containerImage: HarnessContainerImage.fromEcrRepository(repository, 'v1.2.0'),
    network: HarnessNetworkConfiguration.publicNetwork(),
    filesystems: [HarnessFilesystem.sessionStorage('/mnt/work')],
    idleSessionTimeout: Duration.minutes(20),
    maxSessionLifetime: Duration.hours(4),
    authorizer: HarnessAuthorizer.jwt({
      discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
      allowedAudience: ['agents'],
      allowedClients: ['web'],
      allowedScopes: ['agent:invoke'],
      customClaims: [
        HarnessJwtClaim.stringEquals('tenant', 'acme'),
        HarnessJwtClaim.arrayContains('groups', 'support'),
        HarnessJwtClaim.arrayContainsAny('roles', ['admin', 'agent']),
      ],
    }),
  });

  const b = new Stack(app, 'TourB', { env });
  new Harness(b, 'OpenAi', {
    model: HarnessModel.openAi({ modelId: 'gpt-5', apiKey: HarnessApiKey.fromCredentialProviderArn(API_KEY), apiFormat: OpenAiApiFormat.RESPONSES, apiBase: 'https://llm.example.com/v1' }),
    memory: HarnessMemory.disabled(),
    truncation: HarnessTruncation.summarization({ summaryRatio: 0.4, preserveRecentMessages: 6, summarizationSystemPrompt: 'Summarize.' }),
  });
  new Harness(b, 'Gemini', {
    model: HarnessModel.gemini({ modelId: 'gemini-2.5-pro', apiKey: HarnessApiKey.fromCredentialProviderArn(API_KEY), topK: 40 }),
    memory: HarnessMemory.disabled(),
    truncation: HarnessTruncation.none(),
  });
  new Harness(b, 'LiteLlm', {
    model: HarnessModel.liteLlm({ modelId: 'anthropic/claude-3-sonnet', apiBase: 'https://litellm.example.com' }),
    memory: HarnessMemory.disabled(),
  });
  return [a, b];
}
