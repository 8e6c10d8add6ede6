import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { HarnessValidationError } from '../../common/private/errors';

/** Per app: explicit harness names by account and region, to the harness holding each. */
const CLAIMED = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Fails when another harness of the same app already has this explicit name in
 * the same account and region: harness names are unique there, so the second
 * create would fail at deploy. Stacks whose account or region is unknown until
 * deploy (environment-agnostic) are compared as the same environment, since
 * they deploy wherever the CLI points, typically all to one.
 */
export function claimExplicitName(harness: IConstruct, name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  const stack = Stack.of(harness);
  const root = harness.node.root;
  const claimed = CLAIMED.get(root) ?? new Map<string, string>();
  CLAIMED.set(root, claimed);
  const env = (value: string) => (Token.isUnresolved(value) ? '(deploy-time)' : value);
  const key = `${env(stack.account)}/${env(stack.region)}/${name}`;
  const first = claimed.get(key);
  if (first !== undefined) {
    throw new HarnessValidationError('harnessName',
      `"${name}" is already the name of ${first} in the same account and region; harness names are unique per `
      + 'account and region, so the second harness could not be created (omit harnessName for a generated name)');
  }
  claimed.set(key, harness.node.path);
}
