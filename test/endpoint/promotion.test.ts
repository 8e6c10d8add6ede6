import { App, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { endpointResource, getAtt, harnessStack, importedHarness, onlyId, otherHarness, PROMPT_V1, PROMPT_V2 } from './support';
import { EndpointVersionPolicy, Harness, HarnessEndpoint, HarnessVersion, PromotionOptions } from '../../src';
import { createTestApp } from '../support/app';

const CR = 'Custom::HarnessEndpointVersion';

interface AppShape {
  readonly prompt?: typeof PROMPT_V1;
  readonly context?: Record<string, unknown>;
  readonly promotion?: PromotionOptions;
  readonly prodDescription?: string;
}

/** The STAGING (follows latest) + PROD (promoted) app the lifecycle rows are about. */
function stagingProd(shape: AppShape = {}): { app: App; template: Template; harness: Harness; prod: HarnessEndpoint } {
  const { app, stack, harness } = harnessStack({ systemPrompt: shape.prompt ?? PROMPT_V1 }, createTestApp({ context: shape.context }));
  const staging = harness.addEndpoint('STAGING');
  const prod = harness.addEndpoint('PROD', {
    version: EndpointVersionPolicy.promotedFrom(staging, shape.promotion),
    description: shape.prodDescription,
  });
  return { app, template: Template.fromStack(stack), harness, prod };
}

function promotion(template: Template): { id: string; resource: any } {
  const id = onlyId(template, CR);
  return { id, resource: template.toJSON().Resources[id] };
}

describe('promotedFrom', () => {
  test('defines Custom::HarnessEndpointVersion through the shared provider and points PROD at its Version', () => {
    const { template } = stagingProd();
    const harnessId = onlyId(template, 'AWS::BedrockAgentCore::Harness');
    const { id, resource } = promotion(template);
    expect(resource.Properties).toEqual({
      ServiceToken: getAtt(expect.stringMatching(/^cdkagentcoreharnessHarnessProviderframeworkonEvent/), 'Arn'),
      ServiceTimeout: '3000',
      HarnessId: getAtt(harnessId, 'HarnessId'),
      SourceEndpoint: 'STAGING',
      PromotionId: 'initial',
      TargetEndpoint: 'PROD',
      TargetConfig: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(endpointResource(template, 'PROD').resource.Properties.TargetVersion).toEqual(getAtt(id, 'Version'));
  });

  test('reads the source only after STAGING and the harness with its role and policies exist', () => {
    const { template } = stagingProd();
    const { resource } = promotion(template);
    expect(resource.DependsOn).toEqual(expect.arrayContaining([
      endpointResource(template, 'STAGING').id,
      ...Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^HarnessExecutionRole|^HarnessPostCreate') } })),
    ]));
    // The harness itself is ordered by the reference to its id.
    expect(JSON.stringify(resource.Properties)).toContain(`"Fn::GetAtt":["${onlyId(template, 'AWS::BedrockAgentCore::Harness')}",`);
  });

  test('an explicit promotion id re-reads the source and turns keep mode off', () => {
    const { template } = stagingProd({ promotion: { promotionId: 'build-42', expectedVersion: '7' } });
    const props = promotion(template).resource.Properties;
    expect(props).toMatchObject({ PromotionId: 'build-42', ExpectedVersion: '7', SourceEndpoint: 'STAGING' });
    // The target is named so that the rollback of a failed promotion returns what PROD serves.
    expect(props.TargetEndpoint).toBe('PROD');
    expect(props.TargetConfig).toBeUndefined();
  });

  test('with a promotion id, the handler may still read PROD (the rollback of a failed promotion returns its version)', () => {
    const { template } = stagingProd({ promotion: { promotionId: 'build-42' } });
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((st: any) => [st.Action].flat().includes('bedrock-agentcore:GetHarnessEndpoint'));
    expect(JSON.stringify(statements)).toContain('/harness-endpoint/PROD');
    expect(JSON.stringify(statements)).toContain('/harness-endpoint/STAGING');
  });

  test('the promotion id "initial" is reserved for keep mode', () => {
    expect(() => stagingProd({ promotion: { promotionId: 'initial' } })).toThrow(/promotionId.*"initial" is reserved/);
    expect(() => stagingProd({ context: { 'cdk-agentcore-harness:promotion:PROD': 'initial' } })).toThrow(/"initial" is reserved/);
  });

  describe('promotion id from context', () => {
    test('reads cdk-agentcore-harness:promotion:<target endpoint name>', () => {
      const { template } = stagingProd({ context: { 'cdk-agentcore-harness:promotion:PROD': 'run-7' } });
      expect(promotion(template).resource.Properties).toMatchObject({ PromotionId: 'run-7' });
      expect(promotion(template).resource.Properties.TargetConfig).toBeUndefined();
    });

    test('falls back to cdk-agentcore-harness:promotion', () => {
      const { template } = stagingProd({ context: { 'cdk-agentcore-harness:promotion': 'all-3' } });
      expect(promotion(template).resource.Properties.PromotionId).toBe('all-3');
    });

    test('the per-endpoint key wins over the global key, and the prop over both', () => {
      const both = { 'cdk-agentcore-harness:promotion': 'all', 'cdk-agentcore-harness:promotion:PROD': 'prod' };
      expect(promotion(stagingProd({ context: both }).template).resource.Properties.PromotionId).toBe('prod');
      expect(promotion(stagingProd({ context: both, promotion: { promotionId: 'prop' } }).template).resource.Properties.PromotionId).toBe('prop');
    });

    test('a number from cdk.json becomes a string', () => {
      const { template } = stagingProd({ context: { 'cdk-agentcore-harness:promotion:PROD': 12 } });
      expect(promotion(template).resource.Properties.PromotionId).toBe('12');
    });

    test('fails for an empty or non-scalar context value', () => {
      expect(() => stagingProd({ context: { 'cdk-agentcore-harness:promotion:PROD': '' } }))
        .toThrow(/^version.promotionId: context "cdk-agentcore-harness:promotion:PROD" is empty/);
      expect(() => stagingProd({ context: { 'cdk-agentcore-harness:promotion': { id: 1 } } }))
        .toThrow(/^version.promotionId: context "cdk-agentcore-harness:promotion" is \{"id":1\}; it must be a string or a number/);
    });

    test('reads the expected version from cdk-agentcore-harness:expected-version:<target endpoint name>', () => {
      const { template } = stagingProd({ context: { 'cdk-agentcore-harness:promotion:PROD': 'r1', 'cdk-agentcore-harness:expected-version:PROD': '5' } });
      expect(promotion(template).resource.Properties).toMatchObject({ PromotionId: 'r1', ExpectedVersion: '5' });
    });

    test('fails for an invalid expected version from the context or the props', () => {
      expect(() => stagingProd({ context: { 'cdk-agentcore-harness:expected-version:PROD': 'v5' } }))
        .toThrow(/^version.expectedVersion: "v5" does not match a version number/);
      expect(() => stagingProd({ promotion: { expectedVersion: '0' } })).toThrow(/^version.expectedVersion: "0" does not match/);
    });

    test('fails for an empty promotion id prop', () => {
      expect(() => stagingProd({ promotion: { promotionId: '' } })).toThrow(/^version.promotionId: "" must not be empty/);
    });
  });

  describe('sources', () => {
    test('a source given by name that is defined later still orders the promotion after it', () => {
      const { stack, harness } = harnessStack();
      harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFromEndpointName('STAGING') });
      harness.addEndpoint('STAGING');
      const template = Template.fromStack(stack);
      expect(promotion(template).resource.DependsOn).toContain(endpointResource(template, 'STAGING').id);
    });

    test('a source outside the app (or DEFAULT) only orders after the harness', () => {
      const { stack, harness } = harnessStack();
      harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFromEndpointName('DEFAULT') });
      const template = Template.fromStack(stack);
      const { resource } = promotion(template);
      expect(resource.Properties.SourceEndpoint).toBe('DEFAULT');
      // The order after the harness comes from the reference to its id, not from a DependsOn.
      expect(resource.DependsOn ?? []).not.toContain(onlyId(template, 'AWS::BedrockAgentCore::Harness'));
      expect(JSON.stringify(resource.Properties)).toContain(`"Fn::GetAtt":["${onlyId(template, 'AWS::BedrockAgentCore::Harness')}",`);
    });

    test('fails for an invalid source name', () => {
      expect(() => EndpointVersionPolicy.promotedFromEndpointName('stag-ing'))
        .toThrow(/^version.sourceEndpointName: "stag-ing" does not match a letter, then up to 47 letters, digits or _/);
    });

    test('fails when the source belongs to another harness', () => {
      const { stack, harness } = harnessStack();
      const foreign = otherHarness(stack).addEndpoint('STAGING');
      expect(() => harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(foreign) }))
        .toThrow(/^version.source: belongs to harness TestStack\/Other, but endpoint TestStack\/Harness\/EndpointPROD belongs to TestStack\/Harness/);
    });

    test('fails when an endpoint is promoted from itself', () => {
      const { harness } = harnessStack();
      expect(() => harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFromEndpointName('PROD') }))
        .toThrow(/^version.source: "PROD" is the endpoint itself/);
    });

    test('an imported harness: the promotion uses its id, and PROD its promoted version', () => {
      const { stack } = harnessStack();
      const legacy = importedHarness(stack);
      new HarnessEndpoint(stack, 'Prod', { harness: legacy, endpointName: 'PROD', version: EndpointVersionPolicy.promotedFromEndpointName('STAGING') });
      const template = Template.fromStack(stack);
      expect(promotion(template).resource.Properties).toMatchObject({ HarnessId: 'legacy_agent-a1B2c3D4e5', SourceEndpoint: 'STAGING' });
    });
  });

  // The rows of docs/lifecycle.md that a template can show. CloudFormation updates a resource only
  // when its rendered properties change, so "PROD does not move" = the promotion resource and PROD
  // render identically.
  describe('lifecycle', () => {
    const resourcesOf = (template: Template) => {
      const json = template.toJSON().Resources;
      return {
        promotion: json[onlyId(template, CR)],
        prod: json[endpointResource(template, 'PROD').id],
        staging: json[endpointResource(template, 'STAGING').id],
        harness: json[onlyId(template, 'AWS::BedrockAgentCore::Harness')],
      };
    };

    test('redeploy with no change: the same template, so CloudFormation changes nothing (also after an out-of-band promote)', () => {
      expect(stagingProd().template.toJSON()).toEqual(stagingProd().template.toJSON());
    });

    test('harness config change: STAGING follows the new Version, PROD and its promotion resource do not change', () => {
      const before = resourcesOf(stagingProd({ prompt: PROMPT_V1 }).template);
      const after = resourcesOf(stagingProd({ prompt: PROMPT_V2 }).template);
      expect(after.harness.Properties.SystemPrompt).not.toEqual(before.harness.Properties.SystemPrompt);
      // STAGING's TargetVersion is the harness's Version attribute, which the harness update changes.
      expect(after.staging.Properties.TargetVersion).toEqual(getAtt(expect.any(String), 'Version'));
      expect(after.promotion).toEqual(before.promotion);
      expect(after.prod).toEqual(before.prod);
    });

    test('promotion with -c: only the promotion resource changes (a new physical id in the handler), and PROD with it', () => {
      const plain = resourcesOf(stagingProd().template);
      const promoted = resourcesOf(stagingProd({ context: { 'cdk-agentcore-harness:promotion:PROD': 'build-43' } }).template);
      expect(promoted.promotion.Properties.PromotionId).toBe('build-43');
      expect(promoted.promotion.Properties).not.toHaveProperty('TargetConfig');
      expect(promoted.prod).toEqual(plain.prod);
      expect(promoted.staging).toEqual(plain.staging);
    });

    test('a deploy without -c after one with it goes back to keep mode, so the handler keeps PROD\'s live version', () => {
      const again = resourcesOf(stagingProd().template);
      expect(again.promotion.Properties).toMatchObject({ PromotionId: 'initial', TargetEndpoint: 'PROD' });
    });

    test('a change of PROD\'s description or tags re-runs the promotion resource in keep mode (no stale TargetVersion)', () => {
      const plain = resourcesOf(stagingProd().template).promotion.Properties.TargetConfig;
      const described = resourcesOf(stagingProd({ prodDescription: 'Production' }).template).promotion.Properties.TargetConfig;
      expect(described).not.toEqual(plain);

      const { stack, harness } = harnessStack({ systemPrompt: PROMPT_V1 });
      const prod = harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(harness.addEndpoint('STAGING')) });
      Tags.of(prod).add('release', '2026-11');
      const taggedConfig = resourcesOf(Template.fromStack(stack)).promotion.Properties.TargetConfig;
      expect(taggedConfig).not.toEqual(plain);
      expect(taggedConfig).toMatch(/^[0-9a-f]{16}$/);
    });

    test('pinned: promotion and rollback are a change of the literal', () => {
      const pinnedTo = (version: string) => {
        const { stack, harness } = harnessStack();
        harness.addEndpoint('PROD', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, version)) });
        return endpointResource(Template.fromStack(stack), 'PROD').resource.Properties.TargetVersion;
      };
      expect(pinnedTo('3')).toBe('3');
      expect(pinnedTo('2')).toBe('2');
    });
  });
});
