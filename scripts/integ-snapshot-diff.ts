// How scripts/integ-snapshots.ts compares a synthesized cloud assembly with a committed snapshot:
// stack by stack, template by template, with asset hashes masked (integ-runner's default,
// `diffAssets: false`), reading manifest.json directly so no schema-version check applies.
import * as fs from 'fs';
import * as path from 'path';

type Json = any;

const ASSET_HASH = /[a-f0-9]{64}/gi;
const ASSET_MASK = '<asset-hash>';
const MAX_REPORTED_DIFFERENCES = 25;

/** Stack artifact id -> template. */
export function readTemplates(assemblyDir: string): Map<string, Json> {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8'));
  const result = new Map<string, Json>();
  for (const [id, artifact] of Object.entries<Json>(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      result.set(id, JSON.parse(fs.readFileSync(path.join(assemblyDir, artifact.properties.templateFile), 'utf8')));
    }
  }
  return result;
}

/** The value with every 64-hex asset hash (in keys and strings) replaced by a fixed mask. */
export function maskAssetHashes(value: Json): Json {
  if (typeof value === 'string') return value.replace(ASSET_HASH, ASSET_MASK);
  if (Array.isArray(value)) return value.map(maskAssetHashes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskAssetHashes(key), maskAssetHashes(item)]));
  }
  return value;
}

/** JSON paths where `actual` differs from `expected`, each with both values (at most 25). */
export function jsonDifferences(expected: Json, actual: Json, at = '$'): string[] {
  const out: string[] = [];
  walk(expected, actual, at, out);
  return out;
}

function walk(expected: Json, actual: Json, at: string, out: string[]): void {
  if (out.length >= MAX_REPORTED_DIFFERENCES) return;
  const bothObjects = expected && actual && typeof expected === 'object' && typeof actual === 'object'
    && Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects) {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      out.push(`${at}: expected ${JSON.stringify(expected)?.slice(0, 200)}, got ${JSON.stringify(actual)?.slice(0, 200)}`);
    }
    return;
  }
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    walk(expected[key], actual[key], `${at}.${key}`, out);
  }
}

/** Every problem that makes the assembly in `actualDir` differ from the snapshot in `snapshotDir`. */
export function compareAssemblies(snapshotDir: string, actualDir: string): string[] {
  if (!fs.existsSync(path.join(snapshotDir, 'manifest.json'))) {
    return [`no snapshot at ${snapshotDir} (run with --update to create it)`];
  }
  const expected = readTemplates(snapshotDir);
  const actual = readTemplates(actualDir);
  const problems: string[] = [];
  for (const id of expected.keys()) {
    if (!actual.has(id)) problems.push(`${id} exists in the snapshot but not in the app`);
  }
  for (const [id, template] of actual) {
    if (!expected.has(id)) {
      problems.push(`${id} exists in the app but not in the snapshot`);
      continue;
    }
    problems.push(...jsonDifferences(maskAssetHashes(expected.get(id)), maskAssetHashes(template), id));
  }
  return problems;
}
