import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { IConstruct } from 'constructs';

/**
 * The `CfnHarness` behind a harness defined in this app (the `Harness` L2 keeps
 * it under the child id `Resource`), or `undefined` for an imported harness.
 * Versions only exist as the L1's `Version` attribute, so anything that follows
 * "the current version" needs the L1 itself.
 *
 * @internal
 */
export function _cfnHarnessOf(harness: IConstruct): bedrockagentcore.CfnHarness | undefined {
  if (bedrockagentcore.CfnHarness.isCfnHarness(harness)) {
    return harness;
  }
  const child = harness.node.tryFindChild('Resource');
  return child && bedrockagentcore.CfnHarness.isCfnHarness(child) ? child : undefined;
}

/**
 * Whether two references point at the same harness: the same construct, the
 * same L1, or (for imports) the same harness id.
 *
 * @internal
 */
export function _sameHarness(a: IConstruct & { readonly harnessId: string }, b: IConstruct & { readonly harnessId: string }): boolean {
  if (a === b) return true;
  const cfnA = _cfnHarnessOf(a);
  const cfnB = _cfnHarnessOf(b);
  if (cfnA && cfnB) return cfnA === cfnB;
  return a.harnessId === b.harnessId;
}
