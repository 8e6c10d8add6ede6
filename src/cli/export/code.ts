// Small helpers that print TypeScript source a person will read and own.

/** A TypeScript string literal: a template literal for multi-line text (easier to edit), else single quotes. */
export function str(value: string): string {
  if (value.includes('\n')) {
    return '`' + value.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  }
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : str(name);
}

/** Any JSON value as a TypeScript literal (used for maps, JSON schemas and additional parameters). */
export function literal(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = value.map((v) => literal(v, indent + '  '));
    const oneLine = `[${inner.join(', ')}]`;
    if (oneLine.length <= 80 && !oneLine.includes('\n')) return oneLine;
    return `[\n${inner.map((v) => `${indent}  ${v},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return object(entries.map(([k, v]) => [k, literal(v, indent + '  ')]), indent);
  }
  return 'undefined';
}

/**
 * An object literal from already-printed values; undefined values are left out.
 * Short objects stay on one line, longer ones get one property per line.
 */
export function object(entries: readonly (readonly [string, string | undefined])[], indent = ''): string {
  const present = entries.filter((e): e is readonly [string, string] => e[1] !== undefined);
  if (present.length === 0) return '{}';
  // `{ role }` rather than `{ role: role }`.
  const prop = ([k, v]: readonly [string, string]) => (k === v ? k : `${key(k)}: ${v}`);
  const oneLine = `{ ${present.map(prop).join(', ')} }`;
  if (oneLine.length <= 80 && !oneLine.includes('\n')) return oneLine;
  return `{\n${present.map((e) => `${indent}  ${prop(e)},`).join('\n')}\n${indent}}`;
}

/** A construct id from a name: PascalCase letters and digits. */
export function constructId(name: string, fallback: string): string {
  const id = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return id === '' ? fallback : id;
}
