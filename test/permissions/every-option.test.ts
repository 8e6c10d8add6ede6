import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { envOf, rolePairs, toPermissionInput } from './role-vs-module';
import {
  BedrockApiFormat, GatewayOutboundAuth, Harness, HarnessContainerImage, HarnessFilesystem, HarnessHook, HarnessMemory, HarnessModel,
  HarnessNetworkConfiguration, HarnessProps,
  HarnessSkill, HarnessSystemPrompt, HarnessTool, HookTarget, HarnessApiKey,
} from '../../src';
import { requiredPermissions } from '../../src/permissions/private/required-permissions';
import { createTestStack } from '../support/app';

const GATEWAY = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/search-abc1234567';
const OPENAI_KEY = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/openai';
const GEMINI_KEY = 'arn:aws:bedrock-agentcore:eu-west-1:210987654321:token-vault/team/apikeycredentialprovider/gemini';

/**
 * One harness per group of options; the role each synthesizes must allow exactly what the shared module derives
 * from the harness's rendered properties (plus the additional models, which are not properties).
 * Not compared here: S3 skills of a bucket in the same stack (the module derives the bucket ARN from the URI, the
 * construct uses the bucket's Arn attribute: the same ARN, different text; the module's S3 statements are what the
 * skill construct writes, so they cannot differ).
 */
const OAUTH = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github';
const OAUTH_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/oauth2/github-AbCdEf';
const GIT_KEY = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/git';
const GIT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/apikey/git-XyZ123';

const EFS_FS = 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678';
const EFS_AP = 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0';

const SCENARIOS: Record<string, {
  props: (stack: Stack) => Omit<HarnessProps, 'systemPrompt'>;
  additionalModels?: any[];
  /** The providers' own secrets, which the L2 grants know and the harness configuration does not. */
  secrets?: Record<string, string>;
  /** EFS access point → file system, which the harness configuration does not hold. */
  fileSystems?: Record<string, string>;
}> = {
  'Bedrock foundation model through Mantle (Responses API)': {
    props: () => ({ model: HarnessModel.bedrock({ modelId: 'openai.gpt-oss-120b-1:0', apiFormat: BedrockApiFormat.RESPONSES }), memory: HarnessMemory.disabled() }),
  },
  'application inference profile, and additional models with API keys in other vaults and accounts': {
    props: () => ({
      model: HarnessModel.bedrock({ modelId: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123' }),
      additionalModels: [HarnessModel.openAi({ modelId: 'gpt-5', apiKey: HarnessApiKey.fromCredentialProviderArn(OPENAI_KEY) }), HarnessModel.gemini({ modelId: 'gemini-2.5-pro', apiKey: HarnessApiKey.fromCredentialProviderArn(GEMINI_KEY) })],
      memory: HarnessMemory.disabled(),
    }),
    additionalModels: [{ openAiModelConfig: { apiKeyArn: OPENAI_KEY } }, { geminiModelConfig: { apiKeyArn: GEMINI_KEY } }],
  },
  'OpenAI model with an API key': {
    props: () => ({ model: HarnessModel.openAi({ modelId: 'gpt-5', apiKey: HarnessApiKey.fromCredentialProviderArn(OPENAI_KEY) }), memory: HarnessMemory.disabled() }),
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
        HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', { name: 'remote' }),
      ],
    }),
  },
  'hooks of every target type': {
    props: (stack) => ({
      model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }),
      memory: HarnessMemory.disabled(),
      hooks: [
        HarnessHook.beforeToolCall('guard', HookTarget.fromFunction(lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:guard'))),
        HarnessHook.afterInvocation('audit', HookTarget.fromTopic(sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:audit'))),
        HarnessHook.afterToolCall('events', HookTarget.fromEventBus(events.EventBus.fromEventBusArn(stack, 'Bus', 'arn:aws:events:us-east-1:123456789012:event-bus/agents'))),
      ],
    }),
  },
  'aws-cdk-lib references: gateway with OAuth, custom browser and code interpreter, existing memory, Git skill credential': {
    props: (stack) => {
      const role = iam.Role.fromRoleArn(stack, 'ResourceRole', 'arn:aws:iam::123456789012:role/resource-role');
      return {
        model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }),
        tools: [
          HarnessTool.fromGateway(agentcore.Gateway.fromGatewayAttributes(stack, 'Gw', {
            gatewayArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/github-abc1234567', gatewayId: 'github-abc1234567', gatewayName: 'github', role,
          }), {
            name: 'github',
            outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(stack, 'OAuth', {
              credentialProviderArn: OAUTH, credentialProviderVendor: 'GithubOauth2', clientSecretArn: OAUTH_SECRET,
            }), { scopes: ['repo'] }),
          }),
          HarnessTool.fromGateway(agentcore.Gateway.fromGatewayAttributes(stack, 'IamGw', {
            gatewayArn: GATEWAY, gatewayId: 'search-abc1234567', gatewayName: 'search', role,
          }), { name: 'search' }),
          HarnessTool.browser({
            browser: agentcore.BrowserCustom.fromBrowserCustomAttributes(stack, 'Browser', {
              browserArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:browser/mybrowser-abc1234567', roleArn: role.roleArn,
            }),
          }),
          HarnessTool.codeInterpreter({
            codeInterpreter: agentcore.CodeInterpreterCustom.fromCodeInterpreterCustomAttributes(stack, 'Ci', {
              codeInterpreterArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:code-interpreter/myci-abc1234567', roleArn: role.roleArn,
            }),
          }),
        ],
        skills: [HarnessSkill.fromGitRepository('https://github.com/example/skills.git', {
          credential: HarnessApiKey.fromCredentialProvider(agentcore.ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(stack, 'GitKey', {
            credentialProviderArn: GIT_KEY, apiKeySecretArn: GIT_SECRET,
          })),
        })],
        memory: HarnessMemory.fromMemory(agentcore.Memory.fromMemoryAttributes(stack, 'Memory', {
          memoryArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/agent_memory-a1b2c3d4e5', roleArn: role.roleArn,
        })),
      };
    },
    secrets: { [OAUTH]: OAUTH_SECRET, [GIT_KEY]: GIT_SECRET },
  },
  'EFS and S3 Files mounts in a VPC': {
    props: (stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      const accessPoint = efs.AccessPoint.fromAccessPointAttributes(stack, 'Ap', {
        accessPointArn: EFS_AP,
        fileSystem: efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
          fileSystemArn: EFS_FS, securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
        }),
      });
      return {
        model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }),
        memory: HarnessMemory.disabled(),
        network: HarnessNetworkConfiguration.vpc(stack, { vpc }),
        filesystems: [
          HarnessFilesystem.fromEfsAccessPoint(accessPoint, '/mnt/shared'),
          HarnessFilesystem.fromS3FilesAccessPointArn('arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0/access-point/fsap-0123456789abcdef0', '/mnt/s3'),
        ],
      };
    },
    fileSystems: { [EFS_AP]: EFS_FS },
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
  const needed = new Set(requiredPermissions({ ...input, memory, additionalModels: scenario.additionalModels }, envOf(stack), {
    secretArnOf: (arn) => scenario.secrets?.[arn],
    efsFileSystemArnOf: (arn) => scenario.fileSystems?.[arn],
  }).map((p) => `${p.action} ${p.resource}`));
  const granted = new Set(rolePairs(template, resource.Properties.ExecutionRoleArn['Fn::GetAtt'][0]).map((p) => `${p.action} ${p.resource}`));
  expect([...needed].filter((k) => !granted.has(k))).toEqual([]);
  expect([...granted].filter((k) => !needed.has(k))).toEqual([]);
});
