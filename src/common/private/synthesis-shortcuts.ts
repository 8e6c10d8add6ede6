import { CfnResource, Stack, StringConcat, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

// Synthesis shortcuts. Each renders exactly what aws-cdk-lib's general path
// renders, for less work in a synthesis; nothing else in the library takes a
// shortcut for speed.
//
// The budget they buy: `npx projen bench` synthesizes 100 harnesses of the
// README's realistic agent in one stack and compares with the same agents
// written as raw L1 resources; the target is at most 1.3 times the raw L1's
// synthesis time. Measured on a 2-core machine (median of 41 rounds, each
// pairing the two back to back), removing one shortcut at a time:
// - ownStackUuidHead: 1.34 -> 1.40;
// - ownedRoleReferences: 1.34 -> 1.42;
// - unresolvedMaxLength and rememberResolvedProperties, with the retention
//   check reading L1 properties instead of rendering each resource again:
//   together 1.34 -> 1.22.
// Each has a test that renders it both ways and compares.

const OWN_STACK_UUID_HEAD = new WeakMap<Stack, string>();

/**
 * The first group of the stack's UUID, `AWS::StackId` split as CloudFormation
 * evaluates it, as one plain intrinsic shared by the stack's harnesses.
 * `Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', stack.stackId))))`
 * renders the same in the stack's own template, but as four nested tokens
 * resolved again in every synthesis pass. Only for a value rendered in its own
 * stack: it does not become a cross-stack reference elsewhere.
 */
export function ownStackUuidHead(stack: Stack): string {
  let head = OWN_STACK_UUID_HEAD.get(stack);
  if (!head) {
    head = Token.asString({
      'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }],
    });
    OWN_STACK_UUID_HEAD.set(stack, head);
  }
  return head;
}

/**
 * The ARN and name of a role, through its L1's `Fn::GetAtt` and `Ref` when the
 * role was created in the caller's stack (`owned`): `role.roleArn` and
 * `role.roleName` render the same there, but look the role's environment up in
 * every pass to decide whether to render a cross-environment reference.
 */
export function ownedRoleReferences(role: iam.IRole, owned: boolean): { readonly arn: string; readonly name: string } {
  const cfnRole = owned ? role.node.defaultChild as iam.CfnRole | undefined : undefined;
  return { arn: cfnRole?.attrArn ?? role.roleArn, name: cfnRole?.ref ?? role.roleName };
}

const RESOLVED_PROPERTIES = new WeakMap<CfnResource, unknown>();

/**
 * Records `resource`'s properties as resolved while the app was validated
 * (after every aspect ran, so they no longer change), for what renders from
 * them next (its `DependsOn`), instead of resolving them again.
 */
export function rememberResolvedProperties(resource: CfnResource, resolved: unknown): void {
  RESOLVED_PROPERTIES.set(resource, resolved);
}

/** `resource`'s resolved properties: as remembered, or resolved now. */
export function resolvedPropertiesOf(resource: CfnResource): unknown {
  return RESOLVED_PROPERTIES.get(resource) ?? Stack.of(resource).resolve((resource as unknown as { cfnProperties: unknown }).cfnProperties);
}

/**
 * The most characters `value` (a statement as `toStatementJson()` gives it,
 * before resolution) takes once deployed, when every token in it is one whose
 * longest value `maxByToken` gives; undefined when it holds any other token,
 * and the caller resolves instead. It counts as `policyDocumentLength` counts
 * the resolved statement (inline-policy-size.ts), without resolving: the
 * post-create groups size one statement per harness.
 */
export function unresolvedMaxLength(value: unknown, maxByToken: ReadonlyMap<string, number>): number | undefined {
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value)) return JSON.stringify(value).length;
    const fragments = Tokenization.reverseString(value);
    let length = 2;
    for (const token of fragments.tokens) {
      const max = maxByToken.get(Token.asString(token));
      if (max === undefined) return undefined;
      length += max;
    }
    // Literal text around tokens is rendered as Fn::Join parts, counted as they are.
    const literals = fragments.mapTokens({ mapToken: () => '' }).join(new StringConcat());
    return typeof literals === 'string' ? length + literals.length : undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value).length;
  if (Array.isArray(value)) {
    let length = 2 + Math.max(value.length - 1, 0);
    for (const element of value) {
      const n = unresolvedMaxLength(element, maxByToken);
      if (n === undefined) return undefined;
      length += n;
    }
    return length;
  }
  if (typeof value === 'object') {
    if (Token.isUnresolved(value)) return undefined;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    let length = 2 + Math.max(entries.length - 1, 0);
    for (const [key, v] of entries) {
      const n = unresolvedMaxLength(v, maxByToken);
      if (n === undefined) return undefined;
      length += JSON.stringify(key).length + 1 + n;
    }
    return length;
  }
  return undefined;
}
