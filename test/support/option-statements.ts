import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The statements of the stack's first IAM policy whose logical id starts with `prefix`, as rendered. */
export function policyStatements(stack: Stack, prefix: string): any[] {
  const all = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const id = Object.keys(all).find(k => k.startsWith(prefix));
  return id ? all[id].Properties.PolicyDocument.Statement : [];
}

/**
 * Every statement of the execution role a Harness created before the harness exists: the
 * stack's shared policies attached to it (in the order attached), its inline
 * `HarnessExecution` policy (what the harness writes itself and what other constructs grant
 * through `grantPrincipal`), then a default policy if something wrote one.
 */
export function executionRoleStatements(stack: Stack, harnessId = 'Harness'): any[] {
  const template = Template.fromStack(stack);
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find(k => k.startsWith(`${harnessId}ExecutionRole`));
  if (!roleId) return policyStatements(stack, `${harnessId}ExecutionRoleDefaultPolicy`);
  const managed = template.findResources('AWS::IAM::ManagedPolicy');
  const shared = (roles[roleId].Properties.ManagedPolicyArns ?? [])
    .flatMap((arn: any) => managed[arn.Ref]?.Properties.PolicyDocument.Statement ?? []);
  const inline = (roles[roleId].Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement);
  return [...shared, ...inline, ...policyStatements(stack, `${harnessId}ExecutionRoleDefaultPolicy`)];
}

/**
 * The statements of the stack's post-create policies that are limited to the role with logical
 * id `roleId` (their `aws:PrincipalArn` condition), without that condition.
 */
export function postCreateStatementsOf(stack: Stack, roleId: string): any[] {
  const managed = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
  const own = (statement: any) => JSON.stringify(statement.Condition?.ArnEquals?.['aws:PrincipalArn']) === JSON.stringify({ 'Fn::GetAtt': [roleId, 'Arn'] })
    || JSON.stringify(statement.Condition?.ArnEquals?.['aws:PrincipalArn']) === JSON.stringify(roleId);
  return Object.entries(managed)
    .filter(([id]) => id.startsWith('HarnessPostCreatePolicy'))
    .flatMap(([, policy]: [string, any]) => policy.Properties.PolicyDocument.Statement)
    .filter(own)
    .map(withoutPrincipalCondition);
}

/** `statement` without its `aws:PrincipalArn` condition (the role it is limited to); the rest of its conditions stay. */
export function withoutPrincipalCondition(statement: any): any {
  if (statement.Condition?.ArnEquals?.['aws:PrincipalArn'] === undefined) return statement;
  const { ArnEquals, ...conditions } = statement.Condition;
  const { ['aws:PrincipalArn']: _principal, ...arnEquals } = ArnEquals;
  const rest = { ...conditions, ...(Object.keys(arnEquals).length > 0 ? { ArnEquals: arnEquals } : {}) };
  const { Condition: _condition, ...withoutCondition } = statement;
  return Object.keys(rest).length > 0 ? { ...withoutCondition, Condition: rest } : withoutCondition;
}

/**
 * The execution-role statements a Harness's options added: the role's
 * statements without the base statements (which carry a Sid) and the model's
 * `bedrock:` statements.
 */
export function optionStatements(stack: Stack, harnessId = 'Harness'): any[] {
  return executionRoleStatements(stack, harnessId).filter(s =>
    !s.Sid && !([] as string[]).concat(s.Action).some(a => a.startsWith('bedrock:')));
}

/** The statements of the harness's post-create policy (those that reference its attributes), without the role condition. */
export function harnessPostCreateStatements(stack: Stack, harnessId = 'Harness'): any[] {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find(k => k.startsWith(`${harnessId}ExecutionRole`));
  return roleId ? postCreateStatementsOf(stack, roleId) : [];
}
