import { App, Stack } from 'aws-cdk-lib';
import { libraryVariant } from './synth/library-variant';
import { rawL1Variant } from './synth/raw-l1-variant';
function once(variant: typeof libraryVariant): number {
  const t0 = performance.now();
  const app = new App({ outdir: '/tmp/prof-out-' + variant.name.replace(/\W/g, ''), stackTraces: false });
  for (let s = 0; s < 4; s++) {
    const stack = new Stack(app, `S${s}`, { env: { account: '123456789012', region: 'us-east-1' } });
    for (let i = 0; i < 25; i++) variant.addHarness(stack, s * 25 + i);
  }
  app.synth();
  return performance.now() - t0;
}
const mode = process.argv[2];
const variants = mode === 'raw' ? [rawL1Variant] : mode === 'lib' ? [libraryVariant] : [libraryVariant, rawL1Variant];
const runs = Number(process.env.RUNS ?? 9);
variants.forEach(v => { once(v); once(v); once(v); });
const t: number[][] = variants.map(() => []);
for (let r = 0; r < runs; r++) variants.forEach((v, i) => t[i].push(once(v)));
const med = t.map(a => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]);
variants.forEach((v, i) => console.log(v.name, 'median', med[i].toFixed(0)));
if (med.length === 2) console.log('ratio', (med[0] / med[1]).toFixed(2));
