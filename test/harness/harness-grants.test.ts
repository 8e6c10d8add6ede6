import { Template } from 'aws-cdk-lib/assertions';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { newHarness } from './helpers';
import { Harness, HarnessGrants } from '../../src';
import { createTestStack } from '../support/app';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/my_agent-AbCdE12345';

function invokerStatements(stack: any): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const id = Object.keys(policies).find(k => k.startsWith('InvokerDefaultPolicy'))!;
  return policies[id].Properties.PolicyDocument.Statement;
}

function invoker(stack: any): iam.Role {
  return new iam.Role(stack, 'Invoker', { assumedBy: new iam.AccountRootPrincipal() });
}

describe('grants', () => {
  test('grantInvoke allows InvokeHarness and InvokeAgentRuntime on the harness and its endpoints', () => {
    const { stack, harness } = newHarness();
    harness.grantInvoke(invoker(stack));
    const arn = { 'Fn::GetAtt': [stack.getLogicalId(harness.node.defaultChild as CfnHarness), 'Arn'] };
    expect(invokerStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
      Resource: [arn, { 'Fn::Join': ['', [arn, '/harness-endpoint/*']] }],
    }]);
  });

  test('grantInvokeCommand allows only InvokeAgentRuntimeCommand on the harness and its endpoints', () => {
    const { stack, harness } = newHarness();
    harness.grantInvokeCommand(invoker(stack));
    const imported = Harness.fromHarnessArn(stack, 'Imported', ARN);
    imported.grants.invokeCommand(new iam.Role(stack, 'Other', { assumedBy: new iam.AccountRootPrincipal() }));
    const arn = { 'Fn::GetAtt': [stack.getLogicalId(harness.node.defaultChild as CfnHarness), 'Arn'] };
    expect(invokerStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: 'bedrock-agentcore:InvokeAgentRuntimeCommand',
      Resource: [arn, { 'Fn::Join': ['', [arn, '/harness-endpoint/*']] }],
    }]);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock-agentcore:InvokeAgentRuntimeCommand', Resource: [ARN, `${ARN}/harness-endpoint/*`] }] },
    });
  });

  test('grant allows the given actions on an imported harness', () => {
    const stack = createTestStack();
    const harness = Harness.fromHarnessArn(stack, 'Imported', ARN);
    harness.grant(invoker(stack), 'bedrock-agentcore:GetHarness', 'bedrock-agentcore:ListHarnessVersions');
    expect(invokerStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: ['bedrock-agentcore:GetHarness', 'bedrock-agentcore:ListHarnessVersions'],
      Resource: [ARN, `${ARN}/harness-endpoint/*`],
    }]);
  });

  test('harness.grants and HarnessGrants.fromHarness work on any harness reference, a CfnHarness included', () => {
    const stack = createTestStack();
    const cfn = new CfnHarness(stack, 'Raw', {
      harnessName: 'raw',
      executionRoleArn: 'arn:aws:iam::123456789012:role/r',
      model: { bedrockModelConfig: { modelId: 'anthropic.claude-sonnet-4-6' } },
    });
    const role = invoker(stack);
    HarnessGrants.fromHarness(cfn).invoke(role);
    HarnessGrants.fromHarness(Harness.fromHarnessArn(stack, 'Imported', ARN)).actions(role, 'bedrock-agentcore:GetHarness');
    const statements = invokerStatements(stack);
    expect(statements).toHaveLength(2);
    expect(statements[0].Resource[0]).toEqual({ Ref: 'Raw' });
    expect(statements[1]).toEqual({ Effect: 'Allow', Action: 'bedrock-agentcore:GetHarness', Resource: [ARN, `${ARN}/harness-endpoint/*`] });
  });
});

describe('metrics', () => {
  const runtimeAttr = (stack: any, harness: Harness, attribute: string) =>
    ({ 'Fn::GetAtt': [stack.getLogicalId(harness.node.defaultChild as CfnHarness), `Environment.AgentCoreRuntimeEnvironment.${attribute}`] });

  test('metric is the runtime metric of the DEFAULT endpoint, with the documented dimensions', () => {
    const { stack, harness } = newHarness();
    const m = harness.metric('Invocations');
    expect(m.namespace).toBe('AWS/Bedrock-AgentCore');
    expect(m.metricName).toBe('Invocations');
    expect(m.statistic).toBe(cloudwatch.Stats.SUM);
    expect(stack.resolve(m.dimensions)).toEqual({
      Operation: 'InvokeAgentRuntime',
      Name: { 'Fn::Join': ['', [runtimeAttr(stack, harness, 'AgentRuntimeName'), '::DEFAULT']] },
      Resource: runtimeAttr(stack, harness, 'AgentRuntimeArn'),
    });
    // The same metric aws-cdk-lib's runtime view gives.
    expect(stack.resolve(m.dimensions)).toEqual(stack.resolve(harness.agentRuntime.metricInvocations().dimensions));
  });

  test('an imported harness has no metrics: its runtime is unknown', () => {
    const stack = createTestStack();
    const harness = Harness.fromHarnessArn(stack, 'Imported', ARN);
    expect(() => harness.metric('Invocations')).toThrow(/imported harness does not know/);
    expect(() => harness.metricInvocations()).toThrow(/runtime it runs on/);
  });

  test.each<[string, (h: Harness) => cloudwatch.Metric, string, string]>([
    ['metricInvocations', h => h.metricInvocations(), 'Invocations', 'Sum'],
    ['metricLatency', h => h.metricLatency(), 'Latency', 'Average'],
    ['metricSystemErrors', h => h.metricSystemErrors(), 'SystemErrors', 'Sum'],
    ['metricUserErrors', h => h.metricUserErrors(), 'UserErrors', 'Sum'],
    ['metricThrottles', h => h.metricThrottles(), 'Throttles', 'Sum'],
  ])('%s', (_, get, name, statistic) => {
    const { stack, harness } = newHarness();
    const m = get(harness);
    expect(m.metricName).toBe(name);
    expect(m.statistic).toBe(statistic);
    expect(stack.resolve(m.dimensions?.Resource)).toEqual(runtimeAttr(stack, harness, 'AgentRuntimeArn'));
  });

  test('props override defaults and extra dimensions are merged', () => {
    const { harness } = newHarness();
    const m = harness.metric('Custom', { statistic: 'p99', dimensionsMap: { Extra: 'x' } });
    expect(m.statistic).toBe('p99');
    expect(Object.keys(m.dimensions!).sort()).toEqual(['Extra', 'Name', 'Operation', 'Resource']);
  });
});
