/**
 * Thrown at synth when a construct receives input that CloudFormation or the
 * AgentCore service would reject. The message names the property, shows the
 * value and says what is allowed.
 */
export class HarnessValidationError extends Error {
  /** The property path that failed, for example `model.temperature`. */
  public readonly property: string;

  constructor(property: string, message: string) {
    super(`${property}: ${message}`);
    this.name = 'HarnessValidationError';
    this.property = property;
    Object.setPrototypeOf(this, HarnessValidationError.prototype);
  }
}
