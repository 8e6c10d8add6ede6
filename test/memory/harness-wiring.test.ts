import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as kms from 'aws-cdk-lib/aws-kms';
import { HarnessMemory, HarnessMemoryStrategy } from '../../src';
import { newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';
import { harnessPostCreateStatements, optionStatements } from '../support/option-statements';

// Only what an agent turn uses: no deletes, no listing of actors or sessions.
const DATA_PLANE = [
  'bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:RetrieveMemoryRecords',
];

function harnessLogicalId(stack: any): string {
  return Template.fromStack(stack).getResourceId('AWS::BedrockAgentCore::Harness');
}

describe('Harness with memory', () => {
  test('the default is managed memory, granted on the GetAtt ARN after the harness, and retained', () => {
    const { stack } = newHarness();
    const template = Template.fromStack(stack);
    const id = harnessLogicalId(stack);
    template.hasResource('AWS::BedrockAgentCore::Harness', {
      Properties: { Memory: { ManagedMemoryConfiguration: {} } },
      DeletionPolicy: 'Retain',
    });
    expect(harnessPostCreateStatements(stack)).toEqual([
      { Effect: 'Allow', Action: DATA_PLANE, Resource: { 'Fn::GetAtt': [id, 'Memory.ManagedMemoryConfiguration.Arn'] } },
    ]);
    expect(optionStatements(stack)).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/memory\/harness_|memory\/\*/);
  });

  test('managed memory with options and a key', () => {
    const stack = createTestStack();
    newHarness({
      memory: HarnessMemory.managed({
        strategies: [HarnessMemoryStrategy.USER_PREFERENCE],
        eventExpiry: Duration.days(7),
        encryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012'),
      }),
    }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Memory: {
        ManagedMemoryConfiguration: {
          Strategies: ['USER_PREFERENCE'],
          EventExpiryDuration: 7,
          EncryptionKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012',
        },
      },
    });
    expect(optionStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncrypt*'],
      Resource: 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012',
    }]);
  });

  test('an existing memory is granted on that memory only, with no post-create policy, and the harness is destroyable', () => {
    const stack = createTestStack();
    const memArn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/shared-abcdef1234';
    newHarness({
      memory: HarnessMemory.fromMemory(agentcore.Memory.fromMemoryAttributes(stack, 'M', { memoryArn: memArn, roleArn: 'arn:aws:iam::123456789012:role/m' }), { messagesCount: 10 }),
    }, stack);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::BedrockAgentCore::Harness', {
      Properties: { Memory: { AgentCoreMemoryConfiguration: { Arn: memArn, MessagesCount: 10 } } },
      DeletionPolicy: 'Delete',
    });
    expect(optionStatements(stack)).toEqual([{ Effect: 'Allow', Action: DATA_PLANE, Resource: memArn }]);
    expect(harnessPostCreateStatements(stack)).toEqual([]);
  });

  test('disabled memory renders Disabled and grants nothing', () => {
    const { stack } = newHarness({ memory: HarnessMemory.disabled() });
    Template.fromStack(stack).hasResource('AWS::BedrockAgentCore::Harness', {
      Properties: { Memory: { Disabled: {} } },
      DeletionPolicy: 'Delete',
    });
    expect(optionStatements(stack)).toEqual([]);
    expect(harnessPostCreateStatements(stack)).toEqual([]);
  });
});

