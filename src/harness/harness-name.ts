import * as crypto from 'crypto';
import { Fn, Lazy, Names, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Readable part; `_` + 6 hash chars + `_` + 8 stack-UUID chars bring the total to at most 40. */
const PREFIX_LENGTH = 24;
const INPUT_HASH_LENGTH = 6;

/**
 * A harness name that CloudFormation never has to reuse.
 *
 * `HarnessName` is required and create-only, and a harness holding managed
 * memory is retained by default. So the name must differ
 * - when a create-only input changes (CloudFormation creates the replacement
 *   before deleting the old harness, and names are unique per account and
 *   region): a hash of those inputs is part of the name;
 * - from a harness retained by an earlier deletion of the same stack: the
 *   first 8 hex characters of the stack's UUID, read from `AWS::StackId` at
 *   deploy time, are part of the name.
 *
 * The template stays deterministic (the UUID is resolved by CloudFormation),
 * and the name keeps a readable prefix from the construct path:
 * `<prefix ≤ 24>_<6 hex>_<8 hex>`, at most 40 characters, letter first, `[a-zA-Z0-9_]`.
 *
 * @param createOnlyInputs returns the rendered create-only inputs; called at synth.
 */
export function generateHarnessName(scope: IConstruct, createOnlyInputs: () => unknown): string {
  const stack = Stack.of(scope);
  const head = Lazy.string({
    produce: () => {
      let prefix = Names.uniqueResourceName(scope, { maxLength: PREFIX_LENGTH, separator: '_' });
      if (!/^[a-zA-Z]/.test(prefix)) {
        prefix = `H${prefix}`.slice(0, PREFIX_LENGTH);
      }
      const inputs = JSON.stringify(stack.resolve(createOnlyInputs()) ?? null);
      const hash = crypto.createHash('sha256').update(inputs).digest('hex').slice(0, INPUT_HASH_LENGTH);
      return `${prefix}_${hash}_`;
    },
  });
  // The stack-scoped reference (not Aws.STACK_ID): if the name is used in another
  // stack, it must still mean this stack's id.
  const stackUuidHead = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', stack.stackId))));
  // Concatenated as a string (rendered as the same Fn::Join): an Fn.join token
  // re-resolves its list in every synthesis pass.
  return `${head}${stackUuidHead}`;
}
