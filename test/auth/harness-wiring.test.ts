import { Template } from 'aws-cdk-lib/assertions';
import { HarnessAuthorizer, HarnessJwtClaim, HarnessMemory } from '../../src';
import { newHarness } from '../harness/helpers';
import { optionStatements } from '../support/option-statements';

const DISCOVERY = 'https://idp.example.com/realms/agents/.well-known/openid-configuration';

describe('Harness authorizer', () => {
  test('IAM renders no authorizer configuration', () => {
    const { stack } = newHarness({ authorizer: HarnessAuthorizer.iam(), memory: HarnessMemory.disabled() });
    const props = Template.fromStack(stack).findResources('AWS::BedrockAgentCore::Harness');
    expect(Object.values(props)[0].Properties.AuthorizerConfiguration).toBeUndefined();
    expect(optionStatements(stack)).toEqual([]);
  });

  test('JWT renders the custom JWT authorizer and grants nothing', () => {
    const { stack } = newHarness({
      memory: HarnessMemory.disabled(),
      authorizer: HarnessAuthorizer.jwt({
        discoveryUrl: DISCOVERY, allowedClients: ['web'], customClaims: [HarnessJwtClaim.stringEquals('tenant', 'acme')],
      }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      AuthorizerConfiguration: {
        CustomJWTAuthorizer: {
          DiscoveryUrl: DISCOVERY,
          AllowedClients: ['web'],
          CustomClaims: [{ InboundTokenClaimName: 'tenant', InboundTokenClaimValueType: 'STRING', AuthorizingClaimMatchValue: { ClaimMatchOperator: 'EQUALS', ClaimMatchValue: { MatchValueString: 'acme' } } }],
        },
      },
    });
    expect(optionStatements(stack)).toEqual([]);
  });
});
