import { App, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { createTestApp, createTestStack } from './app';
import { withoutPrincipalCondition } from './option-statements';
import { Harness } from '../../src/harness/harness';
import { HarnessBindContext } from '../../src/harness/private/bind-context';
import { HarnessMemory } from '../../src/memory/harness-memory';
import { HarnessModel } from '../../src/model/harness-model';

/**
 * A real Harness with the least configuration (a Bedrock model, no memory),
 * whose own bind context is handed to the option under test: the option's
 * statements land exactly where they land in production (the role's inline
 * policy, its default policy, the post-create policy). Assign rendered
 * fragments to `resource` to have the whole template checked by aws-cdk-lib's
 * CloudFormation validation at `template()`.
 */
export interface FakeHarness {
  readonly stack: Stack;
  readonly harness: Harness;
  readonly role: iam.IRole;
  readonly resource: bedrockagentcore.CfnHarness;
  readonly ctx: HarnessBindContext;
  template(): Template;
}

/** The construct id of the fake's harness. */
const HARNESS_ID = 'Harness';

function minimalHarness(stack: Stack): Harness {
  return new Harness(stack, HARNESS_ID, {
    model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }),
    memory: HarnessMemory.disabled(),
  });
}

export function createFakeHarness(stack: Stack = createTestStack(createTestApp())): FakeHarness {
  const harness = minimalHarness(stack);
  return {
    stack,
    harness,
    role: harness.role!,
    resource: harness.node.defaultChild as bedrockagentcore.CfnHarness,
    ctx: harness._bindContext,
    template: () => Template.fromStack(stack),
  };
}

/** The statements of a harness's execution role, split by whether the policy holding them is created before or after the harness. */
export interface ExecutionRoleStatements {
  /** In the policies the harness depends on (what `addToRolePolicy` and grants to `grantee` write). */
  readonly beforeHarness: any[];
  /** In the policies that depend on the harness (what `addPostCreateStatement` writes). */
  readonly afterHarness: any[];
}

/**
 * Every statement attached to the execution role of the stack's only harness,
 * wherever the harness put it: the role's inline policies, and every
 * `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` attached to the role. A policy
 * the harness depends on (explicitly or by a reference) is created before it;
 * one that depends on the harness (explicitly or by referencing its attributes)
 * after it. A policy with neither order, or both (a cycle), fails.
 */
export function executionRolePolicies(template: Template): ExecutionRoleStatements {
  const resources: Record<string, any> = template.toJSON().Resources ?? {};
  const harnesses = Object.keys(resources).filter(id => resources[id].Type === 'AWS::BedrockAgentCore::Harness');
  if (harnesses.length !== 1) throw new Error(`expected one harness, found ${harnesses.length}`);
  const harnessId = harnesses[0];
  const harness = resources[harnessId];
  const roleId: string = harness.Properties.ExecutionRoleArn['Fn::GetAtt'][0];
  const role = resources[roleId];
  const roleRef = JSON.stringify({ Ref: roleId });

  const beforeHarness: any[] = (role.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement);
  const afterHarness: any[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
    const inRole = mentions(role.Properties.ManagedPolicyArns, id);
    const attached = inRole || (resource.Properties.Roles ?? []).some((r: unknown) => JSON.stringify(r) === roleRef);
    if (!attached) continue;
    const before = inRole || [].concat(harness.DependsOn ?? []).includes(id as never) || mentions(harness.Properties, id);
    const after = [].concat(resource.DependsOn ?? []).includes(harnessId as never) || mentions(resource.Properties, harnessId);
    if (before === after) {
      throw new Error(`policy ${id} of the execution role is ${before ? 'both before and after' : 'neither before nor after'} the harness`);
    }
    (before ? beforeHarness : afterHarness).push(...resource.Properties.PolicyDocument.Statement);
  }
  return { beforeHarness, afterHarness };
}

/** Whether `value` references the resource `logicalId` (`Ref`, `Fn::GetAtt`). */
function mentions(value: unknown, logicalId: string): boolean {
  if (Array.isArray(value)) return value.some(v => mentions(v, logicalId));
  if (value === null || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  if (o.Ref === logicalId) return true;
  const getAtt = o['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === logicalId) return true;
  return Object.values(o).some(v => mentions(v, logicalId));
}

/** What a minimal harness's role holds by itself in an app like the fake's, to subtract from the fake's. */
const REFERENCES = new Map<string, ExecutionRoleStatements>();

function referenceStatements(stack: Stack): ExecutionRoleStatements {
  const context = stack.node.getAllContext();
  const env = {
    account: Token.isUnresolved(stack.account) ? undefined : stack.account,
    region: Token.isUnresolved(stack.region) ? undefined : stack.region,
  };
  const key = JSON.stringify({ context, env, id: stack.node.id });
  let reference = REFERENCES.get(key);
  if (!reference) {
    const referenceStack = new Stack(new App({ context }), stack.node.id, { env });
    minimalHarness(referenceStack);
    reference = executionRolePolicies(Template.fromStack(referenceStack));
    REFERENCES.set(key, reference);
  }
  return reference;
}

/** `statements` without one occurrence of each statement of `baseline`. */
function without(statements: any[], baseline: any[]): any[] {
  const remaining = baseline.map(s => JSON.stringify(s));
  return statements.filter(s => {
    const i = remaining.indexOf(JSON.stringify(s));
    if (i < 0) return true;
    remaining.splice(i, 1);
    return false;
  });
}

/**
 * The statements the options bound to the fake added to the policies its
 * harness depends on, as rendered: its inline policy first, then the role's
 * default policy.
 */
export function roleStatements(fake: FakeHarness): any[] {
  return without(executionRolePolicies(fake.template()).beforeHarness, referenceStatements(fake.stack).beforeHarness);
}

/**
 * The statements the options bound to the fake added to the post-create policy, as rendered, without the
 * `aws:PrincipalArn` condition that limits each to the fake's own role (test/harness/shared-execution-policy.test.ts
 * checks that condition).
 */
export function postCreateStatements(fake: FakeHarness): any[] {
  const roleArn = JSON.stringify(fake.stack.resolve(fake.role.roleArn));
  const own = executionRolePolicies(fake.template()).afterHarness
    .filter(s => s.Condition?.ArnEquals?.['aws:PrincipalArn'] === undefined || JSON.stringify(s.Condition.ArnEquals['aws:PrincipalArn']) === roleArn);
  return without(own.map(withoutPrincipalCondition), referenceStatements(fake.stack).afterHarness.map(withoutPrincipalCondition));
}

/** The logical id of the fake's CfnHarness. */
export function harnessLogicalId(fake: FakeHarness): string {
  return fake.stack.getLogicalId(fake.resource);
}
