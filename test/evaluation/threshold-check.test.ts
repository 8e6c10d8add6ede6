import { parseResult } from '../../src/cli/evaluation/results-log';
import { parseWindowMinutes, windowFlag } from '../../src/evaluation/private/gate-rules';
import { checkThresholds, EvaluationRecord, recordMatches } from '../../src/evaluation/private/threshold-check';

const scores = (evaluator: string, values: number[]): EvaluationRecord[] =>
  values.map((score, i) => ({ evaluator, sessionId: `s${i}`, score }));

describe('checkThresholds', () => {
  test('a mean exactly at the minimum passes despite floating-point rounding', () => {
    const verdict = checkThresholds(scores('Builtin.Helpfulness', [0.7, 0.8, 0.9, 0.7, 0.8, 0.9, 0.8]), [{ evaluatorId: 'Builtin.Helpfulness', minScore: 0.8 }], 7);
    expect(verdict.passed).toBe(true);
    expect(verdict.evaluators[0]).toMatchObject({ sessions: 7, scores: 7, unscored: 0, passed: true });
  });

  test('just below the minimum fails', () => {
    const verdict = checkThresholds(scores('Builtin.Helpfulness', [0.799, 0.8]), [{ evaluatorId: 'Builtin.Helpfulness', minScore: 0.8 }], 1);
    expect(verdict.passed).toBe(false);
    expect(verdict.evaluators[0].meanScore).toBeCloseTo(0.7995, 6);
    expect(verdict.evaluators[0].reason).toMatch(/^mean score 0\.\d{3} is below the minimum 0\.800$/);
  });

  test('a score without a session counts in the mean but not as a session; a result without a score counts in neither', () => {
    const verdict = checkThresholds([
      { evaluator: 'Builtin.Helpfulness', score: 0 },
      { evaluator: 'Builtin.Helpfulness', sessionId: 'a' },
      { evaluator: 'Builtin.Helpfulness', sessionId: 'b', score: 1 },
    ], [{ evaluatorId: 'Builtin.Helpfulness', minScore: 0.9 }], 2);
    // The session-less score counts in the mean (0.5) but not as a session (1 < 2).
    expect(verdict.evaluators[0]).toMatchObject({ meanScore: 0.5, scores: 2, sessions: 1, unscored: 1, passed: false });
    expect(verdict.evaluators[0].reason).toBe('1 evaluated session, fewer than the 2 required');
  });

  test('every threshold must hold; an evaluator without results fails', () => {
    const verdict = checkThresholds(scores('Builtin.Helpfulness', [1, 1]), [
      { evaluatorId: 'Builtin.Helpfulness', minScore: 0.5 },
      { evaluatorId: 'Builtin.Correctness', minScore: 0.5 },
    ], 2);
    expect(verdict.passed).toBe(false);
    expect(verdict.evaluators.map((e) => e.passed)).toEqual([true, false]);
    expect(verdict.evaluators[1]).toMatchObject({ meanScore: undefined, reason: 'no scores in the window' });
  });

  test('a custom evaluator matches results named by its id or its name, never another evaluator', () => {
    expect(recordMatches('tone-AbCdEfGhIj', 'tone-AbCdEfGhIj')).toBe(true);
    expect(recordMatches('tone', 'tone-AbCdEfGhIj')).toBe(true);
    expect(recordMatches('tone_2', 'tone-AbCdEfGhIj')).toBe(false);
    expect(recordMatches('Builtin', 'Builtin.Helpfulness')).toBe(false);
  });
});

describe('parseResult', () => {
  const CONFIG = 'q-a1B2c3D4e5';
  test('reads evaluator, session and a numeric or string score', () => {
    const event = (attributes: object, extra: object = {}) => JSON.stringify({ attributes, ...extra });
    expect(parseResult(event({ 'gen_ai.evaluation.name': 'Builtin.Helpfulness', 'session.id': 's', 'gen_ai.evaluation.score.value': 0.5 }), CONFIG))
      .toEqual({ evaluator: 'Builtin.Helpfulness', sessionId: 's', score: 0.5 });
    expect(parseResult(event({ 'gen_ai.evaluation.name': 'Builtin.Helpfulness', 'gen_ai.evaluation.score.value': '0.25' }), CONFIG))
      .toEqual({ evaluator: 'Builtin.Helpfulness', sessionId: undefined, score: 0.25 });
    // An error result keeps the session but has no score.
    expect(parseResult(event({ 'gen_ai.evaluation.name': 'Builtin.Helpfulness', 'session.id': 's', 'error.type': 'Timeout' }), CONFIG))
      .toEqual({ evaluator: 'Builtin.Helpfulness', sessionId: 's', score: undefined });
    // Another configuration's result in a shared log group is skipped.
    expect(parseResult(event({ 'gen_ai.evaluation.name': 'Builtin.Helpfulness' }, { onlineEvaluationConfigId: 'other-a1B2c3D4e5' }), CONFIG)).toBeUndefined();
  });

  test.each(['', 'not json', '42', 'null', '{"attributes":{}}', '{"attributes":{"gen_ai.evaluation.name":""}}'])('ignores %j', (message) => {
    expect(parseResult(message, CONFIG)).toBeUndefined();
  });
});

describe('window', () => {
  test.each<[string, number | undefined]>([['90m', 90], ['24h', 1440], ['7d', 10080], ['0h', undefined], ['1.5h', undefined], ['24', undefined], ['1w', undefined]])(
    '%s is %s minutes', (flag, minutes) => {
      expect(parseWindowMinutes(flag)).toBe(minutes);
    });
  test.each<[number, string]>([[90, '90m'], [1440, '24h'], [2880, '2d'], [1500, '25h']])('%s minutes print as %s', (minutes, flag) => {
    expect(windowFlag(minutes)).toBe(flag);
  });
});
