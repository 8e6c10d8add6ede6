import { Stack } from 'aws-cdk-lib';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { IConstruct } from 'constructs';
import { HarnessValidationError } from '../../common/private/errors';

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

/**
 * Fails when `consumer` would read a volatile attribute (a version) of a
 * resource in another top-level stack. CDK would export it, and CloudFormation
 * refuses to change an export that another stack imports, so the next harness
 * update would fail. Nested stacks receive parameters instead.
 *
 * @internal
 */
export function _assertSameStackForVersion(property: string, consumer: IConstruct, owner: IConstruct): void {
  const consumerStack = Stack.of(consumer);
  const ownerStack = Stack.of(owner);
  if (consumerStack === ownerStack || consumerStack.nested || ownerStack.nested) return;
  throw new HarnessValidationError(property,
    `${consumer.node.path} is in stack ${consumerStack.node.path} but reads the version of ${owner.node.path} in stack ` +
    `${ownerStack.node.path}; the version would become a cross-stack export, which blocks every later update of the ` +
    'harness. Define it in the same stack, or use pinned(...) or promotedFrom(...)');
}
