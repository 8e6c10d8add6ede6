// Builds an example app the way the tests need it: through createTestApp(), so aws-cdk-lib's
// CloudFormation validation fails the test instead of warning.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { loadExample } from '../../scripts/example-apps';
import { createTestApp } from '../support/app';

export interface BuiltExample {
  readonly app: App;
  /** Every stack of the example, including stacks inside stages (pipelines). */
  readonly stacks: Stack[];
}

export function buildExample(name: string): BuiltExample {
  const app = createTestApp();
  loadExample(name).build(app);
  return { app, stacks: app.node.findAll().filter((node): node is Stack => Stack.isStack(node)) };
}

/** The stack of the example whose construct id is `id` (throws, failing the test, when it is missing). */
export function stackOf(example: BuiltExample, id: string): Stack {
  const stack = example.stacks.find((candidate) => candidate.node.id === id);
  if (!stack) {
    throw new Error(`no stack ${id}; stacks: ${example.stacks.map((s) => s.node.path).join(', ')}`);
  }
  return stack;
}

/** Every identity-policy statement of a template: those of IAM policies and of roles' inline policies. */
export function iamStatements(template: Template): any[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy'))
    .map((policy: any) => policy.Properties.PolicyDocument);
  const inline = Object.values(template.findResources('AWS::IAM::Role'))
    .flatMap((role: any) => role.Properties.Policies ?? [])
    .map((policy: any) => policy.PolicyDocument);
  return [...policies, ...inline].flatMap((document: any) => document.Statement);
}
