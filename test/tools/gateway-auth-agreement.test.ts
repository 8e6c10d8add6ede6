import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { GatewayOutboundAuth, HarnessMemory, HarnessTool } from '../../src';
import { newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';

const PROVIDER_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/gw';

function setup(authorizerConfiguration?: agentcore.IGatewayAuthorizerConfig) {
  const stack = createTestStack();
  const gateway = new agentcore.Gateway(stack, 'Gw', { gatewayName: 'tools-gw', authorizerConfiguration });
  const provider = agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(stack, 'P', {
    credentialProviderArn: PROVIDER_ARN, credentialProviderVendor: 'CustomOauth2',
  });
  return { stack, gateway, provider };
}

function outboundAuthOf(stack: any): any {
  const harness = Object.values(Template.fromStack(stack).findResources('AWS::BedrockAgentCore::Harness'))[0] as any;
  return harness.Properties.Tools[0].Config.AgentCoreGateway.OutboundAuth;
}

describe('gateway outbound auth agrees with the gateway inbound authorizer', () => {
  test('the default follows an IAM authorizer (SigV4) and a NONE authorizer (no credentials)', () => {
    const iamGw = setup(agentcore.GatewayAuthorizer.usingAwsIam());
    newHarness({ memory: HarnessMemory.disabled(), tools: [HarnessTool.fromGateway(iamGw.gateway)] }, iamGw.stack);
    expect(outboundAuthOf(iamGw.stack)).toEqual({ AwsIam: {} });

    const open = setup(new agentcore.NoAuthAuthorizer());
    newHarness({ memory: HarnessMemory.disabled(), tools: [HarnessTool.fromGateway(open.gateway)] }, open.stack);
    expect(outboundAuthOf(open.stack)).toEqual({ None: {} });
    expect(JSON.stringify(Template.fromStack(open.stack).toJSON())).not.toContain('bedrock-agentcore:InvokeGateway');
  });

  test('a JWT gateway (aws-cdk-lib\'s default Cognito authorizer) without outboundAuth fails, saying what to pass', () => {
    const { gateway } = setup();
    expect(() => HarnessTool.fromGateway(gateway, { name: 'gw' })).toThrow(
      /tools\[gw\]\.outboundAuth.*not set.*TestStack\/Gw has a CUSTOM_JWT inbound authorizer.*GatewayOutboundAuth\.fromOAuthCredentialProvider\(provider/);
  });

  test('a JWT gateway with OAuth outbound auth is accepted', () => {
    const { stack, gateway, provider } = setup();
    newHarness({
      memory: HarnessMemory.disabled(),
      tools: [HarnessTool.fromGateway(gateway, { outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes: ['tools/invoke'] }) })],
    }, stack);
    expect(outboundAuthOf(stack)).toEqual({ Oauth: { ProviderArn: PROVIDER_ARN, Scopes: ['tools/invoke'] } });
  });

  test.each([
    ['iam() against a JWT gateway', undefined, () => GatewayOutboundAuth.iam(), /GatewayOutboundAuth\.iam\(\) \(SigV4\) but gateway TestStack\/Gw has a CUSTOM_JWT/],
    ['none() against a JWT gateway', undefined, () => GatewayOutboundAuth.none(), /GatewayOutboundAuth\.none\(\).*CUSTOM_JWT/],
    ['none() against an IAM gateway', agentcore.GatewayAuthorizer.usingAwsIam(), () => GatewayOutboundAuth.none(), /none\(\).*AWS_IAM inbound authorizer.*use GatewayOutboundAuth\.iam\(\)/],
    ['iam() against a NONE gateway', new agentcore.NoAuthAuthorizer(), () => GatewayOutboundAuth.iam(), /iam\(\).*NONE inbound authorizer.*GatewayOutboundAuth\.none\(\)/],
  ])('%s fails naming both sides', (_name, authorizer, auth, message) => {
    const { gateway } = setup(authorizer);
    expect(() => HarnessTool.fromGateway(gateway, { outboundAuth: auth() })).toThrow(message);
  });

  test('fromOAuthCredentialProvider() against an IAM gateway fails', () => {
    const { gateway, provider } = setup(agentcore.GatewayAuthorizer.usingAwsIam());
    expect(() => HarnessTool.fromGateway(gateway, { outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes: ['x'] }) }))
      .toThrow(/fromOAuthCredentialProvider\(\) \(a bearer token\) but gateway TestStack\/Gw has a AWS_IAM inbound authorizer/);
  });

  test('an imported gateway, whose authorizer aws-cdk-lib does not know, keeps the IAM default', () => {
    const stack = createTestStack();
    const gateway = agentcore.Gateway.fromGatewayAttributes(stack, 'Imported', {
      gatewayArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/my-gateway-abcdef1234',
      gatewayId: 'my-gateway-abcdef1234',
      gatewayName: 'my-gateway',
      role: { roleArn: 'arn:aws:iam::123456789012:role/gw' } as any,
    });
    newHarness({ memory: HarnessMemory.disabled(), tools: [HarnessTool.fromGateway(gateway, { outboundAuth: GatewayOutboundAuth.none() })] }, stack);
    expect(outboundAuthOf(stack)).toEqual({ None: {} });
  });
});
