// The constructs the library creates on the user's behalf carry their own acknowledgements, and the
// documented HarnessNagAcknowledgements API covers the execution role's service-required wildcards,
// in stacks with and without an explicit environment.
import * as path from 'path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  EndpointVersionPolicy, Harness, HarnessModel, HarnessNagAcknowledgements, HarnessSkill,
} from '../../src';
import { createTestApp } from '../support/app';

const SKILL = path.join(__dirname, '..', 'skills', 'fixtures', 'weather-skill');
const ENVS: Array<[string, StackProps['env']]> = [
  ['without an environment', undefined],
  ['with an explicit environment', { account: '123456789012', region: 'us-east-1' }],
];

function findings(app: App): string[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.flatMap(v => v.violatingResources.map(r => `${v.ruleName} at ${r.constructPath}`));
}

function build(env: StackProps['env'], acknowledgeRole: boolean): App {
  const app = createTestApp();
  const stack = new Stack(app, 'Agents', { env });
  const harness = new Harness(stack, 'Agent', {
    model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6' }),
    additionalModels: [HarnessModel.bedrock({ modelId: 'openai.gpt-oss-120b-1:0' })],
    skills: [HarnessSkill.fromAsset(SKILL)],
  });
  harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() }).addSmokeTest('Smoke', { prompt: 'hi' });
  if (acknowledgeRole) HarnessNagAcknowledgements.acknowledgeExecutionRoleWildcards(harness);
  return app;
}

describe.each(ENVS)('a stack %s', (_, env) => {
  test('shows only the execution-role findings the user has to decide on, none from library-made constructs', () => {
    const remaining = findings(build(env, false));
    expect(remaining.length).toBeGreaterThan(0);
    // The role's own wildcards, and those of the stack's shared execution policies (statements every harness needs).
    const decisions = / at Agents\/(Agent\/ExecutionRole\/Resource|HarnessSharedExecutionPolicy\/(Base|DefaultRuntimeImagePull))$/;
    expect(remaining.filter(f => !decisions.test(f))).toEqual([]);
    expect(remaining.some(f => f.endsWith(' at Agents/HarnessSharedExecutionPolicy/Base'))).toBe(true);
  });

  test('has no finding left once the execution-role wildcards are acknowledged, and synthesizes', () => {
    const app = build(env, true);
    expect(findings(app)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });
});

test('the README recipe (the plugin on the app) synthesizes an environment-agnostic stack', () => {
  const app = build(undefined, true);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(() => app.synth()).not.toThrow();
});

test('acknowledgement ids resolve to plain strings in an environment-agnostic stack', () => {
  const app = build(undefined, true);
  const ids = app.node.findAll().flatMap(c => c.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.keys(m.data as object)));
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.filter(id => id.includes('${Token'))).toEqual([]);
  expect(ids).toContainEqual(expect.stringContaining('logs:<AWS::Region>:<AWS::AccountId>:log-group:*'));
});
