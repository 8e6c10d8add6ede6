import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ecrPublicPullStatement, baseExecutionStatements } from './execution-role';

/**
 * The execution statements that are the same for every harness of a stack (X-Ray, logs, metrics,
 * workload identity; the default runtime image's pull) are rendered once per stack, as
 * customer-managed policies attached to the execution roles the harnesses create, instead of once
 * per role: a stack of 100 harnesses would otherwise carry 100 copies of them.
 *
 * Two policies, so that a harness with its own container image is not granted the default
 * image's ECR Public pull: `Base` for every role, `DefaultRuntimeImagePull` for the roles of
 * harnesses that run the default image. Each is created with the first role that needs it.
 *
 * A retained harness keeps its role, and its role must keep these permissions: a shared policy
 * takes the most retaining removal policy of the harnesses whose roles it is attached to.
 */
export const SHARED_EXECUTION_SCOPE_ID = 'HarnessSharedExecutionPolicy';

export type SharedExecutionPolicyKind = 'Base' | 'DefaultRuntimeImagePull';

const DESCRIPTIONS: Record<SharedExecutionPolicyKind, string> = {
  Base: 'What every AgentCore harness execution role of this stack needs: X-Ray, runtime logs and metrics, workload identity',
  DefaultRuntimeImagePull: 'Pulling the default AgentCore runtime image from ECR Public (harnesses without their own image)',
};

/** A shared policy: its resource, and the reference roles attach (one per stack, not one per role). */
export interface SharedExecutionPolicy {
  readonly resource: iam.CfnManagedPolicy;
  readonly reference: iam.IManagedPolicy;
}

const REFERENCES = new WeakMap<iam.CfnManagedPolicy, iam.IManagedPolicy>();

/** The shared policy of `kind` in `scope`'s stack, created on first use, retained as strongly as `removalPolicy` asks. */
export function sharedExecutionPolicy(scope: Construct, kind: SharedExecutionPolicyKind, removalPolicy: RemovalPolicy): SharedExecutionPolicy {
  const stack = Stack.of(scope);
  const shared = stack.node.tryFindChild(SHARED_EXECUTION_SCOPE_ID) as Construct | undefined
    ?? new Construct(stack, SHARED_EXECUTION_SCOPE_ID);
  let policy = shared.node.tryFindChild(kind) as iam.CfnManagedPolicy | undefined;
  if (!policy) {
    const document = new iam.PolicyDocument();
    document.addStatements(...(kind === 'Base' ? baseExecutionStatements(stack) : [ecrPublicPullStatement('PullDefaultRuntimeImage')]));
    policy = new iam.CfnManagedPolicy(shared, kind, { policyDocument: document, description: DESCRIPTIONS[kind] });
    REFERENCES.set(policy, iam.ManagedPolicy.fromManagedPolicyArn(shared, `${kind}Reference`, policy.ref));
  }
  retainAtLeast(policy, removalPolicy);
  return { resource: policy, reference: REFERENCES.get(policy)! };
}

/** Removal policies from the one that keeps least to the one that keeps most. */
const RETENTION_ORDER = [RemovalPolicy.DESTROY, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, RemovalPolicy.RETAIN];
const APPLIED = new WeakMap<iam.CfnManagedPolicy, RemovalPolicy>();

/** Gives `policy` `removalPolicy` unless it already keeps as much (a new policy is deleted with the stack). */
export function retainAtLeast(policy: iam.CfnManagedPolicy, removalPolicy: RemovalPolicy): void {
  const current = APPLIED.get(policy) ?? RemovalPolicy.DESTROY;
  if (RETENTION_ORDER.indexOf(removalPolicy) <= RETENTION_ORDER.indexOf(current)) return;
  policy.applyRemovalPolicy(removalPolicy);
  APPLIED.set(policy, removalPolicy);
}

