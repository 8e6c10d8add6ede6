import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { HarnessHook, HarnessMemory, HookFailureMode, HookTarget } from '../../src';
import { newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';
import { optionStatements } from '../support/option-statements';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:guard';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:audit';
const BUS_ARN = 'arn:aws:events:us-east-1:123456789012:event-bus/agents';

describe('Harness with hooks', () => {
  test('all four kinds and three targets render and grant exactly invoke, publish and put-events on their targets', () => {
    const stack = createTestStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', FN_ARN);
    const { harness } = newHarness({
      memory: HarnessMemory.disabled(),
      hooks: [HarnessHook.beforeToolCall('guard', HookTarget.fromFunction(fn, { timeout: Duration.seconds(10), failureMode: HookFailureMode.DENY }))],
    }, stack);
    harness
      .addHook(HarnessHook.beforeInvocation('start', HookTarget.fromTopic(sns.Topic.fromTopicArn(stack, 'T', TOPIC_ARN))))
      .addHook(HarnessHook.afterInvocation('end', HookTarget.fromEventBus(events.EventBus.fromEventBusArn(stack, 'B', BUS_ARN))))
      .addHook(HarnessHook.afterToolCall('after', HookTarget.fromTopic(sns.Topic.fromTopicArn(stack, 'T2', TOPIC_ARN))));
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Hooks: [
        { BeforeToolCall: { Name: 'guard', Target: { Lambda: { Arn: FN_ARN, TimeoutSeconds: 10, FailureMode: 'deny' } } } },
        { BeforeInvocation: { Name: 'start', Target: { Sns: { Arn: TOPIC_ARN } } } },
        { AfterInvocation: { Name: 'end', Target: { EventBridge: { Arn: BUS_ARN } } } },
        { AfterToolCall: { Name: 'after', Target: { Sns: { Arn: TOPIC_ARN } } } },
      ],
    });
    expect(optionStatements(stack)).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [FN_ARN, `${FN_ARN}:*`] },
      { Effect: 'Allow', Action: 'sns:Publish', Resource: TOPIC_ARN },
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS_ARN },
    ]);
  });

  test('21 hooks fail at synth', () => {
    const stack = createTestStack();
    const topic = sns.Topic.fromTopicArn(stack, 'T', TOPIC_ARN);
    newHarness({ hooks: Array.from({ length: 21 }, (_, i) => HarnessHook.afterInvocation(`h${i}`, HookTarget.fromTopic(topic))) }, stack);
    expect(() => Template.fromStack(stack)).toThrow(/hooks: has 21 hooks; a harness can have at most 20/);
  });

  test('a duplicate hook name added later fails at synth', () => {
    const stack = createTestStack();
    const topic = sns.Topic.fromTopicArn(stack, 'T', TOPIC_ARN);
    const { harness } = newHarness({ hooks: [HarnessHook.afterInvocation('audit', HookTarget.fromTopic(topic))] }, stack);
    harness.addHook(HarnessHook.beforeToolCall('audit', HookTarget.fromTopic(topic)));
    expect(() => Template.fromStack(stack)).toThrow(/hooks\[1\].name: "audit" is already used by another hook/);
  });
});
