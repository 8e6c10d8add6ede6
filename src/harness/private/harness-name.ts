import * as crypto from 'crypto';
import { Fn, Lazy, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { readableNamePart } from './readable-name';
import { ownStackUuidHead } from '../../common/private/synthesis-shortcuts';

/** Readable part; `_` + 6 hash chars + `_` + 8 stack-UUID chars bring the total to at most 40. */
const PREFIX_LENGTH = 24;
const INPUT_HASH_LENGTH = 6;

/** The two forms of a harness name, which render the same in the harness's own stack. */
export interface HarnessNameForms {
  /**
   * For the harness's own `HarnessName` property, which is always rendered in the
   * harness's stack: the stack-UUID part is one plain intrinsic, shared by the
   * stack's harnesses, instead of four nested tokens resolved in every pass.
   */
  readonly property: string;

  /**
   * The same name for everything else: the stack-UUID part reads the stack-scoped
   * `AWS::StackId` reference (not `Aws.STACK_ID`), so where the name is used in
   * another stack it still means the harness's stack. Made on first use.
   */
  attribute(): string;
}

/** The harnesses of each stack with a generated name, so each name can keep the words that tell it apart. */
const GENERATED = new WeakMap<Stack, IConstruct[]>();

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
 * and the name keeps a readable prefix of whole words from the construct path
 * (see `readableNamePart`):
 * `<prefix ≤ 24>_<6 hex>_<8 hex>`, at most 40 characters, letter first, `[a-zA-Z0-9_]`.
 *
 * @param createOnlyInputs returns the rendered create-only inputs; called at synth.
 */
export function generateHarnessName(scope: IConstruct, createOnlyInputs: () => unknown): HarnessNameForms {
  const stack = Stack.of(scope);
  const generated = GENERATED.get(stack) ?? [];
  generated.push(scope);
  GENERATED.set(stack, generated);
  const head = Lazy.string({
    produce: () => {
      const prefix = readableNamePart(scope, GENERATED.get(stack) ?? [], PREFIX_LENGTH);
      const inputs = JSON.stringify(stack.resolve(createOnlyInputs()) ?? null);
      const hash = crypto.createHash('sha256').update(inputs).digest('hex').slice(0, INPUT_HASH_LENGTH);
      return `${prefix}_${hash}_`;
    },
  });
  const ownUuidHead = ownStackUuidHead(stack);
  let attribute: string | undefined;
  // Concatenated as strings (rendered as the same Fn::Join): an Fn.join token
  // re-resolves its list in every synthesis pass.
  return {
    property: `${head}${ownUuidHead}`,
    attribute: () => attribute ??= `${head}${Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', stack.stackId))))}`,
  };
}
