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
import { compareAssemblies } from './integ-snapshot-diff';

const ROOT = path.resolve(__dirname, '..');
const TEST_DIR = path.join(ROOT, 'test');
const TSCONFIG = path.join(TEST_DIR, 'tsconfig.json');
/** integ-runner's TypeScript preset: integ.<anything>.ts, declaration files excluded. */
const INTEG_FILE = /^integ\..*(?<!\.d)\.ts$/;

/** What integ-runner passes to every snapshot synthesis (runner-base.ts, DEFAULT_SYNTH_OPTIONS). */
const INTEG_ENV = {
  CDK_INTEG_ACCOUNT: '12345678',
  CDK_INTEG_REGION: 'test-region',
  CDK_INTEG_HOSTED_ZONE_ID: 'Z23ABC4XYZL05B',
  CDK_INTEG_HOSTED_ZONE_NAME: 'example.com',
  CDK_INTEG_DOMAIN_NAME: '*.example.com',
  CDK_INTEG_CERT_ARN: 'arn:aws:acm:test-region:12345678:certificate/86468209-a272-595d-b831-0efb6421265z',
};

function integContext(): Record<string, unknown> {
  const flagsFile = path.join(ROOT, 'node_modules', '@aws-cdk', 'integ-runner', 'lib', 'recommended-feature-flags.json');
  const flags = JSON.parse(fs.readFileSync(flagsFile, 'utf8'));
  // integ-runner unsets the target partitions (a historical quirk it keeps so snapshots do not churn).
  delete flags['@aws-cdk/core:target-partitions'];
  // As the CDK CLI does without --debug: no creation stack traces (absolute paths, line numbers) in
  // the snapshot's metadata, which would churn on every edit and differ between machines.
  return { ...flags, 'aws:cdk:disable-stack-trace': true, 'aws:cdk:disable-creation-stack-traces': true };
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
        const problems = compareAssemblies(snapshotDir, actualDir);
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
