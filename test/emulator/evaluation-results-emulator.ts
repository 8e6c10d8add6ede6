import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { readBody } from './wire';

/**
 * A loopback stand-in for the one CloudWatch Logs call the promotion gate makes (FilterLogEvents, awsJson1.1
 * protocol), holding online-evaluation result events in the service's shape. Separate from the AgentCore
 * emulator because it speaks another protocol on another endpoint (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS).
 */
export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
}

export interface ResultSeed {
  readonly evaluator: string;
  readonly sessionId: string;
  /** Omitted: the evaluator failed on this session (the event carries error.type instead). */
  readonly score?: number;
  /** Milliseconds before now; default 60 000. */
  readonly ageMs?: number;
  /** Default: the configuration the log group is named after. */
  readonly configId?: string;
}

export type LogsFault = 'throttling' | 'accessDenied' | 'unavailable';

export interface LogsRequest {
  readonly target: string;
  readonly body: any;
  status: number;
}

export interface EvaluationResultsEmulator {
  readonly url: string;
  readonly logGroups: Map<string, StoredEvent[]>;
  readonly requests: LogsRequest[];
  /** Events per FilterLogEvents page. */
  pageSize: number;
  /** The next `count` calls fail with `fault`. */
  inject(fault: LogsFault, count?: number): void;
  /** Appends results to `/aws/bedrock-agentcore/evaluations/results/<configId>` (created if missing). */
  addResults(configId: string, results: readonly ResultSeed[]): void;
  env(): Record<string, string>;
  stop(): Promise<void>;
}

const FAULTS: Record<LogsFault, { status: number; type: string; message: string }> = {
  throttling: { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' },
  accessDenied: { status: 400, type: 'AccessDeniedException', message: 'User is not authorized to perform: logs:FilterLogEvents' },
  unavailable: { status: 500, type: 'ServiceUnavailableException', message: 'Service unavailable' },
};

/** One result event as the service writes it: OpenTelemetry attributes plus embedded-metric-format metadata. */
export function resultEvent(configId: string, r: ResultSeed): string {
  const attributes: Record<string, unknown> = {
    'gen_ai.evaluation.name': r.evaluator,
    'session.id': r.sessionId,
    'gen_ai.evaluation.explanation': 'emulated',
  };
  if (r.score === undefined) attributes['error.type'] = 'EvaluationFailed';
  else attributes['gen_ai.evaluation.score.value'] = r.score;
  return JSON.stringify({
    'name': 'gen_ai.evaluation.result',
    attributes,
    'onlineEvaluationConfigId': r.configId ?? configId,
    'service.name': 'agent.STAGING',
    ...(r.score === undefined ? {} : { [r.evaluator]: r.score }),
    '_aws': {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{
        Namespace: 'Bedrock-AgentCore/Evaluations',
        Dimensions: [['service.name'], ['service.name', 'onlineEvaluationConfigId']],
        Metrics: [{ Name: r.evaluator, Unit: 'None' }],
      }],
    },
  });
}

export async function startEvaluationResultsEmulator(): Promise<EvaluationResultsEmulator> {
  const logGroups = new Map<string, StoredEvent[]>();
  const requests: LogsRequest[] = [];
  const armed: { fault: LogsFault; remaining: number }[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'emulated' });
    res.end(text);
  };

  const emulator: EvaluationResultsEmulator = {
    url: '',
    logGroups,
    requests,
    pageSize: 50,
    inject(fault, count = 1) {
      armed.push({ fault, remaining: count });
    },
    addResults(configId, results) {
      const name = `/aws/bedrock-agentcore/evaluations/results/${configId}`;
      const events = logGroups.get(name) ?? [];
      for (const r of results) events.push({ timestamp: Date.now() - (r.ageMs ?? 60_000), message: resultEvent(configId, r) });
      events.sort((a, b) => a.timestamp - b.timestamp);
      logGroups.set(name, events);
    },
    env() {
      return { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: this.url };
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = JSON.parse((await readBody(req)) || '{}');
    const recorded: LogsRequest = { target, body, status: 200 };
    requests.push(recorded);
    const reply = (status: number, out: unknown) => {
      recorded.status = status;
      send(res, status, out);
    };
    if (target !== 'Logs_20140328.FilterLogEvents') return reply(400, { __type: 'UnknownOperationException', message: `Not emulated: ${target}` });
    const fault = armed.find((f) => f.remaining > 0);
    if (fault) {
      fault.remaining--;
      const wire = FAULTS[fault.fault];
      return reply(wire.status, { __type: wire.type, message: wire.message });
    }
    const events = logGroups.get(body.logGroupName);
    if (!events) return reply(400, { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
    const inWindow = events.filter((e) =>
      (body.startTime === undefined || e.timestamp >= body.startTime) && (body.endTime === undefined || e.timestamp <= body.endTime));
    const start = body.nextToken ? Number(String(body.nextToken).replace(/^page-/, '')) : 0;
    const page = inWindow.slice(start, start + emulator.pageSize);
    const next = start + emulator.pageSize < inWindow.length ? `page-${start + emulator.pageSize}` : undefined;
    return reply(200, {
      events: page.map((e, i) => ({ logStreamName: 'results', timestamp: e.timestamp, ingestionTime: e.timestamp, message: e.message, eventId: `${start + i}` })),
      ...(next ? { nextToken: next } : {}),
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, { __type: 'InternalFailure', message: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  (emulator as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return emulator;
}
