import { Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  arn, BASE_STATEMENTS, BEDROCK_MODEL, executionRoleStatements, expectNoUnscopedStar, harnessProperties, inlineExecutionStatements, newHarness,
  roleStatements,
} from './helpers';
import { Harness, HarnessMemory, HarnessModel } from '../../src';
import { createTestApp, createTestStack } from '../support/app';
import { harnessPostCreateStatements } from '../support/option-statements';

const MODEL_STATEMENT = {
  Effect: 'Allow',
  Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  Resource: arn(':bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6'),
};

// Only what an agent turn uses: no deletes, no listing of actors or sessions.
const MEMORY_ACTIONS = [
  'bedrock-agentcore:CreateEvent',
  'bedrock-agentcore:GetEvent',
  'bedrock-agentcore:ListEvents',
  'bedrock-agentcore:RetrieveMemoryRecords',
];

describe('default execution role', () => {
  test('trusts bedrock-agentcore with confused-deputy conditions and has no fixed name', () => {
    const { stack } = newHarness();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', Match.objectEquals({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': arn(':bedrock-agentcore:us-east-1:123456789012:*') },
          },
        }],
      },
      Description: Match.anyValue(),
      Policies: [{ PolicyName: 'HarnessExecution', PolicyDocument: Match.anyValue() }],
      // The stack's shared statements (see shared-execution-policy.test.ts).
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^HarnessSharedExecutionPolicyBase') }, { Ref: Match.stringLikeRegexp('^HarnessSharedExecutionPolicyDefaultRuntimeImagePull') }],
    }));
  });

  test('the role has exactly the base statements (shared) and the model grant (inline); there is no policy resource', () => {
    const { stack } = newHarness({ memory: HarnessMemory.disabled() });
    expect(inlineExecutionStatements(stack)).toEqual([MODEL_STATEMENT]);
    expect(roleStatements(stack)).toEqual([...BASE_STATEMENTS, MODEL_STATEMENT]);
    expectNoUnscopedStar(roleStatements(stack));
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a harness with no statements of its own renders a role without an empty inline policy', () => {
    const stack = createTestStack();
    new Harness(stack, 'LiteLlm', {
      model: HarnessModel.liteLlm({ modelId: 'anthropic/claude-3-sonnet', apiBase: 'https://litellm.example.com' }),
      memory: HarnessMemory.disabled(),
    });
    const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
    const [role] = Object.values<any>(roles);
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toHaveLength(2);
  });

  test('the harness depends on the role (with its inline policy) and the shared policies, not on the post-create policy', () => {
    const { stack } = newHarness();
    const template = Template.fromStack(stack);
    const harnesses = template.findResources('AWS::BedrockAgentCore::Harness');
    const [harnessId] = Object.keys(harnesses);
    const roleId = Object.keys(template.findResources('AWS::IAM::Role'))[0];
    const managed = Object.keys(template.findResources('AWS::IAM::ManagedPolicy'));
    const postCreate = managed.filter(id => id.startsWith('HarnessPostCreatePolicy'));
    expect(postCreate).toHaveLength(1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    // The role comes from the reference alone; a DependsOn repeating it is what the validator flags (W3005).
    expect([...harnesses[harnessId].DependsOn].sort()).toEqual(managed.filter(id => !postCreate.includes(id)).sort());
    expect(harnesses[harnessId].Properties.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(template.toJSON().Resources[postCreate[0]].DependsOn).toBeUndefined();
    expect(JSON.stringify(template.toJSON().Resources[postCreate[0]])).toContain(`"Fn::GetAtt":["${harnessId}",`);
  });

  test('once another construct grants to the harness, the grant is in the role\'s inline policy the harness waits for', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    new s3.Bucket(stack, 'Bucket').grantRead(harness);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(inlineExecutionStatements(stack)).toContainEqual(expect.objectContaining({ Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'] }));
    const [harnessResource] = Object.values(template.findResources('AWS::BedrockAgentCore::Harness')) as any[];
    const roleId = Object.keys(template.findResources('AWS::IAM::Role'))[0];
    expect(harnessResource.Properties.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
  });

  test.each([
    [false, [['arn:aws:sqs:us-east-1:123456789012:a'], ['arn:aws:sqs:us-east-1:123456789012:b']]],
    [true, [['arn:aws:sqs:us-east-1:123456789012:a', 'arn:aws:sqs:us-east-1:123456789012:b']]],
  ])('with @aws-cdk/aws-iam:minimizePolicies=%s the inline policy merges statements as a PolicyDocument would', (minimize, resources) => {
    const app = createTestApp({ context: { '@aws-cdk/aws-iam:minimizePolicies': minimize } });
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() }, createTestStack(app));
    for (const queue of ['a', 'b']) {
      harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:us-east-1:123456789012:${queue}`] }));
    }
    const sqs = inlineExecutionStatements(stack).filter(st => st.Action === 'sqs:SendMessage');
    expect(sqs.map(st => [st.Resource].flat())).toEqual(resources);
  });

  test('an exact duplicate statement is rendered once, as PolicyDocument does', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    const statement = () => new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] });
    harness.addToRolePolicy(statement());
    harness.addToRolePolicy(statement());
    expect(inlineExecutionStatements(stack).filter(st => st.Action === 'sqs:SendMessage')).toHaveLength(1);
  });

  test('a statement added to the inline policy is frozen once rendered', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    const statement = new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] });
    harness.addToRolePolicy(statement);
    Template.fromStack(stack);
    expect(() => statement.addActions('sqs:DeleteMessage')).toThrow(/freeze\(\) has been called/);
  });

  test('in an environment-agnostic stack the base statements use the stack\'s pseudo parameters', () => {
    const stack = new Stack(createTestApp(), 'Agnostic');
    new Harness(stack, 'Harness', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    const logGroups = roleStatements(stack).find(st => st.Sid === 'LogGroups');
    expect(logGroups.Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
        ':log-group:/aws/bedrock-agentcore/runtimes/*']],
    });
  });

  test('with @aws-cdk/core:enablePartitionLiterals the base statements carry the literal partition', () => {
    const app = createTestApp({ context: { '@aws-cdk/core:enablePartitionLiterals': true } });
    const { stack } = newHarness({ memory: HarnessMemory.disabled() }, createTestStack(app));
    const logGroups = roleStatements(stack).find(st => st.Sid === 'LogGroups');
    expect(logGroups.Resource).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/*');
  });

  test('harnesses of one stack share the base statements; each stack renders its own', () => {
    const app = createTestApp();
    const east = createTestStack(app, 'East');
    const west = createTestStack(app, 'West', { env: { account: '123456789012', region: 'us-west-2' } });
    for (const [stack, id] of [[east, 'A'], [east, 'B'], [west, 'C']] as const) {
      new Harness(stack, id, { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    }
    const describe = (stack: Stack, id: string) => executionRoleStatements(stack, id).find(st => st.Sid === 'DescribeLogGroups').Resource;
    expect(describe(east, 'A')).toEqual(arn(':logs:us-east-1:123456789012:log-group:*'));
    expect(describe(east, 'B')).toEqual(arn(':logs:us-east-1:123456789012:log-group:*'));
    expect(describe(west, 'C')).toEqual(arn(':logs:us-west-2:123456789012:log-group:*'));
  });

  test('grants added later also land in the policy the harness depends on', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.grantRead(harness);
    harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }));
    const statements = roleStatements(stack);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' });
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['s3:GetObject*']) }));
  });

  test('managed memory is granted on the managed-memory ARN in the post-create policy', () => {
    const { stack } = newHarness();
    const harnessId = Object.keys(Template.fromStack(stack).findResources('AWS::BedrockAgentCore::Harness'))[0];
    expect(harnessPostCreateStatements(stack)).toEqual([{
      Effect: 'Allow',
      Action: MEMORY_ACTIONS,
      Resource: { 'Fn::GetAtt': [harnessId, 'Memory.ManagedMemoryConfiguration.Arn'] },
    }]);
  });

  test('exposes role, grantPrincipal and the role ARN on the resource', () => {
    const { stack, harness } = newHarness();
    expect(harness.role).toBeInstanceOf(iam.Role);
    expect(stack.resolve(harnessProperties(stack).ExecutionRoleArn)).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(harness.role!.node.defaultChild as iam.CfnRole), 'Arn'],
    });
  });
});

describe('imported role', () => {
  test('mutable: statements go to a policy on the imported role, the harness depends on it', () => {
    const stack = createTestStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/existing');
    newHarness({ role, memory: HarnessMemory.disabled() }, stack);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    const policies = template.findResources('AWS::IAM::Policy');
    const [policyId] = Object.keys(policies);
    expect(policies[policyId].Properties.Roles).toEqual(['existing']);
    expect(policies[policyId].Properties.PolicyDocument.Statement).toEqual([...BASE_STATEMENTS, MODEL_STATEMENT]);
    const harness = Object.values(template.findResources('AWS::BedrockAgentCore::Harness'))[0] as any;
    expect(harness.DependsOn).toEqual([policyId]);
    expect(harness.Properties.ExecutionRoleArn).toEqual('arn:aws:iam::123456789012:role/existing');
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('role-immutable'));
  });

  test('immutable: one warning lists every missing action and resource, nothing is attached', () => {
    const stack = createTestStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/existing', { mutable: false });
    const { harness } = newHarness({ role }, stack);
    harness.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Harness', Match.stringLikeRegexp('role-immutable'));
    expect(warnings).toHaveLength(1);
    const message = warnings[0].entry.data as string;
    for (const action of [
      'ecr-public:GetAuthorizationToken', 'xray:PutTraceSegments', 'logs:PutLogEvents', 'cloudwatch:PutMetricData',
      'bedrock-agentcore:GetWorkloadAccessToken', 'bedrock:InvokeModel', 'sqs:SendMessage', ...MEMORY_ACTIONS,
    ]) {
      expect(message).toContain(action);
    }
    expect(message).toContain('foundation-model/anthropic.claude-sonnet-4-6');
    expect(message).toContain('Memory.ManagedMemoryConfiguration.Arn');
    expect(message).toContain('arn:aws:sqs:us-east-1:123456789012:q');
  });

  test('withoutPolicyUpdates() is detected as immutable too', () => {
    const stack = createTestStack();
    const own = new iam.Role(stack, 'Own', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    newHarness({ role: own.withoutPolicyUpdates(), memory: HarnessMemory.disabled() }, stack);
    Annotations.fromStack(stack).hasWarning('/TestStack/Harness', Match.stringLikeRegexp('role-immutable'));
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });
});

describe('role ARN validation', () => {
  test('an imported role ARN without a 12-digit account is rejected', () => {
    const stack = createTestStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::12345:role/short', { mutable: false });
    expect(() => newHarness({ role }, stack)).toThrow(/role: "arn:aws:iam::12345:role\/short" does not match an IAM role ARN with a 12-digit account/);
  });

  test('a token role ARN is accepted', () => {
    const stack = createTestStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', Lazy.string({ produce: () => 'arn:aws:iam::123456789012:role/r' }), { mutable: false });
    expect(() => newHarness({ role }, stack)).not.toThrow();
  });
});

describe('grant principal identity', () => {
  test('two harnesses granted invoke on the same function both get the permission', () => {
    const stack = createTestStack();
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    const a = new Harness(stack, 'A', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    const b = new Harness(stack, 'B', { model: BEDROCK_MODEL, memory: HarnessMemory.disabled() });
    fn.grantInvoke(a);
    fn.grantInvoke(b);
    for (const id of ['A', 'B']) {
      expect(executionRoleStatements(stack, id)).toContainEqual(expect.objectContaining({ Action: 'lambda:InvokeFunction' }));
    }
    expect(a.grantPrincipal.toString()).not.toEqual(b.grantPrincipal.toString());
  });
});
