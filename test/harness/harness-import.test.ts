import { Lazy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Harness } from '../../src';
import { createTestStack } from '../support/app';

const ARN = 'arn:aws:bedrock-agentcore:eu-west-1:210987654321:harness/my_agent-AbCdE12345';

describe('Harness.fromHarnessArn', () => {
  test('parses id, name and environment from a literal ARN', () => {
    const stack = createTestStack();
    const harness = Harness.fromHarnessArn(stack, 'Imported', ARN);
    expect(harness.harnessArn).toBe(ARN);
    expect(harness.harnessId).toBe('my_agent-AbCdE12345');
    expect(harness.harnessName).toBe('my_agent');
    expect(harness.env.account).toBe('210987654321');
    expect(harness.env.region).toBe('eu-west-1');
    expect(harness.harnessRef.harnessArn).toBe(ARN);
    expect(harness.role).toBeUndefined();
  });

  test('derives id and name with intrinsics from a token ARN', () => {
    const stack = createTestStack();
    const arn = Lazy.string({ produce: () => ARN });
    const harness = Harness.fromHarnessArn(stack, 'Imported', arn);
    const id = stack.resolve(harness.harnessId);
    expect(JSON.stringify(id)).toContain('Fn::Split');
    expect(stack.resolve(harness.harnessName)).toEqual({ 'Fn::Select': [0, { 'Fn::Split': ['-', id] }] });
  });

  test.each([
    ['a runtime ARN', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-AbCdE12345'],
    ['a hyphenated name', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/my-agent-AbCdE12345'],
    ['a short suffix', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/my_agent-AbC'],
  ])('rejects %s', (_, arn) => {
    const stack = createTestStack();
    expect(() => Harness.fromHarnessArn(stack, 'Imported', arn)).toThrow(/harnessArn: ".*" does not match a harness ARN/);
  });

  test('connections are unavailable without security groups', () => {
    const stack = createTestStack();
    const harness = Harness.fromHarnessArn(stack, 'Imported', ARN);
    expect(() => harness.connections).toThrow(/has no security groups/);
  });

  test('grants to an imported harness without a role are dropped with a warning', () => {
    const stack = createTestStack();
    const harness = Harness.fromHarnessArn(stack, 'Imported', ARN);
    const other = Harness.fromHarnessArn(stack, 'Other', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/other-AbCdE12345');
    other.grantInvoke(harness);
    new s3.Bucket(stack, 'SomethingToDeploy');
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
    Annotations.fromStack(stack).hasWarning('/TestStack/Imported', Match.stringLikeRegexp('bedrock-agentcore:InvokeHarness'));
  });
});

describe('Harness.fromHarnessAttributes', () => {
  test('carries role and security groups', () => {
    const stack = createTestStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/agent');
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
    const harness = Harness.fromHarnessAttributes(stack, 'Imported', {
      harnessArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/my_agent-AbCdE12345',
      role,
      securityGroups: [sg],
    });
    expect(harness.role).toBe(role);
    expect(harness.grantPrincipal).toBe(role);
    expect(harness.connections.securityGroups).toEqual([sg]);
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.grantRead(harness);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', { Roles: ['agent'] });
  });

  test('explicit id and name win over parsing, and are validated', () => {
    const stack = createTestStack();
    const harness = Harness.fromHarnessAttributes(stack, 'Imported', { harnessArn: ARN, harnessId: 'other-ZZZZZZZZZZ', harnessName: 'other' });
    expect(harness.harnessId).toBe('other-ZZZZZZZZZZ');
    expect(harness.harnessName).toBe('other');
    expect(() => Harness.fromHarnessAttributes(stack, 'Bad', { harnessArn: ARN, harnessId: 'no_suffix' })).toThrow(/harnessId: "no_suffix" does not match/);
    expect(() => Harness.fromHarnessAttributes(stack, 'Bad2', { harnessArn: ARN, harnessName: 'bad-name' })).toThrow(/harnessName: "bad-name" does not match/);
  });
});

describe('imported metrics', () => {
  test('are refused: AgentCore publishes them under the runtime, which an import does not know', () => {
    const stack = createTestStack();
    expect(() => Harness.fromHarnessArn(stack, 'Imported', ARN).metricInvocations()).toThrow(/imported harness does not know/);
  });
});
