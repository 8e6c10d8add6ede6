import { Lazy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { HarnessAuthorizer, HarnessJwtClaim } from '../../src';
import { createFakeHarness, roleStatements } from '../support/bind-context';

const DISCOVERY = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc/.well-known/openid-configuration';

describe('HarnessAuthorizer', () => {
  test('IAM renders nothing', () => {
    const fake = createFakeHarness();
    expect(HarnessAuthorizer.iam()._bind(fake.ctx)).toBeUndefined();
    expect(roleStatements(fake)).toEqual([]);
  });

  test('JWT renders every field', () => {
    const fake = createFakeHarness();
    fake.resource.authorizerConfiguration = HarnessAuthorizer.jwt({
      discoveryUrl: DISCOVERY,
      allowedAudience: ['api://agents'],
      allowedClients: ['client1'],
      allowedScopes: ['agents/invoke', 'agents:read'],
      customClaims: [
        HarnessJwtClaim.stringEquals('tenant', 'acme'),
        HarnessJwtClaim.arrayContains('groups', 'admins'),
        HarnessJwtClaim.arrayContainsAny('cognito:groups', ['a', 'b']),
      ],
      advertisedScopeMapping: { 'agents/invoke': 'invoke' },
    })._bind(fake.ctx);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      AuthorizerConfiguration: {
        CustomJWTAuthorizer: {
          DiscoveryUrl: DISCOVERY,
          AllowedAudience: ['api://agents'],
          AllowedClients: ['client1'],
          AllowedScopes: ['agents/invoke', 'agents:read'],
          CustomClaims: [
            { InboundTokenClaimName: 'tenant', InboundTokenClaimValueType: 'STRING', AuthorizingClaimMatchValue: { ClaimMatchOperator: 'EQUALS', ClaimMatchValue: { MatchValueString: 'acme' } } },
            { InboundTokenClaimName: 'groups', InboundTokenClaimValueType: 'STRING_ARRAY', AuthorizingClaimMatchValue: { ClaimMatchOperator: 'CONTAINS', ClaimMatchValue: { MatchValueString: 'admins' } } },
            { InboundTokenClaimName: 'cognito:groups', InboundTokenClaimValueType: 'STRING_ARRAY', AuthorizingClaimMatchValue: { ClaimMatchOperator: 'CONTAINS_ANY', ClaimMatchValue: { MatchValueStringList: ['a', 'b'] } } },
          ],
          AdvertisedScopeMapping: { 'agents/invoke': 'invoke' },
        },
      },
    });
    expect(roleStatements(fake)).toEqual([]);
    Annotations.fromStack(fake.stack).hasNoWarning('*', Match.anyValue());
  });

  test('a discovery URL alone is enough', () => {
    const fake = createFakeHarness();
    expect(HarnessAuthorizer.jwt({ discoveryUrl: DISCOVERY })._bind(fake.ctx)).toEqual({
      customJwtAuthorizer: {
        discoveryUrl: DISCOVERY,
        allowedAudience: undefined,
        allowedClients: undefined,
        allowedScopes: undefined,
        customClaims: undefined,
        advertisedScopeMapping: undefined,
      },
    });
  });

  test('token inputs are not checked', () => {
    const fake = createFakeHarness();
    const url = Lazy.string({ produce: () => 'not-a-discovery-url' });
    const scopes = Lazy.list({ produce: () => [] });
    expect(() => HarnessAuthorizer.jwt({ discoveryUrl: url, allowedScopes: scopes })._bind(fake.ctx)).not.toThrow();
  });

  test('warns for a mapped scope that is not allowed', () => {
    const fake = createFakeHarness();
    fake.resource.authorizerConfiguration = HarnessAuthorizer.jwt({
      discoveryUrl: DISCOVERY, allowedScopes: ['a'], advertisedScopeMapping: { b: 'c' },
    })._bind(fake.ctx);
    Annotations.fromStack(fake.stack).hasWarning('*', Match.stringLikeRegexp('advertisedScopeMapping maps "b", which is not in allowedScopes'));
  });

  test.each([
    ['a discovery URL without the well-known path', { discoveryUrl: 'https://idp.example.com' }, /authorizer.discoveryUrl: "https:\/\/idp.example.com" does not match a URL ending in \/.well-known\/openid-configuration/],
    ['an empty audience list', { allowedAudience: [] }, /authorizer.allowedAudience: has 0 items; it must have at least 1/],
    ['an empty client list', { allowedClients: [] }, /authorizer.allowedClients: has 0 items/],
    ['an empty scope list', { allowedScopes: [] }, /authorizer.allowedScopes: has 0 items/],
    ['an empty claim list', { customClaims: [] }, /authorizer.customClaims: has 0 items/],
    ['a scope with a space', { allowedScopes: ['a b'] }, /authorizer.allowedScopes\[0\]: "a b" does not match printable ASCII/],
    ['a scope with a quote', { allowedScopes: ['a"b'] }, /authorizer.allowedScopes\[0\]/],
    ['a scope over 255', { allowedScopes: ['a'.repeat(256)] }, /authorizer.allowedScopes\[0\]: .* at most 255/],
    ['a mapping key with a backslash', { advertisedScopeMapping: { 'a\\b': 'c' } }, /authorizer.advertisedScopeMapping: "a\\\\b" does not match/],
    ['an empty mapping value', { advertisedScopeMapping: { a: '' } }, /authorizer.advertisedScopeMapping.a: "" is 0 characters long/],
    ['51 mappings', { advertisedScopeMapping: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`s${i}`, 'x'])) }, /advertisedScopeMapping: has 51 entries; at most 50/],
  ])('fails for %s', (_what, options, error) => {
    expect(() => HarnessAuthorizer.jwt({ discoveryUrl: DISCOVERY, ...options } as any)).toThrow(error);
  });

  test.each([
    ['a claim name with a space', HarnessJwtClaim.stringEquals('a b', 'x'), /authorizer.customClaims\[0\].claimName: "a b" does not match/],
    ['a claim value with a colon', HarnessJwtClaim.stringEquals('a', 'x:y'), /authorizer.customClaims\[0\].value: "x:y" does not match letters, digits and _ . -/],
    ['an empty value list', HarnessJwtClaim.arrayContainsAny('a', []), /authorizer.customClaims\[0\].values: has 0 items/],
    ['a bad list value', HarnessJwtClaim.arrayContainsAny('a', ['ok', 'not ok']), /authorizer.customClaims\[0\].values\[1\]: "not ok" does not match/],
    ['a claim name over 255', HarnessJwtClaim.arrayContains('a'.repeat(256), 'x'), /claimName: .* at most 255/],
  ])('fails for %s', (_what, claim, error) => {
    const fake = createFakeHarness();
    expect(() => HarnessAuthorizer.jwt({ discoveryUrl: DISCOVERY, customClaims: [claim] })._bind(fake.ctx)).toThrow(error);
  });
});
