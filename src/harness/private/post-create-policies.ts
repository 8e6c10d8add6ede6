import { Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { KnownLengths, LengthBounds, policyDocumentLength } from './inline-policy-size';
import { retainAtLeast } from './shared-execution-policy';
import { unresolvedMaxLength } from '../../common/private/synthesis-shortcuts';

/**
 * Statements that name something the service creates with the harness (its managed memory's ARN)
 * can only be attached once the harness exists, and the harness must not depend on them. One
 * policy resource per harness for them would cost a stack a fifth of its 500 resources at 100
 * harnesses, so they are grouped: a customer-managed policy holds the statements of several
 * harnesses and is attached to each of their roles, and every statement carries an
 * `aws:PrincipalArn` condition naming its own harness's role. IAM evaluates `aws:PrincipalArn` as
 * the ARN of the role for a role session, so each role is still granted only its own harness's
 * resources.
 *
 * Harnesses join the groups in construct order, and a group takes statements until its worst-case
 * size would pass the managed-policy quota. Adding or removing a harness can therefore move later
 * harnesses' statements to another group; CloudFormation then updates both policies in the same
 * deployment.
 *
 * Groups are per removal policy, so a retained harness's statements live in a retained policy.
 */
export const POST_CREATE_SCOPE_ID = 'HarnessPostCreatePolicy';

/** IAM's quota for a customer-managed policy, in characters, white space not counted. */
export const MANAGED_POLICY_QUOTA = 6_144;

/** `{"Statement":[],"Version":"2012-10-17"}` without its statements. */
const DOCUMENT_FRAME_LENGTH = JSON.stringify({ Statement: [], Version: '2012-10-17' }).length;

const GROUP_NAMES: Record<string, string> = {
  [RemovalPolicy.RETAIN]: 'Retain',
  [RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE]: 'RetainOnUpdateOrDelete',
  [RemovalPolicy.DESTROY]: 'Destroy',
};

interface Group {
  readonly policy: iam.CfnManagedPolicy;
  readonly document: iam.PolicyDocument;
  readonly roles: string[];
  /** The most characters the document can take once deployed. */
  maxLength: number;
}

const GROUPS = new WeakMap<Stack, Map<string, Group[]>>();

/** One harness's place in a group: the statements it adds go to that group's policy. */
export class PostCreateSlot {
  /** @param known the bounds of deploy-time values the harness knows (its role's and its resources' ARNs). */
  constructor(
    private readonly group: Group,
    private readonly roleArn: string,
    private readonly known: DeployTimeLengths,
  ) {}

  /** The group's policy resource. */
  public get policy(): iam.CfnManagedPolicy {
    return this.group.policy;
  }

  public addStatement(statement: iam.PolicyStatement): void {
    addSized(this.group, sized(this.group.policy, statement, this.roleArn, this.known));
  }
}

interface SizedStatement {
  readonly statement: iam.PolicyStatement;
  /** Its most characters once deployed, with the comma that separates it from the next. */
  readonly maxLength: number;
}

/** `statement` limited to `roleArn`, with its worst-case size: each statement is resolved once. */
function sized(scope: Construct, statement: iam.PolicyStatement, roleArn: string, known: DeployTimeLengths): SizedStatement {
  const scoped = scopeToRole(statement, roleArn);
  return { statement: scoped, maxLength: 1 + statementMaxLength(scope, scoped, known) };
}

function addSized(group: Group, statement: SizedStatement): void {
  group.document.addStatements(statement.statement);
  group.maxLength += statement.maxLength;
}

/**
 * Places a harness's post-create statements in a group of its stack that has room for them
 * (creating one when none has), and attaches that group's policy to the harness's role.
 */
export function joinPostCreateGroup(scope: Construct, options: {
  readonly removalPolicy: RemovalPolicy;
  readonly roleName: string;
  readonly roleArn: string;
  readonly known: DeployTimeLengths;
  readonly statements: iam.PolicyStatement[];
}): PostCreateSlot {
  const stack = Stack.of(scope);
  const byPolicy = GROUPS.get(stack) ?? new Map<string, Group[]>();
  GROUPS.set(stack, byPolicy);
  const name = GROUP_NAMES[options.removalPolicy];
  const groups = byPolicy.get(name) ?? [];
  byPolicy.set(name, groups);

  const statements = options.statements.map(statement => sized(stack, statement, options.roleArn, options.known));
  const needed = statements.reduce((total, statement) => total + statement.maxLength, 0);
  let group = groups[groups.length - 1];
  if (!group || group.maxLength + needed > MANAGED_POLICY_QUOTA) {
    group = createGroup(stack, `${name}${groups.length + 1}`, options.removalPolicy);
    groups.push(group);
  }
  if (!group.roles.includes(options.roleName)) group.roles.push(options.roleName);
  statements.forEach(statement => addSized(group, statement));
  return new PostCreateSlot(group, options.roleArn, options.known);
}

function createGroup(stack: Stack, id: string, removalPolicy: RemovalPolicy): Group {
  const scope = stack.node.tryFindChild(POST_CREATE_SCOPE_ID) as Construct | undefined ?? new Construct(stack, POST_CREATE_SCOPE_ID);
  const document = new iam.PolicyDocument();
  const roles: string[] = [];
  const policy = new iam.CfnManagedPolicy(scope, id, {
    policyDocument: document,
    description: 'Access of AgentCore harnesses to what the service creates with them (managed memory); '
      + 'each statement is limited to its own harness\'s execution role',
    roles: Lazy.list({ produce: () => roles }),
  });
  retainAtLeast(policy, removalPolicy);
  const group: Group = { policy, document, roles, maxLength: DOCUMENT_FRAME_LENGTH - 1 };
  policy.node.addValidation({
    validate: () => {
      const errors = document.validateForIdentityPolicy();
      if (group.maxLength > MANAGED_POLICY_QUOTA) {
        errors.push(`${policy.node.path} can take up to ${group.maxLength} characters once deployed; IAM allows `
          + `${MANAGED_POLICY_QUOTA} for a managed policy. A harness added more statements after creation than fit its group.`);
      }
      return errors;
    },
  });
  return group;
}

/** `statement`, allowed only to the role `roleArn`. */
function scopeToRole(statement: iam.PolicyStatement, roleArn: string): iam.PolicyStatement {
  const conditions = statement.conditions ?? {};
  return statement.copy({
    conditions: { ...conditions, ArnEquals: { ...conditions.ArnEquals, 'aws:PrincipalArn': roleArn } },
  });
}

/** The deploy-time values a harness knows the longest length of (its role's and its resources' ARNs). */
export interface DeployTimeLengths {
  /** By token, for statements measured before resolution. */
  readonly maxByToken: ReadonlyMap<string, number>;
  /** By resolved intrinsic, for a statement that holds other tokens too. */
  resolved(): KnownLengths;
}

function statementMaxLength(scope: Construct, statement: iam.PolicyStatement, known: DeployTimeLengths): number {
  const json = statement.toStatementJson();
  const fast = unresolvedMaxLength(json, known.maxByToken);
  if (fast !== undefined) return fast;
  const bounds: LengthBounds = policyDocumentLength(Stack.of(scope).resolve(json), known.resolved());
  return bounds.max;
}
