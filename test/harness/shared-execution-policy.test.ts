import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BASE_STATEMENTS, BEDROCK_MODEL, inlineExecutionStatements } from './helpers';
import { Harness, HarnessContainerImage, HarnessMemory } from '../../src';
import { MANAGED_POLICY_QUOTA } from '../../src/harness/private/post-create-policies';
import { createTestApp, createTestStack } from '../support/app';
import { postCreateStatementsOf } from '../support/option-statements';

const PULL = BASE_STATEMENTS.find(s => s.Sid === 'PullDefaultRuntimeImage')!;
const SHARED = BASE_STATEMENTS.filter(s => s !== PULL);

function resourcesOf(stack: Stack, type: string): Record<string, any> {
  return Template.fromStack(stack).findResources(type);
}

function roleIdOf(stack: Stack, harness: Harness): string {
  return stack.resolve((harness.role!.node.defaultChild as iam.CfnRole).logicalId);
}

describe('statements shared by every harness of a stack', () => {
  test('are rendered once per stack, as managed policies attached to each role the harnesses create', () => {
    const stack = createTestStack();
    const harnesses = ['One', 'Two', 'Three'].map(id => new Harness(stack, id, { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() }));
    const managed = resourcesOf(stack, 'AWS::IAM::ManagedPolicy');
    const base = Object.keys(managed).filter(id => id.startsWith('HarnessSharedExecutionPolicyBase'));
    const pull = Object.keys(managed).filter(id => id.startsWith('HarnessSharedExecutionPolicyDefaultRuntimeImagePull'));
    expect(base).toHaveLength(1);
    expect(pull).toHaveLength(1);
    expect(managed[base[0]].Properties.PolicyDocument.Statement).toEqual(SHARED);
    expect(managed[pull[0]].Properties.PolicyDocument.Statement).toEqual([PULL]);

    const roles = resourcesOf(stack, 'AWS::IAM::Role');
    for (const harness of harnesses) {
      const role = roles[roleIdOf(stack, harness)];
      expect(role.Properties.ManagedPolicyArns).toEqual([{ Ref: base[0] }, { Ref: pull[0] }]);
      // The role's own policy keeps only what this harness needs.
      const own = role.Properties.Policies[0].PolicyDocument.Statement;
      expect(own.filter((s: any) => s.Sid)).toEqual([]);
    }
  });

  test('each harness depends on the shared policies as well as on its role', () => {
    const stack = createTestStack();
    new Harness(stack, 'Harness', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    const [harness] = Object.values(resourcesOf(stack, 'AWS::BedrockAgentCore::Harness'));
    const managed = Object.keys(resourcesOf(stack, 'AWS::IAM::ManagedPolicy')).sort();
    expect([...harness.DependsOn].sort()).toEqual(managed);
    expect(harness.Properties.ExecutionRoleArn['Fn::GetAtt'][1]).toBe('Arn');
  });

  test('a harness with its own image is not given the default image\'s pull', () => {
    const stack = createTestStack();
    const harness = new Harness(stack, 'Harness', {
      model: BEDROCK_MODEL,
      memory: HarnessMemory.disabled(),
      containerImage: HarnessContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'agent'), '1'),
    });
    const managed = resourcesOf(stack, 'AWS::IAM::ManagedPolicy');
    expect(Object.keys(managed)).toEqual([expect.stringMatching(/^HarnessSharedExecutionPolicyBase/)]);
    const role = resourcesOf(stack, 'AWS::IAM::Role')[roleIdOf(stack, harness)];
    expect(role.Properties.ManagedPolicyArns).toEqual([{ Ref: Object.keys(managed)[0] }]);
    expect(JSON.stringify(role)).not.toContain('ecr-public:GetAuthorizationToken');
  });

  test('two stacks get one set each', () => {
    const app = createTestApp();
    const stacks = ['A', 'B'].map(id => createTestStack(app, id));
    stacks.forEach(stack => new Harness(stack, 'Harness', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() }));
    for (const stack of stacks) {
      expect(Object.keys(resourcesOf(stack, 'AWS::IAM::ManagedPolicy'))).toHaveLength(2);
    }
  });

  test('a role passed in gets the shared statements itself, and no shared policy is created', () => {
    const stack = createTestStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    new Harness(stack, 'Harness', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled(), role });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const defaultPolicy = Object.values(resourcesOf(stack, 'AWS::IAM::Policy'))[0];
    expect(defaultPolicy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([...SHARED, PULL]));
  });

  test('a shared policy keeps as much as the most retaining harness whose role it serves', () => {
    const destroyOnly = createTestStack();
    new Harness(destroyOnly, 'Deleted', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    let managed = Object.values(resourcesOf(destroyOnly, 'AWS::IAM::ManagedPolicy'));
    expect(managed.map(p => p.DeletionPolicy)).toEqual([undefined, undefined]);

    const stack = createTestStack();
    new Harness(stack, 'Deleted', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    new Harness(stack, 'Kept', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled(), removalPolicy: RemovalPolicy.RETAIN });
    new Harness(stack, 'KeptOnDelete', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled(), removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    managed = Object.values(resourcesOf(stack, 'AWS::IAM::ManagedPolicy'));
    expect(managed.map(p => [p.DeletionPolicy, p.UpdateReplacePolicy])).toEqual([['Retain', 'Retain'], ['Retain', 'Retain']]);
  });

  test('grants other constructs make through grantPrincipal join the role\'s own inline policy', () => {
    const stack = createTestStack();
    const harness = new Harness(stack, 'Harness', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    const bucket = new s3.Bucket(stack, 'Bucket');
    const grant = bucket.grantRead(harness);
    expect(grant.success).toBe(true);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
    expect(inlineExecutionStatements(stack)).toContainEqual(expect.objectContaining({
      Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
    }));
  });
});

describe('post-create statements (managed memory access)', () => {
  test('are limited to their own harness\'s role by aws:PrincipalArn', () => {
    const stack = createTestStack();
    const harnesses = ['One', 'Two'].map(id => new Harness(stack, id, { model: BEDROCK_MODEL }));
    const managed = resourcesOf(stack, 'AWS::IAM::ManagedPolicy');
    const groups = Object.entries(managed).filter(([id]) => id.startsWith('HarnessPostCreatePolicyRetain'));
    expect(groups).toHaveLength(1);
    const [, group] = groups[0];
    const roleIds = harnesses.map(h => roleIdOf(stack, h));
    expect(group.Properties.Roles).toEqual(roleIds.map(id => ({ Ref: id })));
    expect(group.DeletionPolicy).toBe('Retain');
    const harnessIds = harnesses.map(h => stack.resolve((h.node.defaultChild as any).logicalId));
    expect(group.Properties.PolicyDocument.Statement).toEqual(harnesses.map((_, i) => ({
      Effect: 'Allow',
      Action: ['bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:RetrieveMemoryRecords'],
      Resource: { 'Fn::GetAtt': [harnessIds[i], 'Memory.ManagedMemoryConfiguration.Arn'] },
      Condition: { ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [roleIds[i], 'Arn'] } } },
    })));
    // Each harness is created before the policy that names its memory, and does not wait for it.
    for (const [id, harness] of Object.entries(resourcesOf(stack, 'AWS::BedrockAgentCore::Harness'))) {
      expect(harness.DependsOn ?? []).not.toContain(groups[0][0]);
      expect(JSON.stringify(group.Properties.PolicyDocument)).toContain(`"${id}"`);
    }
  });

  test('are grouped by removal policy, so a retained harness\'s access is retained', () => {
    const stack = createTestStack();
    const kept = new Harness(stack, 'Kept', { model: BEDROCK_MODEL });
    const deleted = new Harness(stack, 'Deleted', { model: BEDROCK_MODEL, removalPolicy: RemovalPolicy.DESTROY });
    const managed = resourcesOf(stack, 'AWS::IAM::ManagedPolicy');
    const retain = Object.keys(managed).find(id => id.startsWith('HarnessPostCreatePolicyRetain1'))!;
    const destroy = Object.keys(managed).find(id => id.startsWith('HarnessPostCreatePolicyDestroy1'))!;
    expect(managed[retain].DeletionPolicy).toBe('Retain');
    expect(managed[destroy].DeletionPolicy).toBeUndefined();
    expect(managed[retain].Properties.Roles).toEqual([{ Ref: roleIdOf(stack, kept) }]);
    expect(managed[destroy].Properties.Roles).toEqual([{ Ref: roleIdOf(stack, deleted) }]);
    expect(postCreateStatementsOf(stack, roleIdOf(stack, kept))).toHaveLength(1);
  });

  test('a group takes harnesses until its worst-case size would pass the managed-policy quota', () => {
    const stack = createTestStack();
    for (let i = 0; i < 30; i++) new Harness(stack, `Agent${i}`, { model: BEDROCK_MODEL });
    const groups = Object.entries(resourcesOf(stack, 'AWS::IAM::ManagedPolicy')).filter(([id]) => id.startsWith('HarnessPostCreatePolicy'));
    expect(groups.length).toBeGreaterThan(1);
    const sizes = groups.map(([, g]) => g.Properties.PolicyDocument.Statement.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30);
    // Worst case per statement: the literal text plus a 102-character role ARN and a 179-character memory ARN.
    const literal = JSON.stringify({
      Action: ['bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:RetrieveMemoryRecords'],
      Condition: { ArnEquals: { 'aws:PrincipalArn': '' } },
      Effect: 'Allow',
      Resource: '',
    }).length;
    const frame = JSON.stringify({ Statement: [], Version: '2012-10-17' }).length;
    const perGroup = Math.floor((MANAGED_POLICY_QUOTA - frame + 1) / (literal + 102 + 179 + 1));
    expect(sizes[0]).toBe(perGroup);
  });
});
