import { Lazy, Token } from 'aws-cdk-lib';
import { HarnessValidationError } from '../../src/common/private/errors';
import {
  show, validateEnum, validateExactlyOne, validateListLength, validateNotBlank, validateNumber, validateString, validateStringMap,
} from '../../src/common/private/validation';

const tokenString = Lazy.string({ produce: () => 'x' });
const tokenNumber = Lazy.number({ produce: () => 1 });

describe('HarnessValidationError', () => {
  test('prefixes the property and keeps it', () => {
    const e = new HarnessValidationError('model.temperature', '5 is out of range');
    expect(e.message).toBe('model.temperature: 5 is out of range');
    expect(e.property).toBe('model.temperature');
    expect(e).toBeInstanceOf(HarnessValidationError);
    expect(e).toBeInstanceOf(Error);
  });
});

describe('show', () => {
  test('quotes strings and shortens long ones', () => {
    expect(show('abc')).toBe('"abc"');
    expect(show('x'.repeat(200))).toBe(JSON.stringify(`${'x'.repeat(117)}...`));
    expect(show(5)).toBe('5');
  });
});

describe('validateString', () => {
  test('length and pattern', () => {
    expect(() => validateString('p', 'ab', { minLength: 3 })).toThrow('p: "ab" is 2 characters long; it must be at least 3');
    expect(() => validateString('p', 'abcd', { maxLength: 3 })).toThrow('p: "abcd" is 4 characters long; it must be at most 3');
    expect(() => validateString('p', 'a-b', { pattern: /^[a-z]+$/, patternDescription: 'letters' })).toThrow('p: "a-b" does not match letters (/^[a-z]+$/)');
    expect(() => validateString('p', 'abc', { minLength: 3, maxLength: 3, pattern: /^[a-z]+$/ })).not.toThrow();
  });

  test('skips undefined and tokens', () => {
    expect(() => validateString('p', undefined, { minLength: 1 })).not.toThrow();
    expect(() => validateString('p', tokenString, { maxLength: 0, pattern: /^$/ })).not.toThrow();
  });
});

describe('validateNumber', () => {
  test('range and integer', () => {
    expect(() => validateNumber('p', 3, { min: 0, max: 2 })).toThrow('p: 3 is out of range; it must be between 0 and 2');
    expect(() => validateNumber('p', -1, { min: 0 })).toThrow('p: -1 is out of range; it must be at least 0');
    expect(() => validateNumber('p', 9, { max: 5 })).toThrow('p: 9 is out of range; it must be at most 5');
    expect(() => validateNumber('p', 1.5, { integer: true })).toThrow('p: 1.5 must be a whole number');
    expect(() => validateNumber('p', NaN, {})).toThrow('p: NaN is not a finite number');
    expect(() => validateNumber('p', 2, { min: 0, max: 2, integer: true })).not.toThrow();
  });

  test('skips tokens', () => {
    expect(Token.isUnresolved(tokenNumber)).toBe(true);
    expect(() => validateNumber('p', tokenNumber, { min: 5, integer: true })).not.toThrow();
  });
});

describe('validateListLength, validateEnum, validateExactlyOne', () => {
  test('list length', () => {
    expect(() => validateListLength('p', [1, 2, 3], 1, 2)).toThrow('p: has 3 items; it must have between 1 and 2');
    expect(() => validateListLength('p', [], 1)).toThrow('p: has 0 items; it must have at least 1');
    expect(() => validateListLength('p', [1], 1, 1)).not.toThrow();
  });

  test('enum', () => {
    expect(() => validateEnum('p', 'c', ['a', 'b'])).toThrow('p: "c" is not allowed; use one of "a", "b"');
    expect(() => validateEnum('p', tokenString, ['a'])).not.toThrow();
  });

  test('exactly one', () => {
    expect(() => validateExactlyOne('p', { a: 1, b: 2 })).toThrow('p: exactly one of a, b must be set; got a, b');
    expect(() => validateExactlyOne('p', { a: undefined, b: undefined })).toThrow('got none');
    expect(() => validateExactlyOne('p', { a: undefined, b: undefined }, false)).not.toThrow();
    expect(() => validateExactlyOne('p', { a: 1, b: undefined })).not.toThrow();
  });
});

describe('validateStringMap', () => {
  test('entry count, keys and values', () => {
    expect(() => validateStringMap('m', { a: '1', b: '2' }, { maxEntries: 1 })).toThrow('m: has 2 entries; it must have at most 1');
    expect(() => validateStringMap('m', { '': '1' }, { key: { minLength: 1 } })).toThrow('m key: "" is 0 characters long; it must be at least 1');
    expect(() => validateStringMap('m', { k: 'long' }, { value: { maxLength: 2 } })).toThrow('m.k: "long" is 4 characters long; it must be at most 2');
    expect(() => validateStringMap('m', { k: tokenString }, { value: { maxLength: 0 } })).not.toThrow();
    expect(() => validateStringMap('m', undefined, { maxEntries: 0 })).not.toThrow();
  });
});

describe('validateNotBlank', () => {
  test('rejects empty and whitespace-only strings, skips tokens', () => {
    expect(() => validateNotBlank('p', ' \n')).toThrow('p: " \\n" is blank; it must contain at least one non-whitespace character');
    expect(() => validateNotBlank('p', '')).toThrow('is blank');
    expect(() => validateNotBlank('p', ' x ')).not.toThrow();
    expect(() => validateNotBlank('p', tokenString)).not.toThrow();
  });
});
