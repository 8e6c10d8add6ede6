import type { IConstruct } from 'constructs';

/**
 * Thrown at synth when a construct receives input that CloudFormation or the
 * AgentCore service would reject. The message names the property, shows the
 * value and says what is allowed.
 */
export class HarnessValidationError extends Error {
  /** The property path that failed, for example `model.temperature`. */
  public readonly property: string;
  /** What is wrong with the value, without the property and the construct path. */
  public readonly detail: string;
  /** The path of the construct whose input failed, when the error was raised inside one. */
  public readonly constructPath?: string;

  constructor(property: string, detail: string, constructPath?: string) {
    super(`${property}: ${detail}${constructPath === undefined ? '' : ` (in ${constructPath})`}`);
    this.name = 'HarnessValidationError';
    this.property = property;
    this.detail = detail;
    this.constructPath = constructPath;
    Object.setPrototypeOf(this, HarnessValidationError.prototype);
  }
}

/**
 * The error a construct's constructor rethrows: a validation error raised while
 * it checks or binds its input gains the construct's path, so an app with many
 * harnesses says which one is wrong. Any other error passes through unchanged.
 */
export function inConstruct(scope: IConstruct, error: unknown): unknown {
  if (!(error instanceof HarnessValidationError) || error.constructPath !== undefined) return error;
  return new HarnessValidationError(error.property, error.detail, scope.node.path);
}

/**
 * A validation error raised while the `index`-th item of a list option (`tools`,
 * `skills`, `hooks`) is bound: an item without a name is written `tools[]` where
 * it is created, and gains its index here.
 */
export function atIndex(error: unknown, list: string, index: number): unknown {
  if (!(error instanceof HarnessValidationError) || !error.property.startsWith(`${list}[]`)) return error;
  return new HarnessValidationError(`${list}[${index}]${error.property.slice(list.length + 2)}`, error.detail, error.constructPath);
}
