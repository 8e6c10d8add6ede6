import { CfnResource, IResolvable, Reference, Stack, StringConcat, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

// Synthesis shortcuts. Each renders exactly what aws-cdk-lib's general path
// renders, for less work in a synthesis; nothing else in the library takes a
// shortcut for speed.
//
// The budget they buy: `npx projen bench` synthesizes 100 harnesses of the
// README's realistic agent in one stack and compares with the same agents
// written as raw L1 resources; the target is at most 1.3 times the raw L1's
// synthesis time, and with every shortcut it measured 1.17-1.28 (2-core
// machine). Removing one at a time added, in paired rounds:
// - ownStackUuidHead: about 0.06;
// - ownedRoleReferences: about 0.08;
// - unresolvedMaxLength and referencedResources (post-create sizing, the
//   inline-policy quota check, DependsOn and the retention check read tokens
//   instead of resolving whole resources): together about 0.1.
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

/**
 * The resources `value` references (`Ref`, `Fn::GetAtt`, `Fn::Sub`), read from
 * its tokens instead of resolving it: a reference token names its resource
 * (in any stack); any other token (a `Lazy`, an `Fn::Sub`) is resolved alone
 * and the logical ids it renders are looked up with `byLogicalId` (in the stack
 * of `scope`). A policy document is read through its statements. Resolving a
 * harness's properties and role policies whole, for its `DependsOn` and its
 * retention check, was the most expensive part of validating it.
 */
export function referencedResources(scope: IConstruct, value: unknown, byLogicalId: (id: string) => CfnResource | undefined): Set<CfnResource> {
  const found = new Set<CfnResource>();
  const stack = Stack.of(scope);
  const token = (t: IResolvable): void => {
    if (t instanceof Reference) {
      if (CfnResource.isCfnResource(t.target)) found.add(t.target);
      return;
    }
    for (const id of renderedLogicalIds(stack.resolve(t))) {
      const resource = byLogicalId(id);
      if (resource) found.add(resource);
    }
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (Token.isUnresolved(v)) Tokenization.reverseString(v).tokens.forEach(token);
    } else if (typeof v === 'number') {
      const t = Tokenization.reverseNumber(v);
      if (t) token(t);
    } else if (Array.isArray(v)) {
      // A list token is encoded as a one-element list, which the string case would not recognise.
      const t = Tokenization.reverseList(v);
      if (t) token(t);
      else v.forEach(walk);
    } else if (v instanceof iam.PolicyDocument) {
      walk(v.toJSON());
    } else if (v !== null && typeof v === 'object') {
      if (Tokenization.isResolvable(v)) {
        token(v);
      } else {
        for (const [key, element] of Object.entries(v)) {
          walk(key);
          walk(element);
        }
      }
    }
  };
  walk(value);
  return found;
}

/** The logical ids a resolved value names with `Ref`, `Fn::GetAtt` or in an `Fn::Sub` template. */
export function renderedLogicalIds(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach(v => renderedLogicalIds(v, found));
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.Ref === 'string' && !o.Ref.startsWith('AWS::')) found.add(o.Ref);
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
    const sub = o['Fn::Sub'];
    const template = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    for (const m of template?.matchAll(/\$\{([A-Za-z0-9]+)(\.[^}]*)?\}/g) ?? []) found.add(m[1]);
    Object.values(o).forEach(v => renderedLogicalIds(v, found));
  }
  return found;
}

/** The properties of an L1 as given (camelCase, tokens unresolved), without rendering them for the template. */
export function cfnPropertiesOf(resource: CfnResource): unknown {
  return (resource as unknown as { cfnProperties: unknown }).cfnProperties;
}

/**
 * The most characters `value` (a statement as `toStatementJson()` gives it,
 * before resolution) takes once deployed, when every token in it is one whose
 * longest value `maxByToken` gives; undefined when it holds any other token,
 * and the caller resolves instead (or, with `unknownMax`, counts any other
 * token at that length). It counts as `policyDocumentLength` counts
 * the resolved statement (inline-policy-size.ts), without resolving: the
 * post-create groups size one statement per harness.
 */
export function unresolvedMaxLength(value: unknown, maxByToken: ReadonlyMap<string, number>, unknownMax?: number): number | undefined {
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value)) return JSON.stringify(value).length;
    const fragments = Tokenization.reverseString(value);
    let length = 2;
    for (const token of fragments.tokens) {
      const max = maxByToken.get(Token.asString(token)) ?? unknownMax;
      if (max === undefined) return undefined;
      length += max;
    }
    // Literal text around tokens is rendered as Fn::Join parts, counted as they are.
    const literals = fragments.mapTokens({ mapToken: () => '' }).join(new StringConcat());
    return typeof literals === 'string' ? length + literals.length : undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value).length;
  if (Array.isArray(value)) {
    // A list token (one encoded element) can stand for any number of values.
    if (Tokenization.reverseList(value)) return undefined;
    let length = 2 + Math.max(value.length - 1, 0);
    for (const element of value) {
      const n = unresolvedMaxLength(element, maxByToken, unknownMax);
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
      const n = unresolvedMaxLength(v, maxByToken, unknownMax);
      if (n === undefined) return undefined;
      length += JSON.stringify(key).length + 1 + n;
    }
    return length;
  }
  return undefined;
}
