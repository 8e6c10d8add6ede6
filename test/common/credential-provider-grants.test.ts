import { SecretValue } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { GatewayOutboundAuth, HarnessApiKey, HarnessMemory, HarnessModel, HarnessSkill, HarnessTool } from '../../src';
import { newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';
import { optionStatements } from '../support/option-statements';

const GATEWAY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/my-gateway-abcdef1234';
const SECRET_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];

/** The secret ARN the grant derives from a provider ARN token: `bedrock-agentcore-identity!<vault>/<folder>/<name>-??????`. */
function derivedSecret(providerLogicalId: string, folder: string): any {
  const fields = { 'Fn::Split': [':', { 'Fn::GetAtt': [providerLogicalId, 'CredentialProviderArn'] }] };
  const path = { 'Fn::Split': ['/', { 'Fn::Select': [5, fields] }] };
  return {
    'Fn::Join': ['', [
      'arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { 'Fn::Select': [3, fields] }, ':', { 'Fn::Select': [4, fields] },
      ':secret:bedrock-agentcore-identity!', { 'Fn::Select': [1, path] }, `/${folder}/`, { 'Fn::Select': [3, path] }, '-??????',
    ]],
  };
}

function secretStatements(stack: any): any[] {
  return optionStatements(stack).filter(s => JSON.stringify(s.Action).includes('secretsmanager'));
}

describe('credential providers defined in the app are granted their own secret only', () => {
  test('an API-key provider of a model, and of a git skill', () => {
    const stack = createTestStack();
    const key = new agentcore.ApiKeyCredentialProvider(stack, 'OpenAiKey', { apiKey: SecretValue.secretsManager('/keys/openai') });
    const token = new agentcore.ApiKeyCredentialProvider(stack, 'GitToken', { apiKey: SecretValue.secretsManager('/keys/git') });
    newHarness({
      model: HarnessModel.openAi({ modelId: 'gpt-5', apiKey: HarnessApiKey.fromCredentialProvider(key) }),
      memory: HarnessMemory.disabled(),
      skills: [HarnessSkill.fromGitRepository('https://github.com/acme/skills', { credential: HarnessApiKey.fromCredentialProvider(token) })],
    }, stack);
    const secrets = secretStatements(stack);
    expect(secrets).toEqual([
      { Effect: 'Allow', Action: SECRET_ACTIONS, Resource: derivedSecret(stack.getLogicalId(key.node.defaultChild as any), 'apikey') },
      { Effect: 'Allow', Action: SECRET_ACTIONS, Resource: derivedSecret(stack.getLogicalId(token.node.defaultChild as any), 'apikey') },
    ]);
    expect(JSON.stringify(optionStatements(stack))).not.toContain('bedrock-agentcore-identity!*');
    expect(optionStatements(stack)).toContainEqual(expect.objectContaining({
      Action: 'bedrock-agentcore:GetResourceApiKey',
      Resource: expect.arrayContaining([{ 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as any), 'CredentialProviderArn'] }]),
    }));
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('wildcard prefix'));
  });

  test('an OAuth2 provider of a gateway tool', () => {
    const stack = createTestStack();
    const provider = agentcore.OAuth2CredentialProvider.usingGithub(stack, 'Github', {
      clientId: 'client', clientSecret: SecretValue.secretsManager('/oauth/github'),
    });
    newHarness({
      memory: HarnessMemory.disabled(),
      tools: [HarnessTool.fromGatewayArn(GATEWAY_ARN, { outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes: ['repo'] }) })],
    }, stack);
    const id = stack.getLogicalId(provider.node.defaultChild as any);
    expect(secretStatements(stack)).toEqual([{ Effect: 'Allow', Action: SECRET_ACTIONS, Resource: derivedSecret(id, 'oauth2') }]);
    expect(optionStatements(stack)).toContainEqual(expect.objectContaining({
      Action: ['bedrock-agentcore:GetResourceOauth2Token', 'bedrock-agentcore:CompleteResourceTokenAuth'],
    }));
    expect(JSON.stringify(optionStatements(stack))).not.toContain('bedrock-agentcore-identity!*');
  });

  test('a provider given by literal ARN gets the secret named after it, with its vault, account and region', () => {
    const providerArn = 'arn:aws:bedrock-agentcore:eu-west-1:210987654321:token-vault/team/oauth2credentialprovider/jira';
    const stack = createTestStack();
    newHarness({
      memory: HarnessMemory.disabled(),
      tools: [HarnessTool.fromGatewayArn(GATEWAY_ARN, {
        outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(
          agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(stack, 'Jira', { credentialProviderArn: providerArn, credentialProviderVendor: 'CustomOauth2' }),
          { scopes: ['read'] }),
      })],
    }, stack);
    expect(secretStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: SECRET_ACTIONS,
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:eu-west-1:210987654321:secret:bedrock-agentcore-identity!team/oauth2/jira-??????']] },
    }]);
  });
});
