// aws-cdk-lib's CodePipeline and StateMachine make their resource depend on the role that its
// properties already reference, and the CloudFormation validator reports the duplicate (W3005).
// The examples apply this aspect to their own stacks so that they synthesize with no warning at all.
import { Aspects, CfnResource, IAspect, Lazy, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Renders every resource's `DependsOn` without the resources its properties already
 * reference (`Ref`, `Fn::GetAtt`, `Fn::Sub`): CloudFormation orders those by the
 * reference itself. Every other dependency (a role's policies, for example) stays.
 */
export class OmitImpliedDependsOn implements IAspect {
  /** Applies the aspect to every resource under `scope`. */
  public static applyTo(scope: IConstruct): void {
    Aspects.of(scope).add(new OmitImpliedDependsOn());
  }

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    // The dependencies are only complete once the app is prepared, after aspects: render them lazily.
    node.addOverride('DependsOn', Lazy.any({ produce: () => remainingDependsOn(node) }));
  }
}

function remainingDependsOn(resource: CfnResource): string[] | undefined {
  const stack = Stack.of(resource);
  // The set aws-cdk-lib renders as DependsOn, in the order it renders it.
  const dependsOn: Set<CfnResource> = (resource as any).dependsOn ?? new Set();
  const referenced = referencedLogicalIds(stack.resolve((resource as any).cfnProperties));
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
