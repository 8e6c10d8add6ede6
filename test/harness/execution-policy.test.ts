import { Aws } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { arn, executionRoleStatements, newHarness } from './helpers';
import { HarnessMemory } from '../../src';
import { createTestApp, createTestStack } from '../support/app';

describe('the inline execution policy', () => {
  test('a statement that references a resource of another stack still renders a cross-stack import', () => {
    const app = createTestApp();
    const data = createTestStack(app, 'Data');
    const bucket = new s3.Bucket(data, 'Bucket');
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() }, createTestStack(app, 'Agent'));
    harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));

    const statement = executionRoleStatements(stack).find(st => st.Action === 's3:GetObject');
    expect(JSON.stringify(statement.Resource)).toContain('Fn::ImportValue');
    const exports = Object.values(Template.fromStack(data).toJSON().Outputs ?? {}) as any[];
    expect(exports.map(o => o.Value)).toContainEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Bucket/), 'Arn'] });
  });

  test('a statement of literals and pseudo parameters renders the same in every document and stack that holds it', () => {
    const app = createTestApp();
    const statement = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:${Aws.PARTITION}:s3:::shared/*`] });
    const stacks = ['One', 'Two'].map(id => {
      const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() }, createTestStack(app, id));
      harness.addToRolePolicy(statement);
      return stack;
    });
    for (const stack of stacks) {
      expect(executionRoleStatements(stack)).toContainEqual({ Effect: 'Allow', Action: 's3:GetObject', Resource: arn(':s3:::shared/*') });
    }
  });

  test('a statement with a deploy-time value of its own stack renders it', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    const bucket = new s3.Bucket(stack, 'Bucket');
    harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('out/*')] }));
    const statement = executionRoleStatements(stack).find(st => st.Action === 's3:PutObject');
    expect(statement.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Bucket/), 'Arn'] }, '/out/*']] });
  });
});
