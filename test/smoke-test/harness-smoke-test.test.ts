import { Duration, Lazy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EndpointVersionPolicy, HarnessEndpoint, HarnessSmokeTest, HarnessVersion } from '../../src';
import {
  endpointResource, getAtt, harnessStack, IMPORTED_ARN, importedHarness, onlyId, otherHarness, PROMPT_V1, PROMPT_V2,
} from '../endpoint/support';
import { createTestStack } from '../support/app';

const TYPE = 'Custom::HarnessSmokeTest';

function smokeTests(template: Template): Array<{ id: string; resource: any }> {
  return Object.entries(template.findResources(TYPE)).map(([id, resource]) => ({ id, resource }));
}

describe('HarnessSmokeTest', () => {
  test('through an endpoint: the contract properties, triggered by the version the endpoint serves', () => {
    const { stack, harness } = harnessStack();
    const staging = harness.addEndpoint('STAGING');
    const smoke = staging.addSmokeTest('Smoke', { prompt: 'Say READY', expectedPattern: 'READY', timeout: Duration.minutes(2) });
    expect(smoke.node.path).toBe('TestStack/Harness/EndpointSTAGING/Smoke');
    const template = Template.fromStack(stack);
    const harnessId = onlyId(template, 'AWS::BedrockAgentCore::Harness');
    const [{ resource }] = smokeTests(template);
    expect(resource.Properties).toEqual({
      ServiceToken: getAtt(expect.stringMatching(/^cdkagentcoreharnessHarnessProviderframeworkonEvent/), 'Arn'),
      ServiceTimeout: '3000',
      HarnessArn: getAtt(harnessId, 'Arn'),
      HarnessId: getAtt(harnessId, 'HarnessId'),
      Qualifier: 'STAGING',
      Prompt: 'Say READY',
      ExpectedPattern: 'READY',
      Trigger: getAtt(harnessId, 'Version'),
      ReadTimeoutSeconds: '120',
    });
  });

  test('runs after the endpoint and everything the harness needs (role, policies, managed-memory grant)', () => {
    const { stack, harness } = harnessStack();
    harness.addEndpoint('STAGING').addSmokeTest('Smoke', { prompt: 'hi' });
    const template = Template.fromStack(stack);
    const [{ resource }] = smokeTests(template);
    expect(resource.DependsOn.sort()).toEqual([
      endpointResource(template, 'STAGING').id,
      ...Object.keys(template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'bedrock-agentcore.amazonaws.com' } }] } } })),
      ...Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^Harness') } })),
    ].sort());
    // The harness itself is ordered by the reference to its ARN.
    expect(resource.Properties.HarnessArn).toEqual(getAtt(onlyId(template, 'AWS::BedrockAgentCore::Harness'), 'Arn'));
  });

  test('without an endpoint: DEFAULT (no Qualifier), triggered by the harness version', () => {
    const { stack, harness } = harnessStack();
    new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi' });
    const template = Template.fromStack(stack);
    const harnessId = onlyId(template, 'AWS::BedrockAgentCore::Harness');
    const [{ resource }] = smokeTests(template);
    expect(resource.Properties.Qualifier).toBeUndefined();
    expect(resource.Properties.Trigger).toEqual(getAtt(harnessId, 'Version'));
    expect(resource.Properties.ReadTimeoutSeconds).toBe('300');
    expect(resource.Properties.ExpectedPattern).toBeUndefined();
  });

  test('a promoted endpoint is re-tested only when its promotion resource yields a new version, not on a harness change', () => {
    const build = (prompt: typeof PROMPT_V1) => {
      const { stack, harness } = harnessStack({ systemPrompt: prompt });
      const staging = harness.addEndpoint('STAGING');
      harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(staging) }).addSmokeTest('Smoke', { prompt: 'hi' });
      const template = Template.fromStack(stack);
      return { template, smoke: smokeTests(template)[0].resource };
    };
    const v1 = build(PROMPT_V1);
    const v2 = build(PROMPT_V2);
    expect(v1.smoke.Properties.Trigger).toEqual(getAtt(onlyId(v1.template, 'Custom::HarnessEndpointVersion'), 'Version'));
    expect(v2.smoke).toEqual(v1.smoke);
  });

  test('a pinned endpoint is re-tested when the pin changes', () => {
    const build = (version: string) => {
      const { stack, harness } = harnessStack();
      harness.addEndpoint('LIVE', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, version)) }).addSmokeTest('Smoke', { prompt: 'hi' });
      return smokeTests(Template.fromStack(stack))[0].resource.Properties.Trigger;
    };
    expect(build('3')).toBe('3');
    expect(build('4')).toBe('4');
  });

  test('an extra trigger is appended to the version', () => {
    const { stack, harness } = harnessStack();
    new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi', trigger: 'hook-code-abc' });
    const template = Template.fromStack(stack);
    expect(smokeTests(template)[0].resource.Properties.Trigger)
      .toEqual({ 'Fn::Join': ['', [getAtt(onlyId(template, 'AWS::BedrockAgentCore::Harness'), 'Version'), '/hook-code-abc']] });
  });

  test('warns when nothing can trigger a re-run (imported harness and endpoint)', () => {
    const { stack } = harnessStack();
    const legacy = importedHarness(stack);
    const endpoint = HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'Prod', { harness: legacy, endpointName: 'PROD' });
    new HarnessSmokeTest(stack, 'Smoke', { harness: legacy, endpoint, prompt: 'hi' });
    new HarnessSmokeTest(stack, 'WithTrigger', { harness: legacy, endpoint, prompt: 'hi', trigger: 'release-9' });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/Smoke', Match.stringLikeRegexp('runs only when it is created or its properties change'));
    annotations.hasNoWarning('/TestStack/WithTrigger', Match.anyValue());
    const template = Template.fromStack(stack);
    const byPath = Object.fromEntries(smokeTests(template).map(({ id, resource }) => [id.startsWith('Smoke') ? 'smoke' : 'with', resource.Properties]));
    expect(byPath.smoke).toMatchObject({ HarnessArn: IMPORTED_ARN, HarnessId: 'legacy_agent-a1B2c3D4e5', Qualifier: 'PROD', Trigger: 'static' });
    expect(byPath.with.Trigger).toBe('release-9');
  });

  describe('validation', () => {
    test.each([['', /^prompt: "" is 0 characters long; it must be at least 1/], ['   ', /^prompt: "   " is blank/]])('fails for prompt %j', (prompt, error) => {
      const { stack, harness } = harnessStack();
      expect(() => new HarnessSmokeTest(stack, 'Smoke', { harness, prompt })).toThrow(error);
    });

    test.each(['(', '[a-', '(?i)ready'])('fails for the pattern %j', (expectedPattern) => {
      const { stack, harness } = harnessStack();
      expect(() => new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi', expectedPattern }))
        .toThrow(/^expectedPattern: .* is not a valid JavaScript regular expression/);
    });

    test('fails for an empty pattern', () => {
      const { stack, harness } = harnessStack();
      expect(() => new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi', expectedPattern: '' })).toThrow(/^expectedPattern: "" is 0 characters long/);
    });

    test('a token pattern and prompt are passed through', () => {
      const { stack, harness } = harnessStack();
      new HarnessSmokeTest(stack, 'Smoke', {
        harness,
        prompt: Lazy.string({ produce: () => 'late prompt' }),
        expectedPattern: Lazy.string({ produce: () => '(' }),
      });
      expect(smokeTests(Template.fromStack(stack))[0].resource.Properties).toMatchObject({ Prompt: 'late prompt', ExpectedPattern: '(' });
    });

    test.each([[Duration.seconds(0), /^timeout: 0 seconds is out of range; it must be between 1 and 840 seconds/],
      [Duration.minutes(15), /^timeout: 900 seconds is out of range; it must be between 1 and 840 seconds/],
      [Duration.millis(1500), /^timeout: 1\.5 seconds must be a whole number of seconds/]])('fails for timeout %#', (timeout, error) => {
      const { stack, harness } = harnessStack();
      expect(() => new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi', timeout })).toThrow(error);
    });

    test('accepts the maximum timeout of 14 minutes', () => {
      const { stack, harness } = harnessStack();
      new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi', timeout: Duration.minutes(14) });
      expect(smokeTests(Template.fromStack(stack))[0].resource.Properties.ReadTimeoutSeconds).toBe('840');
    });

    test('fails when the endpoint belongs to another harness', () => {
      const { stack, harness } = harnessStack();
      const endpoint = otherHarness(stack).addEndpoint('STAGING');
      expect(() => new HarnessSmokeTest(stack, 'Smoke', { harness, endpoint, prompt: 'hi' }))
        .toThrow(/^endpoint: TestStack\/Other\/EndpointSTAGING belongs to TestStack\/Other, not to harness TestStack\/Harness/);
    });
  });
});

test('fails when the test sits in another stack than the version it reads (cross-stack export of Version)', () => {
  const { app, harness } = harnessStack();
  const other = createTestStack(app, 'Tests');
  expect(() => new HarnessSmokeTest(other, 'Smoke', { harness, prompt: 'hi' }))
    .toThrow(/^endpoint: Tests\/Smoke is in stack Tests but reads the version of TestStack\/Harness\/Resource in stack TestStack/);
});
