import { Duration, Lazy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { HarnessHook, HookFailureMode, HookTarget } from '../../src';
import { validateHookSet } from '../../src/hooks/private/validate-hooks';
import { createFakeHarness, roleStatements } from '../support/bind-context';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:guard';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:audit';
const BUS_ARN = 'arn:aws:events:us-east-1:123456789012:event-bus/agents';

function bindHooks(fake: ReturnType<typeof createFakeHarness>, ...hooks: HarnessHook[]) {
  const rendered = hooks.map(h => h._bind(fake.ctx));
  fake.resource.hooks = rendered;
  return rendered;
}

describe('HarnessHook', () => {
  test('a Lambda target renders timeout and lowercase failure mode and grants invoke on that function only', () => {
    const fake = createFakeHarness();
    const fn = lambda.Function.fromFunctionArn(fake.stack, 'Fn', FN_ARN);
    bindHooks(fake, HarnessHook.beforeToolCall('guard', HookTarget.fromFunction(fn, { timeout: Duration.seconds(30), failureMode: HookFailureMode.ALLOW })));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Hooks: [{ BeforeToolCall: { Name: 'guard', Target: { Lambda: { Arn: FN_ARN, TimeoutSeconds: 30, FailureMode: 'allow' } } } }],
    });
    expect(roleStatements(fake)).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [FN_ARN, `${FN_ARN}:*`] },
    ]);
  });

  test('a Lambda defined in the stack renders DENY as "deny"', () => {
    const fake = createFakeHarness();
    const fn = new lambda.Function(fake.stack, 'Guard', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    bindHooks(fake, HarnessHook.beforeInvocation('check', HookTarget.fromFunction(fn, { failureMode: HookFailureMode.DENY })));
    const fnArn = { 'Fn::GetAtt': [fake.stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction), 'Arn'] };
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Hooks: [{ BeforeInvocation: { Name: 'check', Target: { Lambda: { Arn: fnArn, FailureMode: 'deny' } } } }],
    });
    expect(roleStatements(fake)).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [fnArn, { 'Fn::Join': ['', [fnArn, ':*']] }] },
    ]);
  });

  test('an SNS target grants publish on that topic only', () => {
    const fake = createFakeHarness();
    bindHooks(fake, HarnessHook.afterInvocation('audit', HookTarget.fromTopic(sns.Topic.fromTopicArn(fake.stack, 'T', TOPIC_ARN))));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Hooks: [{ AfterInvocation: { Name: 'audit', Target: { Sns: { Arn: TOPIC_ARN } } } }],
    });
    expect(roleStatements(fake)).toEqual([{ Action: 'sns:Publish', Effect: 'Allow', Resource: TOPIC_ARN }]);
  });

  test('a KMS-encrypted topic also grants the key actions publishing needs', () => {
    const fake = createFakeHarness();
    const key = new kms.Key(fake.stack, 'Key');
    const topic = new sns.Topic(fake.stack, 'Topic', { masterKey: key });
    bindHooks(fake, HarnessHook.afterInvocation('audit', HookTarget.fromTopic(topic)));
    expect(roleStatements(fake)).toEqual([
      { Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: fake.stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } },
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } },
    ]);
  });

  test('an EventBridge target grants PutEvents on that bus only', () => {
    const fake = createFakeHarness();
    bindHooks(fake, HarnessHook.afterToolCall('trace', HookTarget.fromEventBus(events.EventBus.fromEventBusArn(fake.stack, 'B', BUS_ARN))));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Hooks: [{ AfterToolCall: { Name: 'trace', Target: { EventBridge: { Arn: BUS_ARN } } } }],
    });
    expect(roleStatements(fake)).toEqual([{ Action: 'events:PutEvents', Effect: 'Allow', Resource: BUS_ARN }]);
  });

  test.each([
    ['0 seconds', Duration.seconds(0), /hooks.target.timeout: 0 seconds is out of range; it must be between 1 and 900 seconds/],
    ['901 seconds', Duration.seconds(901), /hooks.target.timeout: 901 seconds is out of range/],
    ['1.5 seconds', Duration.millis(1500), /hooks.target.timeout: 1 second 500 millis is not a whole number of seconds/],
  ])('fails for a Lambda timeout of %s', (_what, timeout, error) => {
    const fake = createFakeHarness();
    expect(() => HookTarget.fromFunction(lambda.Function.fromFunctionArn(fake.stack, 'Fn', FN_ARN), { timeout })).toThrow(error);
  });

  test('fails for an unknown failure mode', () => {
    const fake = createFakeHarness();
    expect(() => HookTarget.fromFunction(lambda.Function.fromFunctionArn(fake.stack, 'Fn', FN_ARN), { failureMode: 'ALLOW' as any }))
      .toThrow(/hooks.target.failureMode: "ALLOW" is not a HookFailureMode/);
  });

  test.each([
    ['empty', '', /hooks\[\].name: "" is 0 characters long/],
    ['too long', 'a'.repeat(65), /name: .* at most 64/],
    ['with a space', 'my hook', /hooks\[my hook\].name: "my hook" does not match letters, digits, _ and -/],
  ])('fails for a name that is %s', (_what, name, error) => {
    const fake = createFakeHarness();
    expect(() => HarnessHook.beforeInvocation(name, HookTarget.fromTopic(sns.Topic.fromTopicArn(fake.stack, 'T', TOPIC_ARN)))).toThrow(error);
  });

  test('accepts a token name', () => {
    const fake = createFakeHarness();
    expect(() => HarnessHook.beforeInvocation(Lazy.string({ produce: () => 'x y' }), HookTarget.fromTopic(sns.Topic.fromTopicArn(fake.stack, 'T', TOPIC_ARN)))).not.toThrow();
  });
});

describe('validateHookSet', () => {
  const target = { sns: { arn: TOPIC_ARN } };

  test('accepts 20 hooks with unique names', () => {
    const hooks = Array.from({ length: 20 }, (_, i) => ({ beforeInvocation: { name: `h${i}`, target } }));
    expect(() => validateHookSet(hooks)).not.toThrow();
  });

  test('fails for 21 hooks', () => {
    const hooks = Array.from({ length: 21 }, (_, i) => ({ beforeInvocation: { name: `h${i}`, target } }));
    expect(() => validateHookSet(hooks)).toThrow(/hooks: has 21 hooks; a harness can have at most 20/);
  });

  test('fails for duplicate names, also across kinds', () => {
    expect(() => validateHookSet([
      { beforeInvocation: { name: 'audit', target } },
      { afterToolCall: { name: 'audit', target } },
    ])).toThrow(/hooks\[1\].name: "audit" is already used by another hook/);
  });

  test('fails for a hook with two kinds', () => {
    expect(() => validateHookSet([{ beforeInvocation: { name: 'a', target }, afterInvocation: { name: 'b', target } }]))
      .toThrow(/hooks\[0\]: has beforeInvocation, afterInvocation; it must have exactly one/);
  });
});
