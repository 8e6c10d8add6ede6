import { Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { baseStatements, ECR_PUBLIC_PULL_ACTIONS, ecrPublicPullStatements, RequiredStatement, workloadIdentityResources } from '../../permissions/private/required-permissions';

const AGENTCORE_SERVICE_PRINCIPAL = 'bedrock-agentcore.amazonaws.com';

/** The name of the inline policy that holds the statements the harness writes itself. */
export const EXECUTION_POLICY_NAME = 'HarnessExecution';

/**
 * The default execution role. It has no `roleName`: IAM names are global, so a
 * fixed name collides across regions and blocks replacement.
 *
 * The harness's own statements, and the grants other constructs make through
 * `grantPrincipal`, are one inline policy of the role (no separate
 * `AWS::IAM::Policy` resource: a stack of many harnesses would pay one per
 * harness). The statements every harness of the stack shares are customer-managed
 * policies attached here (see shared-execution-policy.ts).
 */
export function createExecutionRole(scope: Construct, id: string, policy: iam.PolicyDocument, managedPolicies: iam.IManagedPolicy[]): iam.Role {
  const stack = Stack.of(scope);
  const role = new iam.Role(scope, id, {
    // The service does not document the exact SourceArn it presents when it
    // assumes a harness role (the harness ARN, or the ARN of the runtime it
    // manages). Any AgentCore resource of this account and region is the
    // tightest condition that cannot break the harness.
    assumedBy: new iam.ServicePrincipal(AGENTCORE_SERVICE_PRINCIPAL, {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:bedrock-agentcore:${stack.region}:${stack.account}:*` },
      },
    }),
    description: 'Execution role of an AgentCore harness',
    managedPolicies,
  });
  // Rendered lazily: a harness whose statements are all in the stack's shared
  // policies has an empty document, and IAM refuses an inline policy without one.
  (role.node.defaultChild as iam.CfnRole).policies = Lazy.any({
    produce: () => policy.isEmpty ? undefined : [{ policyName: EXECUTION_POLICY_NAME, policyDocument: policy }],
  });
  return role;
}

/** The default workload-identity directory of the stack's account and region, and every identity in it. */
export function workloadIdentityArns(scope: Construct): string[] {
  return workloadIdentityResources(Stack.of(scope));
}

/** Pulling an image from ECR Public (the default runtime image, or a public image). */
export { ECR_PUBLIC_PULL_ACTIONS };

/**
 * The ECR Public pull statement, for the default runtime image or a public image
 * only: neither action has resource-level permissions, so it is granted on `*`.
 */
export function ecrPublicPullStatement(sid: string): iam.PolicyStatement {
  return toPolicyStatement({ ...ecrPublicPullStatements('container image')[0], sid });
}

/**
 * The statements every harness of a stack shares, built once per stack: they
 * depend on nothing but its partition, region and account.
 */
const BASE_STATEMENTS = new WeakMap<Stack, iam.PolicyStatement[]>();

/** The statements every harness needs, whatever it is configured with. */
export function baseExecutionStatements(scope: Construct): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  let statements = BASE_STATEMENTS.get(stack);
  if (!statements) {
    statements = buildBaseStatements(stack);
    statements.forEach(statement => statement.freeze());
    BASE_STATEMENTS.set(stack, statements);
  }
  return statements;
}

function buildBaseStatements(stack: Stack): iam.PolicyStatement[] {
  return baseStatements(stack).map(toPolicyStatement);
}

/** A statement of the shared permission module as an aws-cdk-lib statement. */
export function toPolicyStatement(s: RequiredStatement): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: s.sid,
    actions: [...s.actions],
    resources: [...s.resources],
    conditions: s.conditions,
  });
}
