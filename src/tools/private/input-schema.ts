import { Token } from 'aws-cdk-lib';
import { HarnessValidationError } from '../../common/private/errors';
import { show } from '../../common/private/validation';

const JSON_TYPES = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];

/**
 * Checks that an inline function's input schema is a JSON Schema for an object,
 * as the model's tool-use API expects: `type: 'object'` at the top, `properties`
 * an object of schemas, `required` a list of declared property names. Nested
 * object and array schemas get the same structural checks. Unresolved tokens are
 * skipped.
 *
 * @internal
 */
export function validateInputSchema(path: string, schema: unknown): void {
  if (Token.isUnresolved(schema)) return;
  if (!isPlainObject(schema)) {
    throw new HarnessValidationError(path, `${describe(schema)} is not a JSON Schema object; pass { type: 'object', properties: {...} }`);
  }
  assertJsonSerializable(path, schema, new Set());
  if (schema.type !== 'object') {
    throw new HarnessValidationError(`${path}.type`,
      `${show(schema.type)} is not allowed at the top level; a tool's input schema must have type 'object'`);
  }
  validateSubschema(path, schema);
}

function validateSubschema(path: string, schema: Record<string, unknown>): void {
  const type = schema.type;
  if (type !== undefined && !Token.isUnresolved(type)) {
    const types = Array.isArray(type) ? type : [type];
    if (types.length === 0 || types.some(t => typeof t !== 'string' || !JSON_TYPES.includes(t))) {
      throw new HarnessValidationError(`${path}.type`,
        `${show(type)} is not a JSON Schema type; use one of ${JSON_TYPES.join(', ')} (or a list of them)`);
    }
  }

  const properties = schema.properties;
  if (properties !== undefined && !Token.isUnresolved(properties)) {
    if (!isPlainObject(properties)) {
      throw new HarnessValidationError(`${path}.properties`, `${describe(properties)} must be an object mapping property names to schemas`);
    }
    for (const [name, sub] of Object.entries(properties)) {
      if (Token.isUnresolved(sub)) continue;
      if (!isPlainObject(sub) && typeof sub !== 'boolean') {
        throw new HarnessValidationError(`${path}.properties.${name}`, `${describe(sub)} is not a schema; use an object such as { type: 'string' }`);
      }
      if (isPlainObject(sub)) validateSubschema(`${path}.properties.${name}`, sub);
    }
  }

  const required = schema.required;
  if (required !== undefined && !Token.isUnresolved(required)) {
    if (!Array.isArray(required) || required.some(r => typeof r !== 'string')) {
      throw new HarnessValidationError(`${path}.required`, `${show(required)} must be a list of property names (strings)`);
    }
    const declared = isPlainObject(properties) ? Object.keys(properties) : [];
    const seen = new Set<string>();
    for (const r of required as string[]) {
      if (Token.isUnresolved(r)) continue;
      if (seen.has(r)) {
        throw new HarnessValidationError(`${path}.required`, `${show(r)} is listed twice; each required property once`);
      }
      seen.add(r);
      if (!declared.includes(r)) {
        throw new HarnessValidationError(`${path}.required`,
          `${show(r)} is not declared in properties; declared: ${declared.length ? declared.join(', ') : 'none'}`);
      }
    }
  }

  const enumValues = schema.enum;
  if (enumValues !== undefined && !Token.isUnresolved(enumValues) && (!Array.isArray(enumValues) || enumValues.length === 0)) {
    throw new HarnessValidationError(`${path}.enum`, `${show(enumValues)} must be a non-empty list of allowed values`);
  }

  const additional = schema.additionalProperties;
  if (additional !== undefined && !Token.isUnresolved(additional) && typeof additional !== 'boolean' && !isPlainObject(additional)) {
    throw new HarnessValidationError(`${path}.additionalProperties`, `${show(additional)} must be true, false or a schema`);
  }
  if (isPlainObject(additional)) validateSubschema(`${path}.additionalProperties`, additional);

  const items = schema.items;
  if (items !== undefined && !Token.isUnresolved(items)) {
    if (!isPlainObject(items) && typeof items !== 'boolean') {
      throw new HarnessValidationError(`${path}.items`, `${describe(items)} is not a schema; use an object such as { type: 'string' }`);
    }
    if (isPlainObject(items)) validateSubschema(`${path}.items`, items);
  }
}

function assertJsonSerializable(path: string, value: unknown, ancestors: Set<unknown>): void {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HarnessValidationError(path, `${String(value)} cannot be written as JSON`);
    return;
  }
  if (Token.isUnresolved(value)) return;
  if (Array.isArray(value) || isPlainObject(value)) {
    if (ancestors.has(value)) throw new HarnessValidationError(path, 'contains a cycle and cannot be written as JSON');
    ancestors.add(value);
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) assertJsonSerializable(`${path}.${k}`, v, ancestors);
    ancestors.delete(value);
    return;
  }
  throw new HarnessValidationError(path, `a ${typeof value} cannot be written as JSON`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'the value' : show(value);
}
