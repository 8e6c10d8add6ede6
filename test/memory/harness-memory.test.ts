import { Duration, Lazy } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as kms from 'aws-cdk-lib/aws-kms';
import { HarnessMemory, HarnessMemoryStrategy } from '../../src';
import { createFakeHarness, harnessLogicalId, postCreateStatements, roleStatements } from '../support/bind-context';

// Only what an agent turn uses: no deletes, no listing of actors or sessions.
const DATA_PLANE = [
  'bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:RetrieveMemoryRecords',
];
const MEMORY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/my_memory-abcdef1234';

describe('HarnessMemory.managed', () => {
  test('renders an empty managed block and grants the data plane on the GetAtt ARN, after the harness', () => {
    const fake = createFakeHarness();
    const memory = HarnessMemory.managed();
    fake.resource.memory = memory._bind(fake.ctx);
    expect(memory._managed).toBe(true);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', { Memory: { ManagedMemoryConfiguration: {} } });
    expect(postCreateStatements(fake)).toEqual([{
      Action: DATA_PLANE,
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [harnessLogicalId(fake), 'Memory.ManagedMemoryConfiguration.Arn'] },
    }]);
    // postCreateStatements reads only policies created after the harness (and fails on a cycle):
    // a policy the harness depended on could not reference its attributes.
    expect(roleStatements(fake)).toEqual([]);
  });

  test('renders strategies, event expiry in days and the key, and grants the key to the role', () => {
    const fake = createFakeHarness();
    const key = new kms.Key(fake.stack, 'Key');
    fake.resource.memory = HarnessMemory.managed({
      strategies: [HarnessMemoryStrategy.SEMANTIC, HarnessMemoryStrategy.EPISODIC],
      eventExpiry: Duration.days(90),
      encryptionKey: key,
    })._bind(fake.ctx);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Memory: {
        ManagedMemoryConfiguration: {
          Strategies: ['SEMANTIC', 'EPISODIC'],
          EventExpiryDuration: 90,
          EncryptionKeyArn: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
        },
      },
    });
    expect(roleStatements(fake)).toEqual([{
      Action: [
        'kms:CreateGrant',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncrypt*',
      ],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
    }]);
  });

  test('accepts an imported key with a literal ARN', () => {
    const fake = createFakeHarness();
    const key = kms.Key.fromKeyArn(fake.stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012');
    expect(() => HarnessMemory.managed({ encryptionKey: key })).not.toThrow();
  });

  test.each([
    ['no strategies', { strategies: [] }, /memory.strategies: has 0 items; it must have between 1 and 4/],
    ['five strategies', { strategies: ['SEMANTIC', 'SUMMARIZATION', 'USER_PREFERENCE', 'EPISODIC', 'SEMANTIC'] }, /memory.strategies: has 5 items/],
    ['a duplicate strategy', { strategies: ['SEMANTIC', 'SEMANTIC'] }, /memory.strategies\[1\]: "SEMANTIC" is listed twice/],
    ['an unknown strategy', { strategies: ['CUSTOM'] }, /memory.strategies\[0\]: "CUSTOM" is not a HarnessMemoryStrategy/],
    ['an expiry of 2 days', { eventExpiry: Duration.days(2) }, /memory.eventExpiry: 2 days is out of range; it must be between 3 and 365 days/],
    ['an expiry of 366 days', { eventExpiry: Duration.days(366) }, /memory.eventExpiry: 366 days is out of range/],
    ['an expiry that is not whole days', { eventExpiry: Duration.hours(100) }, /memory.eventExpiry: 4 days 4 hours is not a whole number of days/],
  ])('fails for %s', (_what, options, error) => {
    expect(() => HarnessMemory.managed(options as any)).toThrow(error);
  });

  test('fails for a key whose ARN is not a KMS key ARN', () => {
    const fake = createFakeHarness();
    const key = kms.Key.fromKeyArn(fake.stack, 'K', 'arn:aws:kms:us-east-1:123456789012:alias/my-key');
    expect(() => HarnessMemory.managed({ encryptionKey: key })).toThrow(/memory.encryptionKey: .* does not match a KMS key ARN/);
  });

  test('accepts a token expiry', () => {
    const fake = createFakeHarness();
    const days = Lazy.number({ produce: () => 10 });
    fake.resource.memory = HarnessMemory.managed({ eventExpiry: Duration.days(days) })._bind(fake.ctx);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', { Memory: { ManagedMemoryConfiguration: { EventExpiryDuration: 10 } } });
  });
});

