import { Annotations, Aspects, CfnDeletionPolicy, CfnResource, IAspect, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { referencedResources } from '../../common/private/synthesis-shortcuts';

/**
 * Gives the execution role the harness created, and every policy attached under
 * it (the inline policy, the default policy that `grantPrincipal` grants write,
 * policies added later), the harness's removal policy. A retained harness then
 * keeps a role that still grants what it needs, so it keeps running and can be
 * imported into a stack again. An aspect, because the default policy appears
 * only when something first grants through the role.
 */
export class RetainWithHarness implements IAspect {
  constructor(private readonly policy: RemovalPolicy, private readonly scopes: IConstruct[]) {}

  public visit(node: IConstruct): void {
    if ((node instanceof iam.CfnRole || node instanceof iam.CfnPolicy) && this.scopes.some(scope => isWithin(node, scope))) {
      node.applyRemovalPolicy(this.policy);
    }
  }
}

function isWithin(node: IConstruct, scope: IConstruct): boolean {
  return node.node.scopes.includes(scope);
}

/**
 * Applies `policy` to the roles and policies under `owner` that `scopes()` names
 * when the app is prepared (scopes may be created after the harness, like the
 * post-create policy).
 */
export function retainWithHarness(owner: IConstruct, scopes: () => IConstruct[], policy: RemovalPolicy): void {
  Aspects.of(owner).add({ visit: (node: IConstruct) => new RetainWithHarness(policy, scopes()).visit(node) });
}

const DELETED_WITH_STACK = new WeakMap<Stack, Map<string, CfnResource>>();

/**
 * The resources of `stack` that its deletion deletes, with their logical ids. Read once per stack: this
 * runs while the app is validated, after every construct exists and every removal policy is set,
 * and a walk of the whole stack per harness would make a stack of many harnesses quadratic.
 */
function deletedResourcesOf(stack: Stack): Map<string, CfnResource> {
  let resources = DELETED_WITH_STACK.get(stack);
  if (!resources) {
    resources = new Map();
    for (const child of stack.node.findAll()) {
      if (child instanceof CfnResource && !keepsOnDelete(child)) {
        resources.set(stack.resolve(child.logicalId), child);
      }
    }
    DELETED_WITH_STACK.set(stack, resources);
  }
  return resources;
}

/** Whether a removal policy keeps the resource on stack deletion. */
export function keepsOnDelete(resource: CfnResource): boolean {
  const policy = resource.cfnOptions.deletionPolicy;
  return policy === CfnDeletionPolicy.RETAIN || policy === CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
}

/**
 * Warns about every resource of the harness's stack that a retained harness
 * references (in its configuration or its role's policies: a gateway, a Lambda
 * hook, a bucket, a credential provider, ...) but that is deleted with the stack:
 * the retained harness would point at something gone. Those resources are the
 * user's (or aws-cdk-lib's), so the library only says so.
 */
export function warnDeletedDependencies(harness: IConstruct, values: unknown[], owned: Set<CfnResource>): void {
  const deletedWithStack = deletedResourcesOf(Stack.of(harness));
  const referenced = referencedResources(harness, values, id => deletedWithStack.get(id));
  const deleted: string[] = [];
  for (const resource of referenced) {
    if (!owned.has(resource) && !keepsOnDelete(resource) && Stack.of(resource) === Stack.of(harness)) deleted.push(resource.node.path);
  }
  deleted.sort();
  if (deleted.length === 0) return;
  Annotations.of(harness).addWarningV2('cdk-agentcore-harness:retained-harness-dependency',
    `The harness is retained on stack deletion, but it uses ${deleted.join(', ')}, which ${deleted.length === 1 ? 'is' : 'are'} `
    + 'deleted with the stack: the retained harness would then fail. Give them a RETAIN removal policy too '
    + '(e.g. applyRemovalPolicy(RemovalPolicy.RETAIN)), or set the harness\'s removalPolicy to DESTROY.');
}
