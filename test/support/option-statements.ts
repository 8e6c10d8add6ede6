import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The statements of the stack's first IAM policy whose logical id starts with `prefix`, as rendered. */
export function policyStatements(stack: Stack, prefix: string): any[] {
  const all = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const id = Object.keys(all).find(k => k.startsWith(prefix));
  return id ? all[id].Properties.PolicyDocument.Statement : [];
}

/**
 * The execution-role statements a Harness's options added: the role's default
 * policy without the base statements (which carry a Sid) and the model's
 * `bedrock:` statements.
 */
export function optionStatements(stack: Stack, harnessId = 'Harness'): any[] {
  return policyStatements(stack, `${harnessId}ExecutionRoleDefaultPolicy`).filter(s =>
    !s.Sid && !([] as string[]).concat(s.Action).some(a => a.startsWith('bedrock:')));
}

/** The statements of the harness's post-create policy (those that reference its attributes). */
export function harnessPostCreateStatements(stack: Stack, harnessId = 'Harness'): any[] {
  return policyStatements(stack, `${harnessId}PostCreatePolicy`);
}
