import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { GatewayOutboundAuth, HarnessMemory, HarnessTool } from '../../src';
import { newHarness } from '../harness/helpers';
import { optionStatements } from '../support/option-statements';

const GATEWAY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/my-gateway-abcdef1234';
const PROVIDER_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github';
const PROVIDER_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/oauth2/github-AbCdEf';
const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

describe('Harness with tools', () => {
  test('every tool type renders and grants exactly its own permissions', () => {
    const { stack, harness } = newHarness({
      memory: HarnessMemory.disabled(),
      tools: [HarnessTool.fromGatewayArn(GATEWAY_ARN, { name: 'gw' }), HarnessTool.browser({ name: 'web' })],
      allowedTools: ['gw', '@gw/search', 'web', 'python', 'shell'],
    });
    harness.addTool(HarnessTool.codeInterpreter({ name: 'python' }));
    harness.addTool(HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', { name: 'docs' }));
    harness.addTool(HarnessTool.inlineFunction({ name: 'approve', description: 'Ask a human', inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }));

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [
        { Type: 'agentcore_gateway', Name: 'gw', Config: { AgentCoreGateway: { GatewayArn: GATEWAY_ARN, OutboundAuth: { AwsIam: {} } } } },
        { Type: 'agentcore_browser', Name: 'web', Config: { AgentCoreBrowser: {} } },
        { Type: 'agentcore_code_interpreter', Name: 'python', Config: { AgentCoreCodeInterpreter: {} } },
        { Type: 'remote_mcp', Name: 'docs', Config: { RemoteMcp: { Url: 'https://mcp.example.com/mcp' } } },
        { Type: 'inline_function', Name: 'approve', Config: { InlineFunction: { Description: 'Ask a human', InputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } } } },
      ],
      AllowedTools: ['gw', '@gw/search', 'web', 'python', 'shell'],
    });
    expect(optionStatements(stack)).toEqual([
      { Effect: 'Allow', Action: 'bedrock-agentcore:InvokeGateway', Resource: GATEWAY_ARN },
      {
        Effect: 'Allow',
        Action: [
          'bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:StopBrowserSession', 'bedrock-agentcore:GetBrowserSession',
          'bedrock-agentcore:ListBrowserSessions', 'bedrock-agentcore:UpdateBrowserStream',
          'bedrock-agentcore:ConnectBrowserAutomationStream', 'bedrock-agentcore:ConnectBrowserLiveViewStream',
        ],
        Resource: arn(':bedrock-agentcore:us-east-1:aws:browser/aws.browser.v1'),
      },
      {
        Effect: 'Allow',
        Action: [
          'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:StopCodeInterpreterSession',
          'bedrock-agentcore:GetCodeInterpreterSession', 'bedrock-agentcore:ListCodeInterpreterSessions',
          'bedrock-agentcore:InvokeCodeInterpreter',
        ],
        Resource: arn(':bedrock-agentcore:us-east-1:aws:code-interpreter/aws.codeinterpreter.v1'),
      },
    ]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('allowed-tool-unmatched'));
  });

  test('a gateway with OAuth grants token-vault use and no InvokeGateway', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    const provider = agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(stack, 'P', {
      credentialProviderArn: PROVIDER_ARN, credentialProviderVendor: 'GithubOauth2', clientSecretArn: PROVIDER_SECRET,
    });
    harness.addTool(HarnessTool.fromGatewayArn(GATEWAY_ARN, { outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes: ['repo'] }) }));
    expect(optionStatements(stack)).toEqual([
      {
        Effect: 'Allow',
        Action: ['bedrock-agentcore:GetResourceOauth2Token', 'bedrock-agentcore:CompleteResourceTokenAuth'],
        Resource: [
          PROVIDER_ARN,
          arn(':bedrock-agentcore:us-east-1:123456789012:token-vault/default'),
          arn(':bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/*'),
        ],
      },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: PROVIDER_SECRET },
    ]);
  });

  test('duplicate tool names fail at synth, also when added later', () => {
    const { stack, harness } = newHarness({ tools: [HarnessTool.browser({ name: 'web' })] });
    harness.addTool(HarnessTool.fromRemoteMcpUrl('https://x.example.com', { name: 'web' }));
    expect(() => Template.fromStack(stack)).toThrow(/tools\[1\].name: "web" is already used by another tool/);
  });

  test('an allowedTools entry matching nothing is warned about', () => {
    const { stack } = newHarness({ tools: [HarnessTool.browser({ name: 'web' })], allowedTools: ['webb'] });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('allowedTools\\[0\\] "webb" matches no declared tool'));
  });

  test('a malformed allowedTools entry fails at synth', () => {
    const { stack } = newHarness({ allowedTools: ['a/b/c'] });
    expect(() => Template.fromStack(stack)).toThrow(/allowedTools\[0\]: "a\/b\/c" does not match/);
  });
});
