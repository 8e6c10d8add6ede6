import { Duration, Token } from 'aws-cdk-lib';
import { deferNumberCheck, deferStringCheck } from './deferred-checks';
import { HarnessValidationError } from './errors';

// Shared synth-time checks. A token is not checked where it is given: the check
// is kept and run at synth on what the token then resolves to (see
// deferred-checks.ts); what is known only at deploy is skipped.

/** Renders a value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    // Shortened by code points, so an emoji or other surrogate pair is never cut in half.
    const chars = Array.from(value);
    const shown = chars.length > 120 ? `${chars.slice(0, 117).join('')}...` : value;
    return JSON.stringify(shown);
  }
  // JSON would print NaN and Infinity as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/**
 * The length of a string in characters as the service counts them (Unicode
 * code points): an emoji is one character, not two UTF-16 units.
 */
export function characterLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

export function isUnresolved(value: unknown): boolean {
  return value !== undefined && Token.isUnresolved(value);
}

export interface StringRules {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** How the pattern reads to a person, e.g. "a letter, then letters, digits or _". */
  readonly patternDescription?: string;
}

export function validateString(property: string, value: string | undefined, rules: StringRules): void {
  if (value === undefined) return;
  if (isUnresolved(value)) return deferStringCheck(value, v => validateString(property, v, rules));
  const length = characterLength(value);
  if (rules.minLength !== undefined && length < rules.minLength) {
    throw new HarnessValidationError(property,
      `${show(value)} is ${length} characters long; it must be at least ${rules.minLength}`);
  }
  if (rules.maxLength !== undefined && length > rules.maxLength) {
    throw new HarnessValidationError(property,
      `${show(value)} is ${length} characters long; it must be at most ${rules.maxLength}`);
  }
  if (rules.pattern && !rules.pattern.test(value)) {
    const what = rules.patternDescription ? `${rules.patternDescription} (${rules.pattern})` : `${rules.pattern}`;
    throw new HarnessValidationError(property, `${show(value)} does not match ${what}`);
  }
}

export interface NumberRules {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** The unit the number stands for (`seconds`, `days`), named in messages after the value. */
  readonly unit?: string;
}

export function validateNumber(property: string, value: number | undefined, rules: NumberRules): void {
  if (value === undefined) return;
  if (isUnresolved(value)) return deferNumberCheck(value, v => validateNumber(property, v, rules));
  const unit = rules.unit ? ` ${rules.unit}` : '';
  if (!Number.isFinite(value)) {
    throw new HarnessValidationError(property, `${show(value)} is not a finite number`);
  }
  if (rules.integer && !Number.isInteger(value)) {
    throw new HarnessValidationError(property, `${show(value)}${unit} must be a whole number${unit ? ` of${unit}` : ''}`);
  }
  const range = rules.min !== undefined && rules.max !== undefined
    ? `between ${rules.min} and ${rules.max}`
    : rules.min !== undefined ? `at least ${rules.min}` : `at most ${rules.max}`;
  if ((rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max)) {
    throw new HarnessValidationError(property, `${show(value)}${unit} is out of range; it must be ${range}${unit}`);
  }
}

export function validateListLength(property: string, list: readonly unknown[] | undefined, min: number, max?: number): void {
  if (list === undefined || isUnresolved(list)) return;
  if (list.length < min || (max !== undefined && list.length > max)) {
    const range = max === undefined ? `at least ${min}` : min === max ? `exactly ${min}` : `between ${min} and ${max}`;
    throw new HarnessValidationError(property, `has ${list.length} items; it must have ${range}`);
  }
}

export function validateEnum(property: string, value: string | undefined, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (isUnresolved(value)) return deferStringCheck(value, v => validateEnum(property, v, allowed));
  if (!allowed.includes(value)) {
    throw new HarnessValidationError(property, `${show(value)} is not allowed; use one of ${allowed.map(a => show(a)).join(', ')}`);
  }
}

/** Fails when more than one (or, with `required`, not exactly one) of the named members is set. */
export function validateExactlyOne(property: string, members: Record<string, unknown>, required = true): void {
  const set = Object.entries(members).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (set.length > 1 || (required && set.length === 0)) {
    throw new HarnessValidationError(property,
      `exactly one of ${Object.keys(members).join(', ')} must be set; got ${set.length === 0 ? 'none' : set.join(', ')}`);
  }
}

export interface StringMapRules {
  readonly maxEntries?: number;
  readonly key?: StringRules;
  readonly value?: StringRules;
}

/** Checks a string-to-string map entry by entry; the path of a failing entry is `<property>.<key>`. */
export function validateStringMap(property: string, map: Record<string, string> | undefined, rules: StringMapRules): void {
  if (map === undefined || isUnresolved(map)) return;
  const keys = Object.keys(map);
  if (rules.maxEntries !== undefined && keys.length > rules.maxEntries) {
    throw new HarnessValidationError(property, `has ${keys.length} entries; it must have at most ${rules.maxEntries}`);
  }
  for (const key of keys) {
    if (rules.key) validateString(`${property} key`, key, rules.key);
    if (rules.value) validateString(`${property}.${key}`, map[key], rules.value);
  }
}

/** Fails when a string is empty or only whitespace. */
export function validateNotBlank(property: string, value: string | undefined): void {
  if (value === undefined) return;
  if (isUnresolved(value)) return deferStringCheck(value, v => validateNotBlank(property, v));
  if (value.trim().length === 0) {
    throw new HarnessValidationError(property, `${show(value)} is blank; it must contain at least one non-whitespace character`);
  }
}

/**
 * A duration as a whole number of `unit`; undefined when absent or a token.
 * Fails when the duration is not a whole number of that unit.
 */
export function wholeDuration(property: string, duration: Duration | undefined, unit: 'seconds' | 'days'): number | undefined {
  if (duration === undefined || duration.isUnresolved()) return undefined;
  const value = unit === 'days' ? duration.toDays({ integral: false }) : duration.toSeconds({ integral: false });
  if (!Number.isInteger(value)) {
    throw new HarnessValidationError(property, `${duration.toHumanString()} is not a whole number of ${unit}`);
  }
  return value;
}

/** Names of tools and hooks: 1–64 letters, digits, _ and - (the same rule for both in the API). */
export const OPTION_NAME_RULES: StringRules = {
  minLength: 1, maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/, patternDescription: 'letters, digits, _ and -',
};
