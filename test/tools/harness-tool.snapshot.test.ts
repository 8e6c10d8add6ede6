import { SecretValue } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { GatewayOAuthGrantType, GatewayOutboundAuth, HarnessTool, RemoteMcpHeader } from '../../src';
import { createFakeHarness } from '../support/bind-context';

test('every tool type, rendered into a template', () => {
  const fake = createFakeHarness();
  const provider = agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(fake.stack, 'Provider', {
    credentialProviderArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github',
    credentialProviderVendor: 'GithubOauth2',
  });
  const gateway = new agentcore.Gateway(fake.stack, 'Gateway', { gatewayName: 'tools', authorizerConfiguration: agentcore.GatewayAuthorizer.usingAwsIam() });
  fake.resource.tools = [
    HarnessTool.fromGateway(gateway, { name: 'tools' }),
    HarnessTool.fromGatewayArn('arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/github-abcdef1234', {
      name: 'github',
      outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes: ['repo'], grantType: GatewayOAuthGrantType.CLIENT_CREDENTIALS }),
    }),
    HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
      name: 'docs',
      headers: { Authorization: RemoteMcpHeader.fromSecretValue(SecretValue.secretsManager('mcp/docs')) },
    }),
    HarnessTool.browser({ name: 'web' }),
    HarnessTool.codeInterpreter({ name: 'python' }),
    HarnessTool.inlineFunction({ name: 'approve', description: 'Ask a human to approve', inputSchema: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } }),
  ].map(t => t._bind(fake.ctx));
  expect(fake.template().toJSON()).toMatchSnapshot();
});
