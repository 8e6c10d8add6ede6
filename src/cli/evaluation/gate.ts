import { ONLINE_EVALUATION_CONFIG_ARN } from '../../common/private/arn-patterns';
import { ParsedArgs, flag } from '../args';
import { CliError, EXIT } from '../cli-error';
import { table } from '../output';
import { newLogsClient, readEvaluationResults } from './results-log';
import {
  DEFAULT_MIN_SESSIONS, DEFAULT_WINDOW_MINUTES, EVALUATOR_ID_DESCRIPTION, evaluatorIdOf, LOG_GROUP_NAME, MAX_MIN_SESSIONS,
  MAX_SCORE, MAX_WINDOW_MINUTES, MIN_SCORE, MIN_WINDOW_MINUTES, ONLINE_EVALUATION_CONFIG_ID,
  parseWindowMinutes, RESULTS_LOG_GROUP_PREFIX, windowFlag,
} from '../../evaluation/private/gate-rules';
import { checkThresholds, EvaluatorFigures, formatScore, GateVerdict, ScoreThreshold } from '../../evaluation/private/threshold-check';

/** What `--evaluation-config ... --min-score ...` asks of the source endpoint's results. */
export interface EvaluationGateOptions {
  readonly configId: string;
  /** The region named by a configuration ARN. */
  readonly region?: string;
  readonly logGroupName: string;
  readonly thresholds: ScoreThreshold[];
  readonly windowMinutes: number;
  readonly minSessions: number;
}

const GATE_FLAGS = ['min-score', 'window', 'min-sessions', 'evaluation-log-group'] as const;

/** The gate asked for on the command line, or undefined when none was. Every mistake is a usage error (exit 2). */
export function parseEvaluationGate(args: ParsedArgs): EvaluationGateOptions | undefined {
  const config = flag(args, 'evaluation-config');
  if (config === undefined) {
    const stray = GATE_FLAGS.find((f) => flag(args, f) !== undefined);
    if (stray) throw new CliError(`--${stray} needs --evaluation-config <id|arn>: the online evaluation configuration whose results gate the promotion`, EXIT.usage);
    return undefined;
  }
  const arn = ONLINE_EVALUATION_CONFIG_ARN.exec(config);
  const configId = arn ? arn[3] : config;
  if (!ONLINE_EVALUATION_CONFIG_ID.test(configId)) {
    throw new CliError(
      `--evaluation-config ${JSON.stringify(config)} is neither an online evaluation configuration id (<name>-<10 letters or digits>, ` +
      'e.g. staging_quality-a1B2c3D4e5) nor its ARN (arn:<partition>:bedrock-agentcore:<region>:<account>:online-evaluation-config/<id>)',
      EXIT.usage,
    );
  }
  const rawScores = flag(args, 'min-score');
  if (rawScores === undefined) throw new CliError('--evaluation-config needs at least one --min-score <evaluator>=<0..1>', EXIT.usage);
  const thresholds = rawScores.split(',').map(parseMinScore);
  const seen = new Set<string>();
  for (const t of thresholds) {
    if (seen.has(t.evaluatorId)) throw new CliError(`--min-score names ${t.evaluatorId} twice`, EXIT.usage);
    seen.add(t.evaluatorId);
  }

  const rawWindow = flag(args, 'window');
  const windowMinutes = rawWindow === undefined ? DEFAULT_WINDOW_MINUTES : parseWindowMinutes(rawWindow);
  if (windowMinutes === undefined || windowMinutes < MIN_WINDOW_MINUTES || windowMinutes > MAX_WINDOW_MINUTES) {
    throw new CliError(
      `--window ${JSON.stringify(rawWindow)} must be a whole number of minutes, hours or days (e.g. 90m, 24h, 7d) ` +
      `from ${windowFlag(MIN_WINDOW_MINUTES)} to ${windowFlag(MAX_WINDOW_MINUTES)}`,
      EXIT.usage,
    );
  }

  const rawSessions = flag(args, 'min-sessions');
  const minSessions = rawSessions === undefined ? DEFAULT_MIN_SESSIONS : Number(rawSessions);
  if (!/^[0-9]+$/.test(rawSessions ?? '1') || !Number.isInteger(minSessions) || minSessions < 1 || minSessions > MAX_MIN_SESSIONS) {
    throw new CliError(`--min-sessions ${JSON.stringify(rawSessions)} must be a whole number from 1 to ${MAX_MIN_SESSIONS}`, EXIT.usage);
  }

  const logGroupName = flag(args, 'evaluation-log-group') ?? `${RESULTS_LOG_GROUP_PREFIX}${configId}`;
  if (!LOG_GROUP_NAME.test(logGroupName)) {
    throw new CliError(`--evaluation-log-group ${JSON.stringify(logGroupName)} is not a log group name (1-512 of letters, digits and . - _ / #)`, EXIT.usage);
  }
  return { configId, region: arn?.[1], logGroupName, thresholds, windowMinutes, minSessions };
}

