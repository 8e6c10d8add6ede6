// A coding agent: its sessions run in a container image with a build toolchain, it works on pull
// requests through a source-control gateway target, and a caller can switch it to a stronger model
// in the middle of a session (InvokeHarness `model` override) for a hard problem.
//
// `cdk synth` only stages the image directory as an asset; `cdk deploy` builds it for linux/arm64
// (Docker or a compatible builder is needed then, not for synth).
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import {
  ApiKeyCredentialLocation,
  ApiKeyCredentialProvider,
  ApiSchema,
  Gateway,
  GatewayAuthorizer,
  GatewayCredentialProvider,
} from 'aws-cdk-lib/aws-bedrockagentcore';
import {
  Harness,
  HarnessContainerImage,
  HarnessFilesystem,
  HarnessMemory,
  HarnessModel,
  HarnessNagAcknowledgements,
  HarnessSystemPrompt,
  HarnessTool,
  HarnessTruncation,
} from '../../src';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const DEFAULT_MODEL = 'anthropic.claude-sonnet-4-6';
const ESCALATION_MODEL = 'anthropic.claude-opus-4-6-v1';

export function build(app: App): void {
  const stack = new Stack(app, 'CodingAgentStack', { env: { account: ACCOUNT, region: REGION } });

  // A fine-grained GitHub token, limited to the repositories the agent may work on, stored once in
  // AgentCore Identity. The template references the provider only; the gateway sends the token.
  const githubToken = ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(stack, 'GitHubToken', {
    credentialProviderArn: `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/github-coding-agent`,
    apiKeySecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:bedrock-agentcore-identity!default/apikey/github-coding-agent-Xy12Zw`,
  });

  const gateway = new Gateway(stack, 'SourceControlGateway', {
    description: 'Source-control tools of the coding agent',
    authorizerConfiguration: GatewayAuthorizer.usingAwsIam(),
  });
  gateway.addOpenApiTarget('GitHub', {
    gatewayTargetName: 'github',
    description: 'Pull requests, comments and CI runs (GitHub REST API)',
    apiSchema: ApiSchema.fromInline(fs.readFileSync(path.join(__dirname, 'source-control.openapi.json'), 'utf8')),
    credentialProviderConfigurations: [
      GatewayCredentialProvider.fromApiKeyIdentity(githubToken, {
        credentialLocation: ApiKeyCredentialLocation.header({ credentialParameterName: 'Authorization', credentialPrefix: 'Bearer ' }),
      }),
    ],
  });

  const agent = new Harness(stack, 'CodingAgent', {
    model: HarnessModel.bedrock({ modelId: `us.${DEFAULT_MODEL}`, maxTokens: 16_000 }),
    // Declared so the role may call it: an InvokeHarness request can switch to this model for one
    // turn of a session (e.g. a failing refactor) without redeploying or changing the harness.
    additionalModels: [HarnessModel.bedrock({ modelId: `us.${ESCALATION_MODEL}` })],
    systemPrompt: HarnessSystemPrompt.fromFile(path.join(__dirname, 'system-prompt.md')),
    containerImage: HarnessContainerImage.fromAsset(path.join(__dirname, 'image')),
    // The checkout, dependencies and build outputs survive between the turns of a session.
    filesystems: [HarnessFilesystem.sessionStorage('/mnt/workspace')],
    tools: [HarnessTool.fromGateway(gateway, { name: 'source_control' })],
    // Long build logs would crowd out the task: summarize old turns instead of dropping them.
    truncation: HarnessTruncation.summarization(),
    memory: HarnessMemory.disabled(),
    maxIterations: 100,
    timeout: Duration.hours(1),
    idleSessionTimeout: Duration.minutes(30),
  });

  HarnessNagAcknowledgements.acknowledgeExecutionRoleWildcards(agent);
  HarnessNagAcknowledgements.acknowledgeGatewayRoleWildcards(gateway);
}

if (require.main === module) {
  // As in a new project's cdk.json: aws-cdk-lib's bundled CloudFormation validation fails the synth.
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  build(app);
  app.synth();
}
