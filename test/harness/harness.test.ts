import { Duration, Lazy, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { harnessProperties, newHarness } from './helpers';
import { HarnessMemory, HarnessSystemPrompt, HarnessTruncation } from '../../src';
import { createTestStack } from '../support/app';

describe('rendering', () => {
  test('a minimal harness renders the model, explicit managed memory and nothing else optional', () => {
    const { stack } = newHarness();
    expect(Object.keys(harnessProperties(stack)).sort()).toEqual(['ExecutionRoleArn', 'HarnessName', 'Memory', 'Model']);
    expect(harnessProperties(stack).Memory).toEqual({ ManagedMemoryConfiguration: {} });
  });

  test('every scalar prop is rendered', () => {
    const { stack } = newHarness({
      systemPrompt: HarnessSystemPrompt.fromText('Be brief.'),
      maxIterations: 10,
      maxTokens: 20000,
      timeout: Duration.minutes(5),
      environmentVariables: { STAGE: 'prod', EMPTY: '' },
      allowedTools: ['*'],
      tags: { 'team': 'agents', 'cost-center': '' },
    });
    expect(harnessProperties(stack)).toEqual(expect.objectContaining({
      SystemPrompt: [{ Text: 'Be brief.' }],
      MaxIterations: 10,
      MaxTokens: 20000,
      TimeoutSeconds: 300,
      EnvironmentVariables: { STAGE: 'prod', EMPTY: '' },
      AllowedTools: ['*'],
      Tags: [{ Key: 'cost-center', Value: '' }, { Key: 'team', Value: 'agents' }],
    }));
  });

  test('empty environment variables are omitted', () => {
    const { stack } = newHarness({ environmentVariables: {} });
    expect(harnessProperties(stack).EnvironmentVariables).toBeUndefined();
  });

  test.each<[string, HarnessTruncation, any]>([
    ['sliding window', HarnessTruncation.slidingWindow({ messagesCount: 30 }),
      { Strategy: 'sliding_window', Config: { SlidingWindow: { MessagesCount: 30 } } }],
    ['sliding window with defaults', HarnessTruncation.slidingWindow(), { Strategy: 'sliding_window' }],
    ['summarization', HarnessTruncation.summarization({ summaryRatio: 0.3, preserveRecentMessages: 0, summarizationSystemPrompt: 'Summarize.' }),
      { Strategy: 'summarization', Config: { Summarization: { SummaryRatio: 0.3, PreserveRecentMessages: 0, SummarizationSystemPrompt: 'Summarize.' } } }],
    ['summarization with defaults', HarnessTruncation.summarization(), { Strategy: 'summarization' }],
    ['none', HarnessTruncation.none(), { Strategy: 'none' }],
  ])('truncation %s', (_, truncation, expected) => {
    const { stack } = newHarness({ truncation });
    expect(harnessProperties(stack).Truncation).toEqual(expected);
  });

  test('disabled memory is rendered explicitly', () => {
    const { stack } = newHarness({ memory: HarnessMemory.disabled() });
    expect(harnessProperties(stack).Memory).toEqual({ Disabled: {} });
  });

  test('no stack outputs or exports are created', () => {
    const { stack } = newHarness();
    expect(Template.fromStack(stack).toJSON().Outputs).toBeUndefined();
  });
});

describe('attributes', () => {
  test('map to the resource attributes', () => {
    const { stack, harness } = newHarness();
    const id = stack.getLogicalId(harness.node.defaultChild as any);
    const getAtt = (attr: string) => ({ 'Fn::GetAtt': [id, attr] });
    expect(stack.resolve(harness.harnessArn)).toEqual(getAtt('Arn'));
    expect(stack.resolve(harness.harnessId)).toEqual(getAtt('HarnessId'));
    expect(stack.resolve(harness.harnessVersion)).toEqual(getAtt('Version'));
    expect(stack.resolve(harness.harnessStatus)).toEqual(getAtt('Status'));
    expect(stack.resolve(harness.agentRuntimeArn)).toEqual(getAtt('Environment.AgentCoreRuntimeEnvironment.AgentRuntimeArn'));
    expect(stack.resolve(harness.agentRuntimeId)).toEqual(getAtt('Environment.AgentCoreRuntimeEnvironment.AgentRuntimeId'));
    expect(stack.resolve(harness.agentRuntimeName)).toEqual(getAtt('Environment.AgentCoreRuntimeEnvironment.AgentRuntimeName'));
    expect(stack.resolve(harness.managedMemoryArn)).toEqual(getAtt('Memory.ManagedMemoryConfiguration.Arn'));
    expect(stack.resolve(harness.harnessRef.harnessArn)).toEqual(getAtt('Arn'));
    expect(stack.resolve(harness.harnessName)).toEqual(harnessProperties(stack).HarnessName);
  });

  test('managedMemoryArn is undefined without managed memory', () => {
    const { harness } = newHarness({ memory: HarnessMemory.disabled() });
    expect(harness.managedMemoryArn).toBeUndefined();
  });

  test('the L1 child is called Resource', () => {
    const { harness } = newHarness();
    expect(harness.node.defaultChild?.node.id).toBe('Resource');
  });

  test('agentRuntime is a runtime view for metrics', () => {
    const { stack, harness } = newHarness();
    const id = stack.getLogicalId(harness.node.defaultChild as any);
    const metric = harness.agentRuntime.metricInvocations();
    expect(metric.namespace).toBe('AWS/Bedrock-AgentCore');
    expect(stack.resolve(metric.dimensions?.Resource)).toEqual({ 'Fn::GetAtt': [id, 'Environment.AgentCoreRuntimeEnvironment.AgentRuntimeArn'] });
    expect(harness.agentRuntime).toBe(harness.agentRuntime);
  });
});

describe('removal policy', () => {
  test.each<[string, any, string, string]>([
    ['managed memory (default)', {}, 'Retain', 'Retain'],
    // A replacement is decided by the new template: moving off managed memory must not delete the old harness.
    ['disabled memory', { memory: HarnessMemory.disabled() }, 'Delete', 'Retain'],
    ['managed memory with DESTROY', { removalPolicy: RemovalPolicy.DESTROY }, 'Delete', 'Delete'],
    ['disabled memory with DESTROY', { memory: HarnessMemory.disabled(), removalPolicy: RemovalPolicy.DESTROY }, 'Delete', 'Delete'],
    ['disabled memory with RETAIN', { memory: HarnessMemory.disabled(), removalPolicy: RemovalPolicy.RETAIN }, 'Retain', 'Retain'],
  ])('%s', (_, props, deletion, replacement) => {
    const { stack } = newHarness(props);
    Template.fromStack(stack).hasResource('AWS::BedrockAgentCore::Harness', { DeletionPolicy: deletion, UpdateReplacePolicy: replacement });
  });

  test('DESTROY with managed memory warns about losing the conversations', () => {
    const { stack } = newHarness({ removalPolicy: RemovalPolicy.DESTROY });
    Annotations.fromStack(stack).hasWarning('/TestStack/Harness', Match.stringLikeRegexp('managed-memory-destroy'));
  });

  test('the default does not warn', () => {
    const { stack } = newHarness();
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Harness', Match.stringLikeRegexp('managed-memory-destroy'));
  });

  test('SNAPSHOT is rejected', () => {
    expect(() => newHarness({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/removalPolicy: SNAPSHOT is not supported/);
  });
});

describe('tags', () => {
  test('Tags.of() reaches the harness and merges with the tags prop', () => {
    const stack = createTestStack();
    Tags.of(stack).add('owner', 'platform');
    newHarness({ tags: { team: 'agents' } }, stack);
    expect(harnessProperties(stack).Tags).toEqual([{ Key: 'owner', Value: 'platform' }, { Key: 'team', Value: 'agents' }]);
  });

  test('tags applied by Tags.of() are validated at synth', () => {
    const stack = createTestStack();
    Tags.of(stack).add('bad#key', 'v');
    newHarness({}, stack);
    expect(() => Template.fromStack(stack)).toThrow(/tags key: "bad#key" does not match/);
  });

  test('more than 50 tags in total fail at synth', () => {
    const stack = createTestStack();
    for (let i = 0; i < 30; i++) Tags.of(stack).add(`aspect${i}`, 'v');
    const tags: Record<string, string> = {};
    for (let i = 0; i < 21; i++) tags[`prop${i}`] = 'v';
    newHarness({ tags }, stack);
    expect(() => Template.fromStack(stack)).toThrow(/tags: has 51 tags; at most 50 are allowed/);
  });
});

describe('harness name', () => {
  test('an explicit name is rendered and warns', () => {
    const { stack } = newHarness({ harnessName: 'my_agent' });
    expect(harnessProperties(stack).HarnessName).toBe('my_agent');
    Annotations.fromStack(stack).hasWarning('/TestStack/Harness', Match.stringLikeRegexp('explicit-name'));
  });

  test('a generated name does not warn', () => {
    const { stack } = newHarness();
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Harness', Match.stringLikeRegexp('explicit-name'));
  });

  test('a 40-character name is accepted', () => {
    const { stack } = newHarness({ harnessName: 'a'.repeat(40) });
    expect(harnessProperties(stack).HarnessName).toBe('a'.repeat(40));
  });
});

describe('validation', () => {
  const longMap = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
  test.each<[string, any, RegExp]>([
    ['name with a hyphen', { harnessName: 'my-agent' }, /harnessName: "my-agent" does not match 1 to 40 characters: a letter, then letters, digits or _ \(no hyphens\)/],
    ['name starting with a digit', { harnessName: '1agent' }, /harnessName: "1agent" does not match/],
    ['name of 41 characters', { harnessName: 'a'.repeat(41) }, /harnessName: "a{41}" does not match/],
    ['empty name', { harnessName: '' }, /harnessName: "" does not match/],
    ['maxIterations 0', { maxIterations: 0 }, /maxIterations: 0 is out of range; it must be at least 1/],
    ['fractional maxIterations', { maxIterations: 2.5 }, /maxIterations: 2\.5 must be a whole number/],
    ['maxTokens 0', { maxTokens: 0 }, /maxTokens: 0 is out of range; it must be at least 1/],
    ['timeout of 0 seconds', { timeout: Duration.seconds(0) }, /timeout: 0 seconds must be a whole number of seconds, at least 1 second/],
    ['timeout with milliseconds', { timeout: Duration.millis(1500) }, /timeout: 1\.5 seconds must be a whole number of seconds/],
    ['51 environment variables', { environmentVariables: longMap(51) }, /environmentVariables: has 51 entries; it must have at most 50/],
    ['empty environment variable name', { environmentVariables: { '': 'v' } }, /environmentVariables key: "" is 0 characters long; it must be at least 1/],
    ['environment variable name of 101 characters', { environmentVariables: { ['K'.repeat(101)]: 'v' } }, /environmentVariables key: "K+" is 101 characters long; it must be at most 100/],
    ['environment variable value of 5001 characters', { environmentVariables: { BIG: 'v'.repeat(5001) } }, /environmentVariables\.BIG: .* is 5001 characters long; it must be at most 5000/],
    ['51 tags', { tags: longMap(51) }, /tags: has 51 tags; at most 50 are allowed/],
    ['empty tag key', { tags: { '': 'v' } }, /tags key: "" is 0 characters long; it must be at least 1/],
    ['tag key of 129 characters', { tags: { ['k'.repeat(129)]: 'v' } }, /tags key: "k+\.\.\." is 129 characters long; it must be at most 128/],
    ['tag value of 257 characters', { tags: { k: 'v'.repeat(257) } }, /tags\.k: "v+\.\.\." is 257 characters long; it must be at most 256/],
    ['tag key with aws: prefix', { tags: { 'aws:owner': 'x' } }, /tags key: "aws:owner" starts with the reserved prefix "aws:"/],
    ['tag value with a forbidden character', { tags: { k: 'a#b' } }, /tags\.k: "a#b" does not match/],
  ])('fails on %s', (_, props, message) => {
    expect(() => newHarness(props)).toThrow(message);
  });

  test('limits are inclusive', () => {
    const { stack } = newHarness({
      maxIterations: 1,
      maxTokens: 1,
      timeout: Duration.seconds(1),
      environmentVariables: { ...longMap(49), ['K'.repeat(100)]: 'v'.repeat(5000) },
      tags: { ...longMap(49), ['k'.repeat(128)]: 'v'.repeat(256) },
    });
    expect(harnessProperties(stack).TimeoutSeconds).toBe(1);
  });

  test('tokens are not validated', () => {
    const n = Lazy.number({ produce: () => 0 });
    const s = Lazy.string({ produce: () => 'my_agent' });
    expect(() => newHarness({ harnessName: s, maxIterations: n, maxTokens: n, timeout: Duration.seconds(Lazy.number({ produce: () => 5 })) }))
      .not.toThrow();
  });
});