describe('HarnessMemory.fromMemory', () => {
  test('renders the memory ARN with numeric retrieval settings and grants the data plane on that memory only', () => {
    const fake = createFakeHarness();
    const imported = agentcore.Memory.fromMemoryAttributes(fake.stack, 'M', { memoryArn: MEMORY_ARN, roleArn: 'arn:aws:iam::123456789012:role/m' });
    const memory = HarnessMemory.fromMemory(imported, {
      actorId: 'agent',
      messagesCount: 20,
      retrievalConfig: { '/users/{actorId}/facts': { topK: 5, relevanceScore: 0.5, strategyId: 'semantic-abc' } },
    });
    fake.resource.memory = memory._bind(fake.ctx);
    expect(memory._managed).toBe(false);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Memory: {
        AgentCoreMemoryConfiguration: {
          Arn: MEMORY_ARN,
          ActorId: 'agent',
          MessagesCount: 20,
          RetrievalConfig: { '/users/{actorId}/facts': { TopK: 5, RelevanceScore: 0.5, StrategyId: 'semantic-abc' } },
        },
      },
    });
    expect(roleStatements(fake)).toEqual([{ Action: DATA_PLANE, Effect: 'Allow', Resource: MEMORY_ARN }]);
    expect(postCreateStatements(fake)).toEqual([]);
  });

  test('a memory defined in the stack is granted on its ARN attribute', () => {
    const fake = createFakeHarness();
    const mem = new agentcore.Memory(fake.stack, 'Mem');
    fake.resource.memory = HarnessMemory.fromMemory(mem)._bind(fake.ctx);
    const statements = roleStatements(fake);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toEqual(DATA_PLANE);
    expect(statements[0].Resource['Fn::GetAtt'][1]).toBe('MemoryArn');
  });

  const imported = () => {
    const fake = createFakeHarness();
    return agentcore.Memory.fromMemoryAttributes(fake.stack, 'M', { memoryArn: MEMORY_ARN, roleArn: 'arn:aws:iam::123456789012:role/m' });
  };

  test.each([
    ['messagesCount 0', { messagesCount: 0 }, /memory.messagesCount: 0 is out of range; it must be at least 1/],
    ['fractional messagesCount', { messagesCount: 1.5 }, /memory.messagesCount: 1.5 must be a whole number/],
    ['an empty retrievalConfig', { retrievalConfig: {} }, /memory.retrievalConfig: is empty/],
    ['topK 0', { retrievalConfig: { ns: { topK: 0 } } }, /memory.retrievalConfig.ns.topK: 0 is out of range/],
    ['relevanceScore above 1', { retrievalConfig: { ns: { relevanceScore: 1.5 } } }, /memory.retrievalConfig.ns.relevanceScore: 1.5 is out of range; it must be between 0 and 1/],
    ['relevanceScore below 0', { retrievalConfig: { ns: { relevanceScore: -0.1 } } }, /relevanceScore: -0.1 is out of range/],
    ['an empty namespace', { retrievalConfig: { '': { topK: 1 } } }, /memory.retrievalConfig: "" is 0 characters long/],
  ])('fails for %s', (_what, options, error) => {
    expect(() => HarnessMemory.fromMemory(imported(), options as any)).toThrow(error);
  });

  test.each([
    ['a runtime ARN', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_memory-abcdef1234'],
  ])('fails for a memory ARN in %s', (_what, arn) => {
    const fake = createFakeHarness();
    const m = agentcore.Memory.fromMemoryAttributes(fake.stack, 'M', { memoryArn: arn, roleArn: 'arn:aws:iam::123456789012:role/m' });
    expect(() => HarnessMemory.fromMemory(m)).toThrow(/memory.memory: .* does not match a memory ARN/);
  });
});

describe('HarnessMemory.disabled', () => {
  test('renders disabled explicitly and grants nothing', () => {
    const fake = createFakeHarness();
    const memory = HarnessMemory.disabled();
    fake.resource.memory = memory._bind(fake.ctx);
    expect(memory._managed).toBe(false);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', { Memory: { Disabled: {} } });
    expect(roleStatements(fake)).toEqual([]);
    expect(postCreateStatements(fake)).toEqual([]);
  });
});
