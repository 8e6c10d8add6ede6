import { Measurement, medianOf, pairedRatio } from '../../bench/synth/measure';

const run = (millis: number): Measurement =>
  ({ millis, constructMillis: 0, resources: 0, bytes: 0, iamStatements: 0, starStatements: 0, wildcardStatements: 0 });

describe('benchmark statistics', () => {
  test('medianOf picks the middle run by time, whatever the order', () => {
    expect(medianOf([run(30), run(10), run(20), run(50), run(40)]).millis).toBe(30);
  });

  test('pairedRatio is the median of per-round ratios, not the ratio of medians', () => {
    // Round 3 was a slow stretch for both variants: it cancels out within the round.
    const library = [run(120), run(130), run(600), run(125), run(118)];
    const raw = [run(100), run(100), run(500), run(100), run(100)];
    expect(pairedRatio(library, raw)).toBeCloseTo(1.2);
    // The ratio of medians here would be 125 / 100.
    expect(medianOf(library).millis / medianOf(raw).millis).toBeCloseTo(1.25);
  });
});
