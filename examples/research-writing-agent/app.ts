// A research and writing agent: it searches the web through an AgentCore gateway, reads pages with
// the managed browser, writes spreadsheets with Anthropic's xlsx skill, and remembers each user's
// preferences in managed memory.
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
  HarnessMemory,
  HarnessModel,
  HarnessNagAcknowledgements,
  HarnessSkill,
  HarnessSystemPrompt,
  HarnessTool,
  HarnessMemoryStrategy,
} from '../../src';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

export function build(app: App): void {
  const stack = new Stack(app, 'ResearchWritingAgentStack', { env: { account: ACCOUNT, region: REGION } });

  // The search API key is stored once in AgentCore Identity (console or CLI), never in this app:
  // the template only references the credential provider, and the gateway reads the key at call time.
  const searchApiKey = ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(stack, 'SearchApiKey', {
    credentialProviderArn: `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/brave-search`,
    apiKeySecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:bedrock-agentcore-identity!default/apikey/brave-search-Ab12Cd`,
  });

  // IAM inbound auth: only principals granted InvokeGateway (the harness's role, below) can call it,
  // so no user pool or token issuer is needed for an agent-only gateway.
  const gateway = new Gateway(stack, 'ToolGateway', {
    description: 'Tools of the research and writing agent',
    authorizerConfiguration: GatewayAuthorizer.usingAwsIam(),
  });
  // The harness keeps its conversations (managed memory), so it is retained with the stack; the gateway it
  // calls is retained too, or the retained harness would point at a deleted gateway.
  gateway.applyRemovalPolicy(RemovalPolicy.RETAIN);
  gateway.addOpenApiTarget('WebSearch', {
    gatewayTargetName: 'web-search',
    description: 'Web search (Brave Search API)',
    // Inline rather than an S3 asset: the spec is small, and the template stays self-contained.
    apiSchema: ApiSchema.fromInline(fs.readFileSync(path.join(__dirname, 'web-search.openapi.json'), 'utf8')),
    credentialProviderConfigurations: [
      GatewayCredentialProvider.fromApiKeyIdentity(searchApiKey, {
        credentialLocation: ApiKeyCredentialLocation.header({ credentialParameterName: 'X-Subscription-Token' }),
      }),
    ],
  });

  const agent = new Harness(stack, 'ResearchWriter', {
    model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6', temperature: 0.3 }),
    systemPrompt: HarnessSystemPrompt.fromFile(path.join(__dirname, 'system-prompt.md')),
    tools: [
      HarnessTool.fromGateway(gateway, { name: 'web_search' }),
      HarnessTool.browser({ name: 'browser' }),
    ],
    skills: [HarnessSkill.fromGitRepository('https://github.com/anthropics/skills', { path: 'document-skills/xlsx' })],
    memory: HarnessMemory.managed({
      strategies: [HarnessMemoryStrategy.SEMANTIC, HarnessMemoryStrategy.SUMMARIZATION, HarnessMemoryStrategy.USER_PREFERENCE],
      eventExpiry: Duration.days(90),
    }),
    maxIterations: 40,
    timeout: Duration.minutes(20),
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
