// Synthesis benchmark: this library versus a hand-written CfnHarness and @aws/agentcore-cdk,
// all on the same agent definition (bench/synth/definition.ts), N = 1, 25 and 100 harnesses in one
// stack per N. Prints time, bytes and resources per harness and whether N = 100 fits one
// CloudFormation template; asserts nothing.
//
// Run with `npx projen bench` (sets CDK_VALIDATION=false: aws-cdk-lib's bundled CloudFormation
// validation is the same cost for every variant and would only blur the comparison).
// BENCH_RUNS overrides the number of timed rounds per N (default 21: each variant runs first,
// second and third in a round equally often; with 9 the paired ratio swung by 0.2 between
// identical runs of this 2-core machine). The table shows each variant's median run; the last
// line, ratio_vs_l1_n100, is the median over the rounds of this library's time divided by the raw
// L1's time in the same round, at N = 100.
import { agentCoreCdkVariant } from './synth/agentcore-cdk-variant';
import { TEMPLATE_BYTE_LIMIT, TEMPLATE_RESOURCE_LIMIT } from './synth/definition';
import { libraryVariant } from './synth/library-variant';
import { measure, medianOf, Measurement, pairedRatio, synthesize, warmUp } from './synth/measure';
import { rawL1Variant } from './synth/raw-l1-variant';
import { Variant } from './synth/variant';

const COUNTS = [1, 25, 100];
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const VARIANTS: Variant[] = [libraryVariant, rawL1Variant, agentCoreCdkVariant];

type Cell = Measurement | { error: string };

function isMeasurement(cell: Cell | undefined): cell is Measurement {
  return cell !== undefined && !('error' in cell);
}

function main(): void {
  console.log(`synthesis benchmark: median of ${RUNS} interleaved runs after warm-up; ` +
    `CDK_VALIDATION=${process.env.CDK_VALIDATION ?? '(unset)'}; node ${process.version}`);
  const results = new Map<string, Cell>();
  let samplesN100: Map<Variant, Measurement[]> | undefined;
  const key = (variant: Variant, count: number) => `${variant.name}@${count}`;

  // A variant that cannot synthesize (e.g. offline) is reported as n/a instead of failing the run.
  const runnable = VARIANTS.filter((variant) => {
    try {
      synthesize(variant, 1);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      COUNTS.forEach((count) => results.set(key(variant, count), { error: message }));
      return false;
    }
  });
  warmUp(runnable, 25, 2);
  for (const count of COUNTS) {
    const samples = measure(runnable, count, RUNS);
    for (const [variant, runs] of samples) {
      results.set(key(variant, count), medianOf(runs));
    }
    if (count === 100) samplesN100 = samples;
  }

  const rows: string[][] = [['variant', 'N', 'synth ms', '(construct', '+ app.synth)', 'ms/harness', 'resources/harness', 'template bytes/harness']];
  for (const count of COUNTS) {
    for (const variant of VARIANTS) {
      const cell = results.get(key(variant, count));
      rows.push(isMeasurement(cell)
        ? [variant.name, String(count), cell.millis.toFixed(0), cell.constructMillis.toFixed(0),
          (cell.millis - cell.constructMillis).toFixed(0), (cell.millis / count).toFixed(1),
          (cell.resources / count).toFixed(1), (cell.bytes / count).toFixed(0)]
        : [variant.name, String(count), 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
    }
  }
  printTable(rows);

  // CloudFormation refuses a template past either limit, so N harnesses either fit one stack or not.
  console.log('');
  for (const variant of VARIANTS) {
    const cell = results.get(key(variant, 100));
    if (!isMeasurement(cell)) {
      console.log(`fits N=100 (${variant.name}): n/a`);
      continue;
    }
    const fits = cell.bytes <= TEMPLATE_BYTE_LIMIT && cell.resources <= TEMPLATE_RESOURCE_LIMIT;
    console.log(`fits N=100 (${variant.name}): ${fits ? 'yes' : 'no'} (bytes ${cell.bytes.toLocaleString('en-US')} / `
      + `${TEMPLATE_BYTE_LIMIT.toLocaleString('en-US')}, resources ${cell.resources} / ${TEMPLATE_RESOURCE_LIMIT})`);
  }

  console.log('\nIAM at N=1 (whole stack, including any per-stack custom-resource provider):');
  const iamRows: string[][] = [['variant', 'statements', 'Resource "*"', 'any * in a resource']];
  for (const variant of VARIANTS) {
    const cell = results.get(key(variant, 1));
    iamRows.push(isMeasurement(cell)
      ? [variant.name, String(cell.iamStatements), String(cell.starStatements), String(cell.wildcardStatements)]
      : [variant.name, 'n/a', 'n/a', 'n/a']);
  }
  printTable(iamRows);

  const notes = VARIANTS.flatMap((variant) => {
    const lines = variant.note ? [`${variant.name}: ${variant.note}`] : [];
    for (const count of COUNTS) {
      const cell = results.get(key(variant, count));
      if (cell && !isMeasurement(cell)) lines.push(`${variant.name} N=${count}: n/a (${cell.error})`);
    }
    return lines;
  });
  if (notes.length > 0) {
    console.log('\nnotes:');
    notes.forEach((note) => console.log(`  ${note}`));
  }

  // The ratio pairs each library run with the raw L1 run of the same round (made back to
  // back), so a slow stretch of the machine cancels out instead of landing on one side.
  const rawRuns = samplesN100?.get(rawL1Variant);
  const ratioTo = (variant: Variant): string => {
    const runs = samplesN100?.get(variant);
    return runs && rawRuns ? pairedRatio(runs, rawRuns).toFixed(2) : 'n/a';
  };
  console.log(`\nN=100, synth time over the raw L1's in the same round (median of ${RUNS} rounds): ` +
    VARIANTS.filter((variant) => variant !== rawL1Variant).map((variant) => `${variant.name} ${ratioTo(variant)}`).join(', '));
  const library = results.get(key(libraryVariant, 100));
  const raw = results.get(key(rawL1Variant, 100));
  if (isMeasurement(library) && isMeasurement(raw)) {
    console.log(`(ratio of the medians in the table: ${(library.millis / raw.millis).toFixed(2)})`);
  }
  console.log(`ratio_vs_l1_n100=${ratioTo(libraryVariant)}`);
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    console.log(row.map((value, column) => (column === 0 ? value.padEnd(widths[column]) : value.padStart(widths[column]))).join('  '));
  }
}

main();
