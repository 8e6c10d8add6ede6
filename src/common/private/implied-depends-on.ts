import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import { resolvedPropertiesOf } from './synthesis-shortcuts';

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
  const referenced = referencedLogicalIds(resolvedPropertiesOf(resource));
  const ids = Array.from(dependsOn)
    .filter(r => (r as any).shouldSynthesize())
    .sort((x, y) => x.node.path.localeCompare(y.node.path))
    .map(r => stack.resolve(r.logicalId) as string)
    .filter(id => !referenced.has(id));
  return ids.length > 0 ? ids : undefined;
}

function referencedLogicalIds(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach(v => referencedLogicalIds(v, found));
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.Ref === 'string') found.add(o.Ref);
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
    const sub = o['Fn::Sub'];
    const template = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    for (const m of template?.matchAll(/\$\{([A-Za-z0-9]+)(\.[^}]*)?\}/g) ?? []) found.add(m[1]);
    Object.values(o).forEach(v => referencedLogicalIds(v, found));
  }
  return found;
}
