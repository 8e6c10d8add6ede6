import { Lazy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { endpointResource, getAtt, harnessStack, IMPORTED_ARN, importedHarness, onlyId, otherHarness } from './support';
import { EndpointVersionPolicy, HarnessEndpoint, HarnessVersion } from '../../src';
import { createTestStack } from '../support/app';

describe('HarnessEndpoint', () => {
  test('addEndpoint defines Endpoint<name>/Resource with the harness id and the newest version by default', () => {
    const { stack, harness } = harnessStack();
    const staging = harness.addEndpoint('STAGING');
    expect(staging.node.path).toBe('TestStack/Harness/EndpointSTAGING');
    expect(staging.node.defaultChild?.node.id).toBe('Resource');
    const template = Template.fromStack(stack);
    const harnessId = onlyId(template, 'AWS::BedrockAgentCore::Harness');
    template.hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', Match.objectEquals({
      EndpointName: 'STAGING',
      HarnessId: getAtt(harnessId, 'HarnessId'),
      TargetVersion: getAtt(harnessId, 'Version'),
    }));
  });

  test('is ordered after the harness by its HarnessId alone: no DependsOn on the role, its policies or sibling endpoints', () => {
    const { stack, harness } = harnessStack();
    harness.addEndpoint('STAGING');
    harness.addEndpoint('LIVE', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '1')) });
    const template = Template.fromStack(stack);
    const harnessId = onlyId(template, 'AWS::BedrockAgentCore::Harness');
    for (const name of ['STAGING', 'LIVE']) {
      const { resource } = endpointResource(template, name);
      // Creating an endpoint needs the harness only; invoking it (smoke tests,
      // promotion reads) needs the role's policies, and those resources wait for them.
      expect(resource.DependsOn).toBeUndefined();
      expect(resource.Properties.HarnessId).toEqual(getAtt(harnessId, 'HarnessId'));
    }
  });

  test('new HarnessEndpoint() takes the harness and a name', () => {
    const { stack, harness } = harnessStack();
    const endpoint = new HarnessEndpoint(stack, 'Prod', {
      harness,
      endpointName: 'PROD',
      version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '4')),
      description: 'Production traffic',
      tags: { 'team': 'agents', 'cost-center': '42' },
    });
    expect(endpoint.endpointName).toBe('PROD');
    expect(endpoint.harness).toBe(harness);
    expect(endpoint.targetVersion).toBe('4');
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', {
      EndpointName: 'PROD',
      TargetVersion: '4',
      Description: 'Production traffic',
      Tags: [{ Key: 'cost-center', Value: '42' }, { Key: 'team', Value: 'agents' }],
    });
  });

  test('Tags.of() reaches the endpoint', () => {
    const { stack, harness } = harnessStack();
    harness.addEndpoint('STAGING');
    Tags.of(stack).add('stage', 'beta');
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', {
      Tags: [{ Key: 'stage', Value: 'beta' }],
    });
  });

  test('exposes the ARN, live version and status attributes', () => {
    const { stack, harness } = harnessStack();
    const endpoint = harness.addEndpoint('STAGING');
    const id = endpointResource(Template.fromStack(stack), 'STAGING').id;
    expect(stack.resolve(endpoint.harnessEndpointArn)).toEqual(getAtt(id, 'Arn'));
    expect(stack.resolve(endpoint.harnessEndpointRef.harnessEndpointArn)).toEqual(getAtt(id, 'Arn'));
    expect(stack.resolve(endpoint.liveVersion)).toEqual(getAtt(id, 'LiveVersion'));
    expect(stack.resolve(endpoint.status)).toEqual(getAtt(id, 'Status'));
  });

  test('pinned(currentVersion) follows the harness like followLatest()', () => {
    const { stack, harness } = harnessStack();
    harness.addEndpoint('A', { version: EndpointVersionPolicy.pinned(harness.currentVersion) });
    harness.addEndpoint('B', { version: EndpointVersionPolicy.followLatest() });
    const template = Template.fromStack(stack);
    const version = getAtt(onlyId(template, 'AWS::BedrockAgentCore::Harness'), 'Version');
    expect(endpointResource(template, 'A').resource.Properties.TargetVersion).toEqual(version);
    expect(endpointResource(template, 'B').resource.Properties.TargetVersion).toEqual(version);
  });

  describe('endpoint names', () => {
    test.each(['STAGING', 'prod_2', 'a', 'A'.repeat(48)])('accepts %j', (name) => {
      const { harness } = harnessStack();
      expect(() => harness.addEndpoint(name)).not.toThrow();
    });

    test.each(['bad-name', '1abc', '_abc', 'A'.repeat(49), '', 'has space'])('fails for %j', (name) => {
      const { harness } = harnessStack();
      expect(() => harness.addEndpoint(name)).toThrow(/^endpointName: .* does not match a letter, then up to 47 letters, digits or _/);
    });

    test.each(['DEFAULT', 'default', 'Default'])('fails for the reserved name %j', (name) => {
      const { harness } = harnessStack();
      expect(() => harness.addEndpoint(name)).toThrow(new RegExp(`^endpointName: "${name}" is reserved for the endpoint every harness has`));
    });

    test('fails for a second endpoint with the same name on the same harness', () => {
      const { stack, harness } = harnessStack();
      harness.addEndpoint('PROD', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '1')) });
      expect(() => new HarnessEndpoint(stack, 'Again', { harness, endpointName: 'PROD' }))
        .toThrow(/^endpointName: "PROD" is already used by TestStack\/Harness\/EndpointPROD; endpoint names must be unique per harness/);
    });

    test('the same name on two harnesses is fine', () => {
      const { stack, harness } = harnessStack();
      const other = otherHarness(stack);
      harness.addEndpoint('STAGING');
      expect(() => other.addEndpoint('STAGING')).not.toThrow();
    });

    test('a token name is checked at deploy time', () => {
      const { stack, harness } = harnessStack();
      new HarnessEndpoint(stack, 'E', { harness, endpointName: Lazy.string({ produce: () => 'LATER' }) });
      Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', { EndpointName: 'LATER' });
    });
  });

  describe('description and tags', () => {
    test.each(['', 'x'.repeat(257)])('fails for description of length %#', (description) => {
      const { harness } = harnessStack();
      expect(() => harness.addEndpoint('STAGING', { description })).toThrow(/^description: .* characters long; it must be (at least 1|at most 256)/);
    });

    test('accepts a 256-character description', () => {
      const { harness } = harnessStack();
      expect(() => harness.addEndpoint('STAGING', { description: 'x'.repeat(256) })).not.toThrow();
    });

    test('fails for more than 50 tags', () => {
      const { harness } = harnessStack();
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      expect(() => harness.addEndpoint('STAGING', { tags })).toThrow(/^tags: has 51 tags; at most 50 are allowed/);
    });

    test('fails for the reserved aws: prefix and bad characters', () => {
      const { harness } = harnessStack();
      expect(() => harness.addEndpoint('A', { tags: { 'aws:owner': 'me' } })).toThrow(/tags key: "aws:owner" starts with the reserved prefix "aws:"/);
      expect(() => harness.addEndpoint('B', { tags: { owner: 'me!' } })).toThrow(/tags\.owner: "me!" does not match/);
    });

    test('fails at synth for a bad tag added with Tags.of()', () => {
      const { app, harness } = harnessStack();
      harness.addEndpoint('STAGING');
      Tags.of(harness).add('owner', 'bad#value');
      expect(() => app.synth()).toThrow(/tags\.owner: "bad#value" does not match/);
    });
  });

  describe('warnings', () => {
    test('warns when an endpoint named like production follows the newest version by default', () => {
      const { stack, harness } = harnessStack();
      harness.addEndpoint('PROD');
      Annotations.fromStack(stack).hasWarning('/TestStack/Harness/EndpointPROD',
        Match.stringLikeRegexp('Endpoint PROD follows the newest harness version.*\\[ack: cdk-agentcore-harness:endpoint-follows-latest\\]'));
    });

    test('does not warn when the policy is explicit or the name is not production-like', () => {
      const { stack, harness } = harnessStack();
      harness.addEndpoint('PROD', { version: EndpointVersionPolicy.followLatest() });
      harness.addEndpoint('STAGING');
      Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('follows the newest harness version'));
    });
  });

  describe('grantInvoke', () => {
    test('grants InvokeHarness and InvokeAgentRuntime on the harness and this endpoint only', () => {
      const { stack, harness } = harnessStack();
      const endpoint = harness.addEndpoint('STAGING');
      const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      endpoint.grantInvoke(role);
      const template = Template.fromStack(stack);
      const harnessId = onlyId(template, 'AWS::BedrockAgentCore::Harness');
      const endpointId = endpointResource(template, 'STAGING').id;
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^Caller') }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
            Resource: [getAtt(harnessId, 'Arn'), getAtt(endpointId, 'Arn')],
          }],
        },
      });
    });
  });

  describe('grants', () => {
    const statementsOf = (stack: ReturnType<typeof harnessStack>['stack']) =>
      Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^Caller') }] } });

    test.each([
      ['invoke', 'grantInvoke'],
      ['invokeCommand', 'grantInvokeCommand'],
    ] as const)('endpoint.grants.%s writes the statement %s writes', (grant, shortcut) => {
      const viaGrants = harnessStack();
      const role1 = new iam.Role(viaGrants.stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      viaGrants.harness.addEndpoint('STAGING').grants[grant](role1);
      const viaShortcut = harnessStack();
      const role2 = new iam.Role(viaShortcut.stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      viaShortcut.harness.addEndpoint('STAGING')[shortcut](role2);
      const a = Object.values(statementsOf(viaGrants.stack)).map((r: any) => r.Properties.PolicyDocument);
      const b = Object.values(statementsOf(viaShortcut.stack)).map((r: any) => r.Properties.PolicyDocument);
      expect(a).toHaveLength(1);
      expect(a).toEqual(b);
    });

    test('an imported endpoint has grants on the harness and that endpoint only', () => {
      const { stack } = harnessStack();
      const endpoint = HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'Prod', { harness: importedHarness(stack), endpointName: 'PROD' });
      const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      endpoint.grants.invoke(role);
      expectInvokeOfImportedProd(stack);
    });
  });

  test('the version prop is returned by the version property', () => {
    const { harness } = harnessStack();
    const policy = EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '4'));
    expect(harness.addEndpoint('PINNED', { version: policy }).version).toBe(policy);
    expect(harness.addEndpoint('LATEST').version).toBeInstanceOf(EndpointVersionPolicy);
  });

  describe('imports', () => {
    test('derives the ARN from the harness and the name', () => {
      const { stack } = harnessStack();
      const endpoint = HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'Prod', { harness: importedHarness(stack), endpointName: 'PROD' });
      expect(endpoint.harnessEndpointArn).toBe(`${IMPORTED_ARN}/harness-endpoint/PROD`);
      expect(endpoint.endpointName).toBe('PROD');
      const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      endpoint.grantInvoke(role);
      expectInvokeOfImportedProd(stack);
    });

    test('grantInvokeCommand allows InvokeAgentRuntimeCommand through this endpoint only', () => {
      const { stack } = harnessStack();
      const endpoint = HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'Prod', { harness: importedHarness(stack), endpointName: 'PROD' });
      const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      endpoint.grantInvokeCommand(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Action: 'bedrock-agentcore:InvokeAgentRuntimeCommand',
            Resource: [IMPORTED_ARN, `${IMPORTED_ARN}/harness-endpoint/PROD`],
          }],
        },
      });
    });

    test('keeps a given ARN and takes its account and region', () => {
      const { stack } = harnessStack();
      const arn = 'arn:aws:bedrock-agentcore:eu-west-1:210987654321:harness/other-a1B2c3D4e5/harness-endpoint/LIVE';
      const endpoint = HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'Live', {
        harness: importedHarness(stack), endpointName: 'LIVE', harnessEndpointArn: arn,
      });
      expect(endpoint.harnessEndpointArn).toBe(arn);
      expect(endpoint.env).toEqual({ account: '210987654321', region: 'eu-west-1' });
    });

    test('fails for an invalid imported name', () => {
      const { stack } = harnessStack();
      expect(() => HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'E', { harness: importedHarness(stack), endpointName: 'no-hyphens' }))
        .toThrow(/^endpointName: "no-hyphens" does not match/);
    });

    test('an endpoint of an imported harness takes the harness id and needs a pinned or promoted version', () => {
      const { stack } = harnessStack();
      const legacy = importedHarness(stack);
      expect(() => new HarnessEndpoint(stack, 'Latest', { harness: legacy, endpointName: 'LATEST' }))
        .toThrow(/^version: followLatest\(\) needs a harness defined in this app, but TestStack\/Imported is imported/);
      new HarnessEndpoint(stack, 'Live', { harness: legacy, endpointName: 'LIVE', version: EndpointVersionPolicy.pinned(HarnessVersion.of(legacy, '3')) });
      Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', Match.objectEquals({
        HarnessId: 'legacy_agent-a1B2c3D4e5',
        EndpointName: 'LIVE',
        TargetVersion: '3',
      }));
    });
  });

  test('fails when pinned to a version of another harness', () => {
    const { stack, harness } = harnessStack();
    const other = otherHarness(stack);
    expect(() => harness.addEndpoint('LIVE', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(other, '2')) }))
      .toThrow(/^version: belongs to harness TestStack\/Other, but endpoint TestStack\/Harness\/EndpointLIVE belongs to TestStack\/Harness; an endpoint can only serve versions of its own harness/);
  });
});

