import { App, Stack } from 'aws-cdk-lib';
import * as def from './synth/definition';
import { libraryVariant } from './synth/library-variant';
import { rawL1Variant } from './synth/raw-l1-variant';
import { Variant } from './synth/variant';
function run(v: Variant, n: number) {
  const t0 = process.hrtime.bigint();
  const app = new App({ outdir: '/tmp/prof/out-' + v.name.replace(/\W/g, ''), stackTraces: false });
  let stack: Stack | undefined;
  for (let i = 0; i < n; i++) { if (i % 25 === 0) stack = new Stack(app, `B${i / 25}`, { env: def.BENCH_ENV }); v.addHarness(stack!, i); }
  const t1 = process.hrtime.bigint();
  app.synth();
  const t2 = process.hrtime.bigint();
  return [Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6];
}
const vs = [libraryVariant, rawL1Variant];
for (const v of vs) for (let i = 0; i < 3; i++) run(v, 100);
const res = new Map<Variant, number[][]>(vs.map(v => [v, []]));
for (let i = 0; i < 9; i++) for (const v of vs) res.get(v)!.push(run(v, 100));
for (const v of vs) { const r = res.get(v)!; const med = (k: number) => r.map(x => x[k]).sort((a, b) => a - b)[4]; console.log(v.name.padEnd(24), 'construct', med(0).toFixed(0), 'synth', med(1).toFixed(0)); }
