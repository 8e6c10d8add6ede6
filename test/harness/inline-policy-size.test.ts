import { Lazy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newHarness } from './helpers';
import { HarnessMemory } from '../../src';
import { unresolvedMaxLength } from '../../src/common/private/synthesis-shortcuts';
import { INLINE_POLICY_QUOTA, policyDocumentLength } from '../../src/harness/private/inline-policy-size';
import { createTestApp, createTestStack } from '../support/app';

const partitionArn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

describe('policyDocumentLength', () => {
  test('a literal document counts exactly as its JSON without white space', () => {
    const document = { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }], Version: '2012-10-17' };
    expect(policyDocumentLength(document)).toEqual({ min: JSON.stringify(document).length, max: JSON.stringify(document).length });
  });

  test('an intrinsic counts as the string it evaluates to, bounded for deploy-time values', () => {
    const literal = { Resource: 'arn:aws:s3:::b' };
    const withPartition = { Resource: partitionArn(':s3:::b') };
    // "arn:" + partition (aws … aws-iso-f) + ":s3:::b"
    expect(policyDocumentLength(withPartition)).toEqual({ min: JSON.stringify(literal).length, max: JSON.stringify(literal).length + 7 });
    // A resource attribute counts at its shortest: nothing but the quotes.
    const withAttribute = { Resource: { 'Fn::GetAtt': ['Bucket', 'Arn'] } };
    expect(policyDocumentLength(withAttribute).min).toBe('{"Resource":""}'.length);
  });
});

describe('unresolvedMaxLength', () => {
  test('counts a statement before resolution as policyDocumentLength counts it after, when every token is known', () => {
    const stack = createTestStack();
    const bucket = new s3.Bucket(stack, 'B');
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    const statement = new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [bucket.bucketArn, 'arn:aws:s3:::literal'],
      conditions: { ArnEquals: { 'aws:PrincipalArn': role.roleArn } },
    }).toStatementJson();
    const maxByToken = new Map([[bucket.bucketArn, 80], [role.roleArn, 102]]);
    const known = (intrinsic: Record<string, unknown>) => {
      const text = JSON.stringify(intrinsic);
      if (text === JSON.stringify(stack.resolve(bucket.bucketArn))) return { min: 1, max: 80 };
      if (text === JSON.stringify(stack.resolve(role.roleArn))) return { min: 1, max: 102 };
      return undefined;
    };
    expect(unresolvedMaxLength(statement, maxByToken)).toBe(policyDocumentLength(stack.resolve(statement), known).max);
    // Text around a known token: the token at its longest plus the text (the resolved count takes such a part at 2,048).
    const joined = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`${bucket.bucketArn}/prefix/*`] }).toStatementJson();
    const alone = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.bucketArn] }).toStatementJson();
    expect(unresolvedMaxLength(joined, maxByToken)).toBe(unresolvedMaxLength(alone, maxByToken)! + '/prefix/*'.length);
  });

  test('with every unknown token at an ARN\'s longest, bounds what the resolved document can take, or gives up on a list token', () => {
    const stack = createTestStack();
    const bucket = new s3.Bucket(stack, 'B');
    const document = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.bucketArn, `${bucket.bucketArn}/*`, `arn:${stack.partition}:s3:::x`] }),
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.bucketArn] }),
      ],
    });
    const upper = unresolvedMaxLength(document.toJSON(), new Map(), 2048)!;
    expect(upper).toBeGreaterThanOrEqual(policyDocumentLength(stack.resolve(document)).max);
    const listed = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: Lazy.list({ produce: () => ['a', 'b'] }) })] });
    expect(unresolvedMaxLength(listed.toJSON(), new Map(), 2048)).toBeUndefined();
  });

  test('gives up on a token it does not know, so the caller resolves instead', () => {
    const stack = createTestStack();
    const bucket = new s3.Bucket(stack, 'B');
    const statement = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.bucketArn] }).toStatementJson();
    expect(unresolvedMaxLength(statement, new Map())).toBeUndefined();
  });
});

describe('the execution role\'s inline policies', () => {
  const longArn = (i: number) => `arn:aws:s3:::a-bucket-with-a-rather-long-name-number-${i}/some/prefix/that/is/long/too/*`;

  test.each([false, true])('a harness whose own statements certainly exceed the quota fails at synth, naming the sizes (minimizePolicies=%s)', (minimize) => {
    const app = createTestApp({ context: { '@aws-cdk/aws-iam:minimizePolicies': minimize } });
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() }, createTestStack(app));
    for (let i = 0; i < 120; i++) {
      harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [longArn(i)] }));
    }
    expect(() => Template.fromStack(stack)).toThrow(new RegExp(`role: the execution role's inline policies take at least \\d+ characters \\(HarnessExecution: \\d+, default policy: 0\\); IAM allows ${INLINE_POLICY_QUOTA} per role`));
  });

  test('grants other constructs make through grantPrincipal count toward the same quota', () => {
    // 52 statements of the harness's own (under the quota alone) plus 12 grants through
    // grantPrincipal exceed it together: both are in the role's inline policy.
    const build = (grants: number) => {
      const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
      for (let i = 0; i < 52; i++) {
        harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [longArn(i)] }));
      }
      for (let i = 0; i < grants; i++) {
        s3.Bucket.fromBucketName(stack, `B${i}`, `a-bucket-with-a-rather-long-name-number-${i}`).grantRead(harness, 'some/prefix/that/is/long/*');
      }
      return () => Template.fromStack(stack);
    };
    expect(build(0)).not.toThrow();
    expect(build(12)).toThrow(/role: the execution role's inline policies take at least 1\d{4} characters \(HarnessExecution: 1\d{4}, default policy: 0\)/);
  });

  test('a harness with a typical configuration passes', () => {
    const { stack, harness } = newHarness();
    for (let i = 0; i < 10; i++) {
      harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [longArn(i)] }));
    }
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
