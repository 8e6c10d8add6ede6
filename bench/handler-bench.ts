// Handler and CLI bundle benchmark: size and cold `require` time of each esbuild bundle, each require measured
// in a fresh `node` process (as a Lambda cold start or a CLI launch would pay it). Prints figures only.
//
//   npx projen bundle && npx ts-node --project test/tsconfig.json bench/handler-bench.ts
//
// It also builds the same entry points with `--minify --main-fields=module,main` into bench/out/ so the effect
// of that bundling option can be compared before changing .projenrc.ts.
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..');
// Size targets in KiB. A Lambda handler pays its size on every cold start of a deploy; the CLI bundles six service
// clients (AgentCore control and data plane, STS, IAM for doctor, CloudWatch and CloudWatch Logs for the evaluation
// gate) and runs once per pipeline step, so its budget is larger. The cold-require target applies to all.
const HANDLER_TARGET_KB = 500;
const CLI_TARGET_KB = 600;
const TARGET_MS = 300;
const RUNS = 5;

interface Bundle {
  readonly name: string;
  readonly entry: string;
  readonly file: string;
  readonly target: string;
  readonly targetKb: number;
}

const BUNDLES: Bundle[] = [
  { name: 'onEvent handler', entry: 'src/provider/on-event.lambda.ts', file: 'assets/provider/on-event.lambda/index.js', target: 'node24', targetKb: HANDLER_TARGET_KB },
  { name: 'isComplete handler', entry: 'src/provider/is-complete.lambda.ts', file: 'assets/provider/is-complete.lambda/index.js', target: 'node24', targetKb: HANDLER_TARGET_KB },
  // The package's bin, as users run it.
  { name: 'CLI', entry: 'src/cli/main.ts', file: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin['cdk-agentcore-harness'], target: 'node20', targetKb: CLI_TARGET_KB },
];

function coldRequireMs(file: string): number {
  const script = 'const t = process.hrtime.bigint(); require(process.argv[1]); '
    + 'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));';
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['-e', script, file], {
      env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    samples.push(Number(out.toString()));
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

function row(label: string, file: string, targetKb: number): string {
  const kb = statSync(file).size / 1024;
  const ms = coldRequireMs(file);
  const verdict = kb <= targetKb && ms <= TARGET_MS ? 'within target' : 'OVER target';
  return `${label.padEnd(44)} ${kb.toFixed(1).padStart(8)} KB ${ms.toFixed(1).padStart(8)} ms   ${verdict}`;
}

function main(): void {
  console.log(`Targets: handlers <= ${HANDLER_TARGET_KB} KB, CLI <= ${CLI_TARGET_KB} KB, <= ${TARGET_MS} ms cold require (median of ${RUNS} fresh node processes)\n`);
  console.log(`${'bundle'.padEnd(44)} ${'size'.padStart(11)} ${'require'.padStart(11)}`);
  for (const b of BUNDLES) {
    const file = path.join(ROOT, b.file);
    if (!existsSync(file)) {
      console.log(`${b.name.padEnd(44)} missing: run \`npx projen bundle\` first (${b.file})`);
      continue;
    }
    console.log(row(`${b.name} (projen bundle)`, file, b.targetKb));
  }
  console.log('');
  for (const b of BUNDLES) {
    const outfile = path.join(ROOT, 'bench', 'out', `${path.basename(b.entry, '.ts')}.min.js`);
    buildSync({
      entryPoints: [path.join(ROOT, b.entry)],
      bundle: true,
      platform: 'node',
      target: b.target,
      outfile,
      minify: true,
      mainFields: ['module', 'main'],
      logLevel: 'error',
    });
    console.log(row(`${b.name} (minify, module main field)`, outfile, b.targetKb));
  }
}

main();
