import { Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessValidationError } from '../../common/private/errors';
import { OPTION_NAME_RULES, show, validateString } from '../../common/private/validation';

const MAX_HOOKS = 20;
const KINDS = ['beforeInvocation', 'afterInvocation', 'beforeToolCall', 'afterToolCall'] as const;

/**
 * Checks the rendered hook set as a whole: at most 20 hooks, each with exactly
 * one kind, and names valid and unique within the harness.
 *
 * @internal
 */
export function validateHookSet(hooks: CfnHarness.HarnessHookProperty[]): void {
  if (hooks.length > MAX_HOOKS) {
    throw new HarnessValidationError('hooks', `has ${hooks.length} hooks; a harness can have at most ${MAX_HOOKS}`);
  }
  const names: string[] = [];
  hooks.forEach((hook, i) => {
    const kinds = KINDS.filter(k => hook[k] !== undefined);
    if (kinds.length !== 1) {
      throw new HarnessValidationError(`hooks[${i}]`,
        `has ${kinds.length ? kinds.join(', ') : 'no kind'}; it must have exactly one of ${KINDS.join(', ')}`);
    }
    const body = hook[kinds[0]] as { name?: string } | undefined;
    const name = body && !Token.isUnresolved(body) ? body.name : undefined;
    if (name === undefined || Token.isUnresolved(name)) return;
    validateString(`hooks[${i}].name`, name, OPTION_NAME_RULES);
    if (names.includes(name)) {
      throw new HarnessValidationError(`hooks[${i}].name`, `${show(name)} is already used by another hook; hook names must be unique within the harness`);
    }
    names.push(name);
  });
}
