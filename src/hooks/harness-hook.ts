import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HookTarget } from './hook-target';
import { OPTION_NAME_RULES, validateString } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';

type HookKind = 'beforeInvocation' | 'afterInvocation' | 'beforeToolCall' | 'afterToolCall';

/**
 * A hook that runs before or after an invocation or a tool call. Use the static
 * factories. At most 20 hooks per harness, with unique names; hooks cannot be
 * overridden at invoke time.
 */
export abstract class HarnessHook {
  /** Runs before each invocation starts the agent loop. */
  public static beforeInvocation(name: string, target: HookTarget): HarnessHook {
    return new Hook('beforeInvocation', name, target);
  }

  /** Runs after each invocation finishes. */
  public static afterInvocation(name: string, target: HookTarget): HarnessHook {
    return new Hook('afterInvocation', name, target);
  }

  /** Runs before each tool call; a Lambda target can deny the call. */
  public static beforeToolCall(name: string, target: HookTarget): HarnessHook {
    return new Hook('beforeToolCall', name, target);
  }

  /** Runs after each tool call. */
  public static afterToolCall(name: string, target: HookTarget): HarnessHook {
    return new Hook('afterToolCall', name, target);
  }

  /** The hook's name (1–64 characters, letters, digits, `_` and `-`). */
  public readonly name: string;

  protected constructor(name: string) {
    validateString(`hooks[${name}].name`, name, OPTION_NAME_RULES);
    this.name = name;
  }

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessHookProperty;
}

class Hook extends HarnessHook {
  constructor(private readonly kind: HookKind, name: string, private readonly target: HookTarget) {
    super(name);
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessHookProperty {
    const target = this.target._bind(ctx, `hooks[${this.name}].target`);
    return { [this.kind]: { name: this.name, target } };
  }
}