describe('endpoints in another stack than the harness', () => {
  test('pinned and promoted endpoints work across stacks (stable id and ARN only)', () => {
    const { app, stack, harness } = harnessStack();
    const other = createTestStack(app, 'Endpoints');
    new HarnessEndpoint(other, 'Live', { harness, endpointName: 'LIVE', version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '2')) });
    new HarnessEndpoint(other, 'Prod', { harness, endpointName: 'PROD', version: EndpointVersionPolicy.promotedFromEndpointName('LIVE') });
    const template = Template.fromStack(other);
    expect(endpointResource(template, 'LIVE').resource.Properties.HarnessId).toEqual({ 'Fn::ImportValue': expect.stringMatching(/HarnessId/) });
    expect(Object.keys(Template.fromStack(stack).toJSON().Outputs).join()).not.toMatch(/Version/);
  });

  test('fails for followLatest(), which would export the volatile Version attribute', () => {
    const { app, harness } = harnessStack();
    const other = createTestStack(app, 'Endpoints');
    expect(() => new HarnessEndpoint(other, 'Staging', { harness, endpointName: 'STAGING' }))
      .toThrow(/^version: Endpoints\/Staging is in stack Endpoints but reads the version of TestStack\/Harness\/Resource in stack TestStack; .*cross-stack export/);
    expect(() => new HarnessEndpoint(other, 'Current', { harness, endpointName: 'CURRENT', version: EndpointVersionPolicy.pinned(harness.currentVersion) }))
      .toThrow(/^version: .*cross-stack export/);
  });
});

/** The caller's policy allows invoking the imported harness through its PROD endpoint, and nothing else. */
function expectInvokeOfImportedProd(stack: Stack): void {
  Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [{
        Effect: 'Allow',
        Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
        Resource: [IMPORTED_ARN, `${IMPORTED_ARN}/harness-endpoint/PROD`],
      }],
    },
  });
}
