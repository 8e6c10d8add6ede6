import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { createTestApp, createTestStack } from './app';
import { policyStatements } from './option-statements';
import { HarnessBindContext } from '../../src/harness/bind-context';

/**
 * A real stack, role and CfnHarness wired into a bind context, so option
 * classes can be tested before (and independently of) the Harness construct.
 * Assign rendered fragments to `resource` to have the whole template checked
 * by aws-cdk-lib's CloudFormation validation at `template()`.
 */
export interface FakeHarness {
  readonly stack: Stack;
  readonly role: iam.Role;
  readonly resource: bedrockagentcore.CfnHarness;
  readonly ctx: HarnessBindContext;
  /** The policy holding post-create statements (created on first use). */
  postCreatePolicy(): iam.Policy | undefined;
  template(): Template;
}

export function createFakeHarness(stack: Stack = createTestStack(createTestApp())): FakeHarness {
  const role = new iam.Role(stack, 'Role', {
    assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com'),
  });
  const resource = new bedrockagentcore.CfnHarness(stack, 'Harness', {
    harnessName: 'test_harness',
    executionRoleArn: role.roleArn,
    model: { bedrockModelConfig: { modelId: 'anthropic.claude-sonnet-4-6' } },
  });
  resource.node.addDependency(role);
  let policy: iam.Policy | undefined;
  const ctx: HarnessBindContext = {
    scope: stack,
    resource,
    grantee: role,
    addToRolePolicy: (statement) => { role.addToPrincipalPolicy(statement); },
    addPostCreateStatement: (statement) => {
      if (!policy) {
        policy = new iam.Policy(stack, 'PostCreatePolicy', { roles: [role] });
        policy.node.addDependency(resource);
      }
      policy.addStatements(statement);
    },
  };
  return {
    stack,
    role,
    resource,
    ctx,
    postCreatePolicy: () => policy,
    template: () => Template.fromStack(stack),
  };
}

/** The statements of the role's default policy, as rendered. */
export function roleStatements(fake: FakeHarness): any[] {
  return policyStatements(fake.stack, 'RoleDefaultPolicy');
}

/** The statements of the post-create policy, as rendered. */
export function postCreateStatements(fake: FakeHarness): any[] {
  return policyStatements(fake.stack, 'PostCreatePolicy');
}
