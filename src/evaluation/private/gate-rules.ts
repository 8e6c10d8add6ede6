// Rules of the promotion evaluation gate shared by the CLI (flag parsing) and the
// pipeline step (synth-time validation), so both accept and refuse the same input.
import { CUSTOM_EVALUATOR_ARN } from '../../common/private/arn-patterns';

/** A built-in evaluator id, e.g. `Builtin.Helpfulness`. */
export const BUILTIN_EVALUATOR_ID = /^Builtin\.[A-Za-z][A-Za-z0-9]{0,63}$/;

/** A custom evaluator id: its name (a letter, then letters, digits or `_`; at most 48), `-`, ten service-chosen characters. */
export const CUSTOM_EVALUATOR_ID = /^[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}$/;

export const EVALUATOR_ID_DESCRIPTION =
  'Builtin.<Name> (e.g. Builtin.Helpfulness), a custom evaluator id <name>-<10 letters or digits>, or a custom evaluator ARN';

/** An online evaluation configuration id: the configuration's name, `-`, ten service-chosen characters. */
export const ONLINE_EVALUATION_CONFIG_ID = /^[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}$/;

/** A CloudWatch Logs log group name. */
export const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

/** Where the service writes an online evaluation configuration's results unless told otherwise. */
export const RESULTS_LOG_GROUP_PREFIX = '/aws/bedrock-agentcore/evaluations/results/';

/** Scores of built-in evaluators, and of custom ones after the service normalizes their rating scale, lie in [0, 1]. */
export const MIN_SCORE = 0;
export const MAX_SCORE = 1;

export const DEFAULT_WINDOW_MINUTES = 24 * 60;
/** Shorter windows hold too few sessions to mean anything; results are only written after a session has been idle a while. */
export const MIN_WINDOW_MINUTES = 5;
/** Log retention and the read cost (every result in the window is read) bound the window. */
export const MAX_WINDOW_MINUTES = 30 * 24 * 60;

/** Evaluated sessions required per evaluator unless told otherwise: a handful of sessions is noise, not a signal. */
export const DEFAULT_MIN_SESSIONS = 10;
export const MAX_MIN_SESSIONS = 100_000;

/** The evaluator id that results carry for a threshold given as an ARN. */
export function evaluatorIdOf(value: string): string | undefined {
  if (BUILTIN_EVALUATOR_ID.test(value) || CUSTOM_EVALUATOR_ID.test(value)) return value;
  return CUSTOM_EVALUATOR_ARN.exec(value)?.[1];
}

/** Whole minutes as the CLI's --window value: `90m`, `24h` or `7d` (days from two days on, as people say them). */
export function windowFlag(minutes: number): string {
  if (minutes % (24 * 60) === 0 && minutes >= 2 * 24 * 60) return `${minutes / (24 * 60)}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** Parses `--window`: a whole number followed by m, h or d. */
export function parseWindowMinutes(value: string): number | undefined {
  const match = /^([1-9][0-9]{0,5})(m|h|d)$/.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2] === 'm' ? n : match[2] === 'h' ? n * 60 : n * 24 * 60;
}
