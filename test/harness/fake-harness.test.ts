import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Harness, HarnessHook, HarnessMemory, HarnessModel, HarnessProps, HarnessSkill, HookTarget } from '../../src';
import { createTestStack } from '../support/app';
import { createFakeHarness, executionRolePolicies, FakeHarness, postCreateStatements, roleStatements } from '../support/bind-context';

/**
 * The option tests bind through createFakeHarness. These cases bind the same
 * option once through the fake and once through the Harness's props, and
 * require the same IAM resources: if the fake's context wrote anywhere but where
 * the Harness writes, the option tests would check a policy production never has.
 */
interface Case {
  /** Creates what the option needs in the stack (same ids in both stacks) and returns the option. */
  readonly option: (stack: Stack) => unknown;
  /** Binds the option through the fake's context, as the option tests do. */
  readonly bind: (fake: FakeHarness, option: any) => void;
  /** The Harness props that bind the same option in production. */
  readonly props: (option: any) => Partial<HarnessProps>;
  /** Which of the fake's policies the option writes to, as the option tests read them. */
  readonly reads: 'role' | 'postCreate';
}

const CASES: Record<string, Case> = {
  // ctx.addToRolePolicy: the harness's inline policy.
  'a skill (addToRolePolicy)': {
    option: stack => HarnessSkill.fromBucket(s3.Bucket.fromBucketName(stack, 'B', 'my-skills'), 'skills/weather/'),
    bind: (fake, skill: HarnessSkill) => { fake.resource.skills = [skill._bind(fake.ctx)]; },
    props: skill => ({ skills: [skill] }),
    reads: 'role',
  },
  // ctx.grantee: aws-cdk-lib grants, the role's default policy.
  'a Lambda hook (grantee)': {
    option: stack => HarnessHook.beforeInvocation('check', HookTarget.fromFunction(new lambda.Function(stack, 'Guard', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    }))),
    bind: (fake, hook: HarnessHook) => { fake.resource.hooks = [hook._bind(fake.ctx)]; },
    props: hook => ({ hooks: [hook] }),
    reads: 'role',
  },
  // ctx.addPostCreateStatement: the policy created after the harness.
  'managed memory (addPostCreateStatement)': {
    option: () => HarnessMemory.managed(),
    bind: (fake, memory: HarnessMemory) => { fake.resource.memory = memory._bind(fake.ctx); },
    // DESTROY as the fake's disabled memory has, so retention does not tell the two apart.
    props: memory => ({ memory, removalPolicy: RemovalPolicy.DESTROY }),
    reads: 'postCreate',
  },
  // Both: a key grant to the grantee, and the post-create data-plane statement.
  'managed memory with a key (grantee and addPostCreateStatement)': {
    option: stack => HarnessMemory.managed({ encryptionKey: new kms.Key(stack, 'Key') }),
    bind: (fake, memory: HarnessMemory) => { fake.resource.memory = memory._bind(fake.ctx); },
    props: memory => ({ memory, removalPolicy: RemovalPolicy.DESTROY }),
    reads: 'role',
  },
};

/** The IAM resources of a template and what the harness depends on: where every statement went. */
function iamShape(stack: Stack) {
  const template = Template.fromStack(stack);
  const harness = Object.values(template.findResources('AWS::BedrockAgentCore::Harness'))[0];
  return {
    roles: template.findResources('AWS::IAM::Role'),
    policies: template.findResources('AWS::IAM::Policy'),
    managedPolicies: template.findResources('AWS::IAM::ManagedPolicy'),
    harnessDependsOn: harness.DependsOn,
  };
}

describe('createFakeHarness', () => {
  test.each(Object.keys(CASES))('binding %s through the fake writes the same policies as the Harness', (name) => {
    const c = CASES[name];
    const fake = createFakeHarness();
    c.bind(fake, c.option(fake.stack));

    const stack = createTestStack();
    const option = c.option(stack);
    new Harness(stack, 'Harness', {
      model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }),
      memory: HarnessMemory.disabled(),
      ...c.props(option),
    });

    expect(iamShape(fake.stack)).toEqual(iamShape(stack));
    // And the option tests' readers see the option's statements.
    expect((c.reads === 'role' ? roleStatements : postCreateStatements)(fake)).not.toEqual([]);
  });

  test('roleStatements and postCreateStatements see nothing of a fake no option was bound to', () => {
    const fake = createFakeHarness();
    expect(roleStatements(fake)).toEqual([]);
    expect(postCreateStatements(fake)).toEqual([]);
    // Though the harness's own statements are there: the readers subtract them, they do not miss them.
    expect(executionRolePolicies(fake.template()).beforeHarness.length).toBeGreaterThan(0);
  });

  test('the fake binds with the context of its own Harness', () => {
    const fake = createFakeHarness();
    expect(fake.ctx).toBe(fake.harness._bindContext);
    expect(fake.resource).toBe(fake.harness.node.defaultChild);
    expect(fake.role).toBe(fake.harness.role);
  });
});
