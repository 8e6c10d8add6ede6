// Times one synthesis of N harnesses: construction plus app.synth(), as `cdk synth` would run them.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as def from './definition';
import { statsOf, TemplateStats } from './template-stats';
import { Variant } from './variant';

export interface Measurement extends TemplateStats {
  /** Construction plus synthesis. */
  readonly millis: number;
  /** Construction only: the constructors and add*() calls. */
  readonly constructMillis: number;
}

const OUT_ROOT = path.resolve(__dirname, '..', 'out');

export function synthesize(variant: Variant, count: number): Measurement {
  const outdir = path.join(OUT_ROOT, variant.name.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, ''), String(count));
  fs.rmSync(outdir, { recursive: true, force: true });

  const started = process.hrtime.bigint();
  // Metadata stack traces only slow synthesis down; off for every variant alike. Creation stack
  // traces stay on (aws-cdk-lib's default), as in a user's app.
  // The resource limit check is off so a variant past it still reports its figures (and `fits: no`).
  const app = new App({ outdir, stackTraces: false, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  // One stack for all N: whether N harnesses fit CloudFormation's template limits is a figure of its own.
  const stack = new Stack(app, 'Bench', { env: def.BENCH_ENV });
  for (let index = 0; index < count; index++) {
    variant.addHarness(stack, index);
  }
  const constructed = process.hrtime.bigint();
  const assembly = app.synth();
  const finished = process.hrtime.bigint();

  return {
    millis: Number(finished - started) / 1e6,
    constructMillis: Number(constructed - started) / 1e6,
    ...statsOf(assembly.stacks),
  };
}

/** Loads every module and lets the JIT settle before anything is timed. */
export function warmUp(variants: Variant[], count: number, rounds: number): void {
  for (let round = 0; round < rounds; round++) {
    variants.forEach((variant) => synthesize(variant, count));
  }
}

/** The timed runs of each variant, in run order (index i of every variant is the same round). */
export type Samples = Map<Variant, Measurement[]>;

/**
 * `runs` timed rounds. Each round synthesizes every variant once, back to back, so a
 * slow phase of the machine (GC, another process) hits every variant alike instead of
 * one; the order rotates from round to round, as a variant that always ran right after
 * another would pay for the garbage the other left behind.
 */
export function measure(variants: Variant[], count: number, runs: number): Samples {
  const samples: Samples = new Map(variants.map((variant) => [variant, []]));
  for (let run = 0; run < runs; run++) {
    const shift = run % variants.length;
    for (const variant of [...variants.slice(shift), ...variants.slice(0, shift)]) {
      samples.get(variant)!.push(synthesize(variant, count));
    }
  }
  return samples;
}

/** The run with the median time. */
export function medianOf(runs: Measurement[]): Measurement {
  const sorted = [...runs].sort((a, b) => a.millis - b.millis);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The median over the rounds of `a`'s time divided by `b`'s in the same round: a paired
 * comparison, so a slow stretch of the machine that spans a round cancels out.
 */
export function pairedRatio(a: Measurement[], b: Measurement[]): number {
  const ratios = a.map((run, round) => run.millis / b[round].millis).sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)];
}
