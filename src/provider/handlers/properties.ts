import { HandlerError } from '../../service/errors';

/**
 * Reads custom-resource properties. CloudFormation delivers every scalar as a string ("42", "true"), and a
 * rollback replays properties written by an older template, so parsing is explicit and lenient about
 * properties it does not know.
 */
export class Properties {
  constructor(private readonly resourceType: string, private readonly props: Record<string, unknown>) {}

  public required(name: string): string {
    const value = this.optional(name);
    if (value === undefined || value === '') {
      throw new HandlerError(`${this.resourceType}: property ${name} is required, got ${JSON.stringify(this.props[name])}`, 'invalid');
    }
    return value;
  }

  public optional(name: string): string | undefined {
    const value = this.props[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new HandlerError(`${this.resourceType}: property ${name} must be a string, got ${JSON.stringify(value)}`, 'invalid');
  }

  /** A positive number of seconds, given as a string or a number. */
  public seconds(name: string, fallback: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new HandlerError(`${this.resourceType}: property ${name} must be a positive number of seconds, got ${JSON.stringify(raw)}`, 'invalid');
    }
    return value;
  }
}
