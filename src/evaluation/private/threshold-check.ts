// The gate's decision, kept free of I/O so that it is tested on its own and the CLI only feeds it records.

/** One evaluation result as read from the results log: which evaluator, which session, the score if there is one. */
export interface EvaluationRecord {
  readonly evaluator: string;
  readonly sessionId?: string;
  /** Undefined when the evaluator failed on that session (the record then carries an error instead). */
  readonly score?: number;
}

export interface ScoreThreshold {
  /** `Builtin.<Name>` or a custom evaluator id. */
  readonly evaluatorId: string;
  /** The mean score over the window must be at least this. */
  readonly minScore: number;
}

export interface EvaluatorFigures {
  readonly evaluatorId: string;
  readonly minScore: number;
  /** Mean of every score in the window; undefined when there is none. */
  readonly meanScore?: number;
  /** How many scores the mean is over (TRACE-level evaluators score every turn, so this can exceed `sessions`). */
  readonly scores: number;
  /** Distinct sessions with at least one score. */
  readonly sessions: number;
  /** Results without a usable score (the evaluator failed on them); they are neither passed nor counted. */
  readonly unscored: number;
  readonly passed: boolean;
  /** Why it failed, in words. */
  readonly reason?: string;
}

export interface GateVerdict {
  readonly passed: boolean;
  readonly minSessions: number;
  readonly evaluators: EvaluatorFigures[];
}

// Mean of values like 0.8, 0.8, 0.8 can land a rounding error below 0.8.
const EPSILON = 1e-9;

/**
 * A custom evaluator's results may name it by id (`name-a1B2c3D4e5`) or by name only; which one the service
 * writes is not documented, so both count (a name is unique in the account, so this cannot mix evaluators).
 */
export function recordMatches(recordEvaluator: string, evaluatorId: string): boolean {
  if (recordEvaluator === evaluatorId) return true;
  const custom = /^([a-zA-Z][a-zA-Z0-9_]{0,47})-[a-zA-Z0-9]{10}$/.exec(evaluatorId);
  return custom !== null && recordEvaluator === custom[1];
}

/**
 * Every threshold must hold: at least `minSessions` distinct evaluated sessions, and a mean score of at least
 * `minScore`. No results at all fails (missing data is never a pass).
 */
export function checkThresholds(records: readonly EvaluationRecord[], thresholds: readonly ScoreThreshold[], minSessions: number): GateVerdict {
  const evaluators = thresholds.map((t): EvaluatorFigures => {
    const mine = records.filter((r) => recordMatches(r.evaluator, t.evaluatorId));
    const scored = mine.filter((r) => r.score !== undefined && Number.isFinite(r.score));
    const sessions = new Set(scored.filter((r) => r.sessionId).map((r) => r.sessionId)).size;
    const meanScore = scored.length === 0 ? undefined : scored.reduce((sum, r) => sum + r.score!, 0) / scored.length;
    const unscored = mine.length - scored.length;
    let reason: string | undefined;
    if (scored.length === 0) {
      reason = 'no scores in the window';
    } else if (sessions < minSessions) {
      reason = `${sessions} evaluated session${sessions === 1 ? '' : 's'}, fewer than the ${minSessions} required`;
    } else if (meanScore! + EPSILON < t.minScore) {
      reason = `mean score ${formatScore(meanScore!)} is below the minimum ${formatScore(t.minScore)}`;
    }
    return {
      evaluatorId: t.evaluatorId, minScore: t.minScore, meanScore, scores: scored.length, sessions, unscored, passed: reason === undefined, reason,
    };
  });
  return { passed: evaluators.every((e) => e.passed), minSessions, evaluators };
}

export function formatScore(score: number): string {
  return score.toFixed(3);
}
