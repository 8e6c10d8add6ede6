import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { HarnessValidationError } from '../common/private/errors';
import { isUnresolved, show, validateString } from '../common/private/validation';

/** InvokeHarness accepts runtime session ids of 33 to 100 characters. */
const SESSION_ID_RULES = { minLength: 33, maxLength: 100 };

/**
 * The runtime session id an `InvokeHarness` task passes. InvokeHarness requires
 * 33 to 100 characters; the execution name alone (1 to 80) can be too short, so
 * the ids below are derived to always fit.
 */
export abstract class InvokeHarnessSessionId {
  /**
   * One session per execution and state: the SHA-256 (64 hex characters) of the
   * execution ARN and the state name. Deterministic: a Retry of the task continues
   * the same session, and a task revisited in a loop continues the conversation.
   * Inside a Map state, iterations running at the same time would share a session:
   * use `perAttempt()` or `fromValue()` with the item index there.
   */
  public static perExecution(): InvokeHarnessSessionId {
    return new ComputedSessionId(
      () => sfn.JsonPath.hash(sfn.JsonPath.format('{}/{}', sfn.JsonPath.executionId, sfn.JsonPath.stateName), 'SHA-256'),
      "{% $hash($states.context.Execution.Id & '/' & $states.context.State.Name, 'SHA-256') %}",
    );
  }

  /**
   * A new random UUID (36 characters) every time the state runs, Retry attempts
   * included: each attempt starts a fresh session. Not deterministic.
   */
  public static perAttempt(): InvokeHarnessSessionId {
    return new ComputedSessionId(() => sfn.JsonPath.uuid(), '{% $uuid() %}');
  }

  /**
   * A given value: a literal of 33 to 100 characters (checked at synth), a JSONPath
   * expression (`JsonPath.stringAt(...)`, JSONPath tasks) or a JSONata expression
   * (`{% ... %}`, JSONata tasks). The service checks the length of what an
   * expression yields at run time.
   */
  public static fromValue(value: string): InvokeHarnessSessionId {
    return new GivenSessionId(value);
  }

  /** @internal */
  public abstract _render(queryLanguage: sfn.QueryLanguage, path: string): string;
}

class ComputedSessionId extends InvokeHarnessSessionId {
  constructor(private readonly jsonPath: () => string, private readonly jsonata: string) {
    super();
  }

  public _render(queryLanguage: sfn.QueryLanguage): string {
    return queryLanguage === sfn.QueryLanguage.JSONATA ? this.jsonata : this.jsonPath();
  }
}

class GivenSessionId extends InvokeHarnessSessionId {
  constructor(private readonly value: string) {
    super();
  }

  public _render(queryLanguage: sfn.QueryLanguage, path: string): string {
    if (queryLanguage !== sfn.QueryLanguage.JSONATA && isJsonataExpression(this.value)) {
      throw new HarnessValidationError(path,
        `${show(this.value)} is a JSONata expression in a JSONPath task, where it would be sent as text; `
        + 'use InvokeHarness.jsonata(), or JsonPath.stringAt() for a JSONPath task');
    }
    if (!isUnresolved(this.value) && !isJsonataExpression(this.value)) {
      validateString(path, this.value, SESSION_ID_RULES);
    }
    return this.value;
  }
}

/** A JSONata expression: `{% ... %}`. */
export function isJsonataExpression(value: string): boolean {
  return /^\{%[\s\S]*%\}$/.test(value.trim());
}
