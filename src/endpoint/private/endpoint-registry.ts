import { Dependable, IConstruct, IDependable } from 'constructs';
import { HarnessValidationError } from '../../common/private/errors';
import { isUnresolved, show } from '../../common/private/validation';
import { IHarness } from '../../harness/harness-base';
import { _cfnHarnessOf } from '../../version/private/harness-l1';
import { IHarnessEndpoint } from '../harness-endpoint-base';

// Endpoint names are scoped to one harness. Keyed by the harness's L1 when it
// is defined in this app, so the L2 and a raw reference to it agree.
const endpointsByHarness = new WeakMap<object, Map<string, IHarnessEndpoint>>();

// Constructs that sit under a harness but must never be waited for by other
// such constructs (endpoints, smoke tests): depending on the whole harness
// subtree would then be a cycle.
const harnessConsumers = new WeakSet<IConstruct>();

function keyOf(harness: IHarness): object {
  return _cfnHarnessOf(harness) ?? harness;
}

/**
 * Records an endpoint name for its harness and fails on a duplicate.
 *
 * @internal
 */
export function _registerEndpoint(endpoint: IHarnessEndpoint): void {
  const name = endpoint.endpointName;
  harnessConsumers.add(endpoint);
  if (isUnresolved(name)) return;
  const key = keyOf(endpoint.harness);
  let names = endpointsByHarness.get(key);
  if (!names) {
    names = new Map();
    endpointsByHarness.set(key, names);
  }
  const existing = names.get(name);
  if (existing) {
    throw new HarnessValidationError('endpointName',
      `${show(name)} is already used by ${existing.node.path}; endpoint names must be unique per harness`);
  }
  names.set(name, endpoint);
}

/**
 * The endpoint with this name defined in this app for the harness, if any.
 *
 * @internal
 */
export function _findEndpoint(harness: IHarness, name: string): IHarnessEndpoint | undefined {
  return endpointsByHarness.get(keyOf(harness))?.get(name);
}

/**
 * Marks a construct as one that waits for the harness (a smoke test), so other
 * waiters do not depend on it through the harness.
 *
 * @internal
 */
export function _markHarnessConsumer(construct: IConstruct): void {
  harnessConsumers.add(construct);
}

/**
 * Everything that makes a harness usable: its L1 and the constructs defined
 * under it (role, policies, the post-create memory policy), but not endpoints
 * or smoke tests defined under it. Evaluated at synth, so parts added after
 * the dependent construct still count.
 *
 * @internal
 */
export function _harnessDependable(harness: IHarness): IDependable {
  const dependable = {};
  Dependable.implement(dependable, {
    get dependencyRoots(): IConstruct[] {
      const cfn = _cfnHarnessOf(harness);
      if (!cfn) return [];
      if (cfn === (harness as IConstruct)) return [cfn];
      return harness.node.children.filter(child => !harnessConsumers.has(child));
    },
  });
  return dependable;
}
