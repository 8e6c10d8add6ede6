// The bundled CloudFormation validator's W3005 (a DependsOn that a Ref or GetAtt already implies),
// which aws-cdk-lib's validation plugin filters out: run the validator engine itself over every
// example, and check that the dependencies the harness needs are still rendered.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { listExamples, loadExample } from '../../scripts/example-apps';
import { EndpointVersionPolicy, Harness, HarnessMemory } from '../../src';
import { BEDROCK_MODEL } from '../harness/helpers';
import { createTestApp, createTestStack } from '../support/app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const validator = require(require.resolve('@aws/cloudformation-validate', { paths: [require.resolve('aws-cdk-lib')] }));
const engine = new validator.CompositeEngine({});

/** Every WARN-or-worse diagnostic of every stack of the app, as "<stack>: <rule> <message>". */
function diagnostics(app: App): string[] {
  return app.synth().stacksRecursively.flatMap(stack => {
    const report = engine.validateTemplate(new validator.TemplateContent(JSON.stringify(stack.template), stack.templateFile),
      { detailLevel: 'STANDARD', severityLevel: 'WARN' });
    return (report.diagnostics as any[]).map(d => `${stack.displayName}: ${d.ruleId} ${d.message}`);
  });
}

describe.each(listExamples())('examples/%s', (name) => {
  test('synthesizes with no validator warning at all', () => {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    loadExample(name).build(app);
    expect(diagnostics(app)).toEqual([]);
  });
});

test('a harness with endpoints, a smoke test and a post-create policy has no redundant DependsOn', () => {
  const app = createTestApp();
  const stack = createTestStack(app);
  const harness = new Harness(stack, 'Agent', { model: BEDROCK_MODEL, memory: HarnessMemory.managed() });
  const staging = harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() });
  staging.addSmokeTest('Smoke', { prompt: 'hi' });
  harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(staging) });
  expect(diagnostics(app)).toEqual([]);
});

test('the harness still depends on every policy of a role passed in, but not on the role it references', () => {
  const stack = createTestStack();
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }));
  new Harness(stack, 'Agent', { model: BEDROCK_MODEL, role });
  const template = Template.fromStack(stack);
  const [harness] = Object.values(template.findResources('AWS::BedrockAgentCore::Harness')) as any[];
  const policyId = Object.keys(template.findResources('AWS::IAM::Policy'))[0];
  expect(harness.DependsOn).toEqual([policyId]);
  expect(harness.Properties.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': [Object.keys(template.findResources('AWS::IAM::Role'))[0], 'Arn'] });
});

test('a dependency the properties do not reference stays', () => {
  const stack = new Stack(createTestApp(), 'S');
  const harness = new Harness(stack, 'Agent', { model: BEDROCK_MODEL });
  const other = new iam.CfnManagedPolicy(stack, 'Other', {
    policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
  });
  harness.node.defaultChild!.node.addDependency(other);
  const [rendered] = Object.values(Template.fromStack(stack).findResources('AWS::BedrockAgentCore::Harness')) as any[];
  // With the stack's shared execution policies, which the harness does not reference either.
  expect(rendered.DependsOn).toEqual([
    expect.stringMatching(/^HarnessSharedExecutionPolicyBase/), expect.stringMatching(/^HarnessSharedExecutionPolicyDefaultRuntimeImagePull/), 'Other',
  ]);
});
