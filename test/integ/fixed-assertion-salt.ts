// integ-tests-alpha stamps every assertion custom resource with `salt: Date.now()` so that an
// update deploy re-runs it. That makes each synthesis differ, and our snapshots (and house rules)
// need a deterministic template. integ-runner deploys fresh stacks and destroys them afterwards,
// so a fixed salt still runs every assertion on every real run.
import { Aspects, CfnResource, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const ASSERTION_TYPE_PREFIX = 'Custom::DeployAssert@';

class FixedAssertionSalt implements IAspect {
  constructor(private readonly salt: string) {}

  public visit(node: IConstruct): void {
    if (CfnResource.isCfnResource(node) && node.cfnResourceType.startsWith(ASSERTION_TYPE_PREFIX)) {
      node.addPropertyOverride('salt', this.salt);
    }
  }
}

/** Replaces the time-based salt of every assertion under `scope` with `salt`. */
export function fixAssertionSalt(scope: IConstruct, salt = 'fixed'): void {
  Aspects.of(scope).add(new FixedAssertionSalt(salt));
}
