// Offline check of the integration-test snapshots (test/**/integ.*.ts against <file>.snapshot/).
//
// Why not `integ-runner`: @aws-cdk/integ-runner 2.197.10 (the newest release) bundles a toolkit that
// reads cloud-assembly schema 53 at most, and aws-cdk-lib 2.276.0 writes schema 55, so every
// integ-runner run, even the offline snapshot check, fails with "Cloud assembly schema version
// mismatch". This script does what integ-runner's snapshot step does, with the same synthesis inputs
// (its recommended feature flags and CDK_INTEG_* environment), so the snapshots stay usable by
// integ-runner once a release reads schema 55:
//   - synthesize each test app into a temporary directory (no AWS calls),
//   - compare every stack template with the committed snapshot, ignoring asset hashes
//     (integ-runner's default, diffAssets: false),
//   - fail on a missing, extra or different stack.
//
// Usage: scripts/integ-snapshots.ts            verify every snapshot
//        scripts/integ-snapshots.ts --update   rewrite every snapshot
//        scripts/integ-snapshots.ts [--update] test/integ.harness.ts ...
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const TEST_DIR = path.join(ROOT, 'test');
const TSCONFIG = path.join(TEST_DIR, 'tsconfig.json');
/** integ-runner's TypeScript preset: integ.<anything>.ts, declaration files excluded. */
const INTEG_FILE = /^integ\..*(?<!\.d)\.ts$/;
const ASSET_HASH = /[a-f0-9]{64}/gi;
const MAX_REPORTED_DIFFERENCES = 25;

/** What integ-runner passes to every snapshot synthesis (runner-base.ts, DEFAULT_SYNTH_OPTIONS). */
const INTEG_ENV = {
  CDK_INTEG_ACCOUNT: '12345678',
  CDK_INTEG_REGION: 'test-region',
  CDK_INTEG_HOSTED_ZONE_ID: 'Z23ABC4XYZL05B',
  CDK_INTEG_HOSTED_ZONE_NAME: 'example.com',
  CDK_INTEG_DOMAIN_NAME: '*.example.com',
  CDK_INTEG_CERT_ARN: 'arn:aws:acm:test-region:12345678:certificate/86468209-a272-595d-b831-0efb6421265z',
};

type Json = any;

function integContext(): Record<string, unknown> {
  const flagsFile = path.join(ROOT, 'node_modules', '@aws-cdk', 'integ-runner', 'lib', 'recommended-feature-flags.json');
  const flags = JSON.parse(fs.readFileSync(flagsFile, 'utf8'));
  // integ-runner unsets the target partitions (a historical quirk it keeps so snapshots do not churn).
  delete flags['@aws-cdk/core:target-partitions'];
  return flags;
}

function discover(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name.endsWith('.snapshot') ? [] : discover(full);
    }
    return INTEG_FILE.test(entry.name) ? [full] : [];
  }).sort();
}

function synthesize(testFile: string, outdir: string): void {
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [
    require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', TSCONFIG, testFile,
  ], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...INTEG_ENV, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(integContext()) },
  });
  if (result.status !== 0) {
    throw new Error(`synthesis of ${path.relative(ROOT, testFile)} failed:\n${result.stderr || result.stdout}`);
  }
}

/** Stack artifact id -> template, read from the assembly manifest without any schema-version check. */
function templates(assemblyDir: string): Map<string, Json> {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8'));
  const result = new Map<string, Json>();
  for (const [id, artifact] of Object.entries<Json>(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      result.set(id, JSON.parse(fs.readFileSync(path.join(assemblyDir, artifact.properties.templateFile), 'utf8')));
    }
  }
  return result;
}

function canonical(value: Json): Json {
  if (typeof value === 'string') return value.replace(ASSET_HASH, '<asset-hash>');
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [canonical(key), canonical(item)]));
  }
  return value;
}

function differences(expected: Json, actual: Json, at: string, out: string[]): void {
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
    differences(expected[key], actual[key], `${at}.${key}`, out);
  }
}

function compare(snapshotDir: string, actualDir: string): string[] {
  if (!fs.existsSync(path.join(snapshotDir, 'manifest.json'))) {
    return [`no snapshot at ${path.relative(ROOT, snapshotDir)} (run with --update to create it)`];
  }
  const expected = templates(snapshotDir);
  const actual = templates(actualDir);
  const problems: string[] = [];
  for (const id of expected.keys()) {
    if (!actual.has(id)) problems.push(`${id} exists in the snapshot but not in the app`);
  }
  for (const [id, template] of actual) {
    if (!expected.has(id)) {
      problems.push(`${id} exists in the app but not in the snapshot`);
      continue;
    }
    const found: string[] = [];
    differences(canonical(expected.get(id)), canonical(template), id, found);
    problems.push(...found);
  }
  return problems;
}

/** integ-runner keeps asset manifests but not the staged assets themselves; neither do we. */
function pruneAssets(snapshotDir: string): void {
  for (const entry of fs.readdirSync(snapshotDir)) {
    if (entry.startsWith('asset.')) fs.rmSync(path.join(snapshotDir, entry), { recursive: true, force: true });
  }
}

function main(): number {
  const args = process.argv.slice(2);
  const update = args.includes('--update');
  const named = args.filter((arg) => arg !== '--update').map((arg) => path.resolve(arg));
  const files = named.length > 0 ? named : discover(TEST_DIR);
  if (files.length === 0) {
    console.log('no integration tests found');
    return 0;
  }

  let failed = 0;
  for (const file of files) {
    const name = path.relative(ROOT, file);
    const snapshotDir = `${file}.snapshot`;
    const started = Date.now();
    try {
      if (update) {
        synthesize(file, snapshotDir);
        pruneAssets(snapshotDir);
        console.log(`  UPDATED    ${name} ${Date.now() - started} ms`);
        continue;
      }
      const actualDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-snapshot-'));
      try {
        synthesize(file, actualDir);
        const problems = compare(snapshotDir, actualDir);
        if (problems.length === 0) {
          console.log(`  UNCHANGED  ${name} ${Date.now() - started} ms`);
        } else {
          failed += 1;
          console.log(`  CHANGED    ${name}`);
          problems.forEach((problem) => console.log(`      ${problem}`));
        }
      } finally {
        fs.rmSync(actualDir, { recursive: true, force: true });
      }
    } catch (error) {
      failed += 1;
      console.log(`  ERROR      ${name}\n      ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`\nintegration snapshots: ${files.length - failed} passed, ${failed} failed, ${files.length} total`);
  if (failed > 0 && !update) {
    console.log('if the change is intended, run: npx projen integ:update');
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
