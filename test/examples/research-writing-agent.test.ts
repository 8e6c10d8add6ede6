import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildExample, stackOf } from './example-stacks';

describe('examples/research-writing-agent', () => {
  const stack = stackOf(buildExample('research-writing-agent'), 'ResearchWritingAgentStack');
  const template = Template.fromStack(stack);
  const gatewayId = Object.keys(template.findResources('AWS::BedrockAgentCore::Gateway'))[0];

  test('the retained harness uses nothing that is deleted with the stack', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('retained-harness-dependency'))).toEqual([]);
    expect(template.toJSON().Resources[gatewayId].DeletionPolicy).toBe('Retain');
  });

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('searches the web through an IAM-authorized gateway target that holds no secret', () => {
    template.hasResourceProperties('AWS::BedrockAgentCore::Gateway', { AuthorizerType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::BedrockAgentCore::GatewayTarget', {
      CredentialProviderConfigurations: [{
        CredentialProviderType: 'API_KEY',
        CredentialProvider: { ApiKeyCredentialProvider: { ProviderArn: Match.stringLikeRegexp(':token-vault/default/apikeycredentialprovider/') } },
      }],
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/X-Subscription-Token"\s*:\s*"[^"]/);
  });

  test('gives the agent the gateway, the browser, the xlsx git skill and managed memory', () => {
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [
        { Type: 'agentcore_gateway', Name: 'web_search', Config: { AgentCoreGateway: { GatewayArn: { 'Fn::GetAtt': [gatewayId, 'GatewayArn'] } } } },
        { Type: 'agentcore_browser', Name: 'browser' },
      ],
      Skills: [{ Git: { Url: 'https://github.com/anthropics/skills', Path: 'document-skills/xlsx' } }],
      Memory: { ManagedMemoryConfiguration: { Strategies: Match.arrayWith(['USER_PREFERENCE']), EventExpiryDuration: 90 } },
    });
  });

  test('lets the execution role invoke exactly that gateway', () => {
    // In the role's own inline policy, next to everything else only this harness needs.
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: [{
        PolicyName: 'HarnessExecution',
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: 'bedrock-agentcore:InvokeGateway',
            Resource: { 'Fn::GetAtt': [gatewayId, 'GatewayArn'] },
          })]),
        },
      }],
    });
  });
});