function parseMinScore(item: string): ScoreThreshold {
  const eq = item.lastIndexOf('=');
  const evaluator = eq === -1 ? item : item.slice(0, eq);
  const rawScore = eq === -1 ? '' : item.slice(eq + 1);
  const evaluatorId = evaluatorIdOf(evaluator);
  if (evaluatorId === undefined) {
    throw new CliError(`--min-score ${JSON.stringify(item)}: ${JSON.stringify(evaluator)} is not an evaluator; give ${EVALUATOR_ID_DESCRIPTION}, then =<score>`, EXIT.usage);
  }
  const minScore = Number(rawScore);
  if (!/^[0-9.]+$/.test(rawScore) || !Number.isFinite(minScore) || minScore < MIN_SCORE || minScore > MAX_SCORE) {
    throw new CliError(`--min-score ${JSON.stringify(item)}: the minimum score must be a number from ${MIN_SCORE} to ${MAX_SCORE} (evaluation scores are normalized to that range)`, EXIT.usage);
  }
  return { evaluatorId, minScore };
}

export interface GateContext {
  /** The region of the harness (the configuration's ARN region wins). */
  readonly region?: string;
  readonly deadline: number;
  /** What is about to happen, for the refusal message. */
  readonly promotion: string;
}

export interface GateOutcome {
  readonly human: string;
  readonly json: unknown;
}

/** Reads the results and passes, or throws a CliError with exit code 7 carrying every figure. */
export async function runEvaluationGate(options: EvaluationGateOptions, ctx: GateContext): Promise<GateOutcome> {
  const endTime = Date.now();
  const startTime = endTime - options.windowMinutes * 60_000;
  const client = newLogsClient(options.region ?? ctx.region);
  let read;
  try {
    read = await readEvaluationResults(client, {
      logGroupName: options.logGroupName, configId: options.configId, startTime, endTime, deadline: ctx.deadline,
    });
  } finally {
    client.destroy();
  }
  const verdict = checkThresholds(read.records, options.thresholds, options.minSessions);
  const window = `last ${windowFlag(options.windowMinutes)} (${new Date(startTime).toISOString()} to ${new Date(endTime).toISOString()})`;
  const heading = `online evaluation config ${options.configId}, log group ${options.logGroupName}, ${window}, ` +
    `at least ${options.minSessions} evaluated session${options.minSessions === 1 ? '' : 's'} per evaluator`;
  const rows = figuresTable(verdict);
  const json = {
    passed: verdict.passed,
    onlineEvaluationConfigId: options.configId,
    logGroupName: options.logGroupName,
    logGroupExists: read.logGroupExists,
    window: windowFlag(options.windowMinutes),
    startTime: new Date(startTime).toISOString(),
    endTime: new Date(endTime).toISOString(),
    minSessions: options.minSessions,
    evaluators: verdict.evaluators,
  };
  if (!verdict.passed) {
    const missing = read.logGroupExists ? '' :
      `\nLog group ${options.logGroupName} does not exist: the configuration has not written any result yet, or the id is wrong (or it writes elsewhere: --evaluation-log-group).`;
    throw new EvaluationGateError(`Evaluation gate refused ${ctx.promotion}: ${heading}\n${rows}${missing}`, json);
  }
  return { human: `Evaluation gate passed: ${heading}\n${rows}`, json };
}

/** A refusal: exit code 7, with the figures also available as JSON. */
export class EvaluationGateError extends CliError {
  constructor(message: string, public readonly figures: unknown) {
    super(message, EXIT.evaluationGate);
    this.name = 'EvaluationGateError';
  }
}

function figuresTable(verdict: GateVerdict): string {
  return table(
    ['  EVALUATOR', 'RESULT', 'MEAN', 'MINIMUM', 'SESSIONS', 'SCORES', 'FAILED', 'WHY'],
    verdict.evaluators.map((e: EvaluatorFigures) => [
      `  ${e.evaluatorId}`, e.passed ? 'pass' : 'FAIL', e.meanScore === undefined ? '-' : formatScore(e.meanScore),
      formatScore(e.minScore), String(e.sessions), String(e.scores), String(e.unscored), e.reason ?? '',
    ]),
  );
}
