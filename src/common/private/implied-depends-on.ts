import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import { cfnPropertiesOf, referencedResources } from './synthesis-shortcuts';

/**
 * Renders the resource's `DependsOn` without the resources its properties
 * already reference (`Ref`, `Fn::GetAtt`, `Fn::Sub`): CloudFormation orders
 * those by the reference itself, and the validator reports the duplicate
 * (W3005). Every other dependency (policies, deployments, endpoints the
 * properties do not name) stays.
 *
 * Construct dependencies are useful to pull in whole constructs (a role and
 * every policy attached to it), so they are kept; only the rendering drops the
 * entries the references imply, once all dependencies are known at synth.
 */
export function omitImpliedDependsOn(resource: CfnResource): void {
  resource.addOverride('DependsOn', Lazy.any({ produce: () => remainingDependsOn(resource) }));
}

function remainingDependsOn(resource: CfnResource): string[] | undefined {
  const stack = Stack.of(resource);
  // The set aws-cdk-lib renders as DependsOn (construct dependencies are added to it while the app is prepared).
  const dependsOn: Set<CfnResource> = (resource as any).dependsOn ?? new Set();
  if (dependsOn.size === 0) return undefined;
  const rendered = Array.from(dependsOn)
    .filter(r => (r as any).shouldSynthesize())
    .sort((x, y) => x.node.path.localeCompare(y.node.path))
    .map(r => [r, stack.resolve(r.logicalId) as string] as const);
  const byId = new Map(rendered.map(([r, id]) => [id, r]));
  const referenced = referencedResources(resource, cfnPropertiesOf(resource), id => byId.get(id));
  const ids = rendered.filter(([r]) => !referenced.has(r)).map(([, id]) => id);
  return ids.length > 0 ? ids : undefined;
}
