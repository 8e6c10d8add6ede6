import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The statements of the stack's first IAM policy whose logical id starts with `prefix`, as rendered. */
export function policyStatements(stack: Stack, prefix: string): any[] {
  const all = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const id = Object.keys(all).find(k => k.startsWith(prefix));
  return id ? all[id].Properties.PolicyDocument.Statement : [];
}

/**
 * Every statement of the execution role a Harness created: its inline
 * `HarnessExecution` policy (what the harness writes itself), then its default
 * policy (grants other constructs made through `grantPrincipal`).
 */
export function executionRoleStatements(stack: Stack, harnessId = 'Harness'): any[] {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find(k => k.startsWith(`${harnessId}ExecutionRole`));
  const inline = roleId ? (roles[roleId].Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement) : [];
  return [...inline, ...policyStatements(stack, `${harnessId}ExecutionRoleDefaultPolicy`)];
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

/** The statements of the harness's post-create policy (those that reference its attributes). */
export function harnessPostCreateStatements(stack: Stack, harnessId = 'Harness'): any[] {
  return policyStatements(stack, `${harnessId}PostCreatePolicy`);
}
