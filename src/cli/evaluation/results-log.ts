// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EvaluationRecord } from '../../evaluation/private/threshold-check';
import { errorMessage, errorName, isTransient } from '../../service/errors';
import { withRetries } from '../../service/retry';
import { CliError, EXIT } from '../cli-error';

/*
 * Where online evaluation results are read from, and why there.
 *
 * The service writes every result of an online evaluation configuration as one JSON log event to the
 * configuration's result log group, `/aws/bedrock-agentcore/evaluations/results/<config id>` unless the
 * configuration names another one (documented). Each event follows the OpenTelemetry GenAI evaluation-result
 * convention: `attributes["gen_ai.evaluation.name"]` (the evaluator, e.g. Builtin.Helpfulness),
 * `attributes["gen_ai.evaluation.score.value"]`, `attributes["session.id"]`, and `attributes["error.type"]` when
 * the evaluator failed. The same events carry embedded-metric-format metadata, from which CloudWatch derives
 * metrics in the `Bedrock-AgentCore/Evaluations` namespace (namespace documented; metric name = evaluator id
 * and dimensions `service.name` / `onlineEvaluationConfigId` / `label` are only seen in AWS samples, not in the
 * reference).
 *
 * The gate reads the log, not the metrics: only the log says how many distinct sessions were evaluated (the
 * metric's sample count counts scores, and TRACE-level evaluators score every turn), the metric names and
 * dimensions are not documented, and the log needs one read permission scoped to one log group, where
 * GetMetricData can only be granted on `*`. Events carrying a different `onlineEvaluationConfigId` are skipped,
 * so a log group shared with other configurations (results written to the source log group) still works.
 */

/** Reading stops here: a gate over more results than this should use a shorter window. */
export const MAX_EVENTS = 200_000;

export interface ResultsQuery {
  readonly logGroupName: string;
  readonly configId: string;
  /** Epoch milliseconds. */
  readonly startTime: number;
  readonly endTime: number;
  /** Epoch milliseconds after which reading fails. */
  readonly deadline: number;
}

export interface ResultsRead {
  readonly records: EvaluationRecord[];
  /** False when the log group does not exist: the configuration has never written a result (or the id is wrong). */
  readonly logGroupExists: boolean;
}

export function newLogsClient(region?: string): CloudWatchLogsClient {
  return new CloudWatchLogsClient(region ? { region } : {});
}

/** Every evaluation result in the window, across pages, each page with our retries on throttling and 5xx. */
export async function readEvaluationResults(client: CloudWatchLogsClient, query: ResultsQuery): Promise<ResultsRead> {
  const records: EvaluationRecord[] = [];
  let events = 0;
  let nextToken: string | undefined;
  try {
    do {
      if (Date.now() >= query.deadline) {
        throw new CliError(`Timed out reading evaluation results from log group ${query.logGroupName} (${events} read so far); raise --timeout or shorten --window`, EXIT.timeout);
      }
      const token = nextToken;
      const page = await withRetries(() => client.send(new FilterLogEventsCommand({
        logGroupName: query.logGroupName, startTime: query.startTime, endTime: query.endTime, nextToken: token,
      })), { retryable: isTransientLogsError });
      for (const event of page.events ?? []) {
        events++;
        const record = parseResult(event.message, query.configId);
        if (record) records.push(record);
      }
      if (events > MAX_EVENTS) {
        throw new CliError(`More than ${MAX_EVENTS} events in log group ${query.logGroupName} within the window; shorten --window`, EXIT.failure);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (errorName(e) === 'ResourceNotFoundException') return { records: [], logGroupExists: false };
    if (errorName(e) === 'AccessDeniedException') {
      throw new CliError(`Access denied: reading evaluation results needs logs:FilterLogEvents on log group ${query.logGroupName} (${errorMessage(e)})`, EXIT.accessDenied);
    }
    throw new CliError(`FilterLogEvents on log group ${query.logGroupName} failed: ${errorName(e)}: ${errorMessage(e)}`, EXIT.failure);
  }
  return { records, logGroupExists: true };
}

/** CloudWatch Logs answers throttling with HTTP 400 and these names, which the generic check does not know. */
function isTransientLogsError(e: unknown): boolean {
  return isTransient(e) || ['ThrottlingException', 'ServiceUnavailableException', 'LimitExceededException'].includes(errorName(e));
}

type Json = Record<string, unknown>;

/** One log event as an evaluation result, or undefined when it is not one (or belongs to another configuration). */
export function parseResult(message: string | undefined, configId: string): EvaluationRecord | undefined {
  if (!message) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const event = parsed as Json;
  const owner = event.onlineEvaluationConfigId;
  if (typeof owner === 'string' && owner !== configId) return undefined;
  const attributes = (typeof event.attributes === 'object' && event.attributes !== null ? event.attributes : {}) as Json;
  const evaluator = attributes['gen_ai.evaluation.name'];
  if (typeof evaluator !== 'string' || evaluator === '') return undefined;
  const sessionId = attributes['session.id'];
  const raw = attributes['gen_ai.evaluation.score.value'];
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : undefined;
  return {
    evaluator,
    sessionId: typeof sessionId === 'string' && sessionId !== '' ? sessionId : undefined,
    score: score !== undefined && Number.isFinite(score) && attributes['error.type'] === undefined ? score : undefined,
  };
}
