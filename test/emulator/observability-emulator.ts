import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { localClientEnv } from './client-env';
import { readBody } from './wire';

/**
 * A loopback stand-in for the X-Ray (restJson: POST /<Operation>) and CloudWatch Logs (awsJson1.1:
 * X-Amz-Target) calls that enable Transaction Search, holding the account's trace destination, its indexing
 * rule and its Logs resource policies. One server answers both protocols; the SDK clients reach it through
 * AWS_ENDPOINT_URL_XRAY and AWS_ENDPOINT_URL_CLOUDWATCH_LOGS.
 */
export type ObservabilityFault = 'throttling' | 'accessDenied' | 'unavailable';

export interface ObservabilityRequest {
  /** `xray:GetTraceSegmentDestination`, `logs:PutResourcePolicy`, ... */
  readonly operation: string;
  readonly body: any;
  status: number;
}

export interface ObservabilityEmulator {
  readonly url: string;
  readonly region: string;
  destination: 'XRay' | 'CloudWatchLogs';
  destinationStatus: 'ACTIVE' | 'PENDING';
  /** The Default rule's desired sampling percentage. */
  indexingPercentage: number;
  readonly resourcePolicies: Map<string, string>;
  readonly requests: ObservabilityRequest[];
  /** The next `count` calls of `operation` (or of any operation, when omitted) fail with `fault`. */
  inject(fault: ObservabilityFault, count?: number, operation?: string): void;
  /** Operations the handler called, in order, with faulted attempts left out. */
  succeeded(): string[];
  env(): Record<string, string>;
  stop(): Promise<void>;
}

function faultFor(fault: ObservabilityFault, operation: string): { status: number; type: string; message: string } {
  switch (fault) {
    // X-Ray names its throttling error ThrottledException (HTTP 429); Logs uses ThrottlingException (400).
    case 'throttling': return operation.startsWith('xray:')
      ? { status: 429, type: 'ThrottledException', message: 'Rate exceeded' }
      : { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' };
    case 'accessDenied': return {
      status: operation.startsWith('xray:') ? 403 : 400,
      type: 'AccessDeniedException',
      message: `User: arn:aws:sts::123456789012:assumed-role/handler is not authorized to perform: ${operation}`,
    };
    case 'unavailable': return { status: 503, type: 'ServiceUnavailableException', message: 'Service unavailable' };
  }
}

export async function startObservabilityEmulator(region = 'us-east-1'): Promise<ObservabilityEmulator> {
  const armed: { fault: ObservabilityFault; remaining: number; operation?: string }[] = [];

  const emulator: ObservabilityEmulator = {
    url: '',
    region,
    destination: 'XRay',
    destinationStatus: 'ACTIVE',
    indexingPercentage: 1,
    resourcePolicies: new Map(),
    requests: [],
    inject(fault, count = 1, operation) {
      armed.push({ fault, remaining: count, operation });
    },
    succeeded() {
      return this.requests.filter((r) => r.status === 200).map((r) => r.operation);
    },
    env() {
      return {
        AWS_ENDPOINT_URL_XRAY: this.url,
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: this.url,
        ...localClientEnv(region),
        CDK_AGENTCORE_HARNESS_LOG: 'off',
      };
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function xray(operation: string, body: any): { status: number; out: unknown; type?: string } {
    switch (operation) {
      case 'GetTraceSegmentDestination':
        return { status: 200, out: { Destination: emulator.destination, Status: emulator.destinationStatus } };
      case 'UpdateTraceSegmentDestination':
        if (body.Destination !== 'XRay' && body.Destination !== 'CloudWatchLogs') {
          return { status: 400, type: 'InvalidRequestException', out: { message: `Invalid Destination ${body.Destination}` } };
        }
        emulator.destination = body.Destination;
        // The switch settles later in the real service; callers must accept PENDING.
        emulator.destinationStatus = 'PENDING';
        return { status: 200, out: { Destination: emulator.destination, Status: emulator.destinationStatus } };
      case 'UpdateIndexingRule': {
        const pct = body.Rule?.Probabilistic?.DesiredSamplingPercentage;
        if (body.Name !== 'Default' || typeof pct !== 'number' || pct <= 0 || pct > 100) {
          return { status: 400, type: 'InvalidRequestException', out: { message: 'Invalid indexing rule' } };
        }
        emulator.indexingPercentage = pct;
        return { status: 200, out: { IndexingRule: { Name: 'Default', Rule: { Probabilistic: { DesiredSamplingPercentage: pct } } } } };
      }
      case 'GetIndexingRules':
        return { status: 200, out: { IndexingRules: [{ Name: 'Default', Rule: { Probabilistic: { DesiredSamplingPercentage: emulator.indexingPercentage } } }] } };
      default:
        return { status: 404, type: 'UnknownOperationException', out: { message: `Not emulated: ${operation}` } };
    }
  }

  function logs(operation: string, body: any): { status: number; out: unknown; type?: string } {
    switch (operation) {
      case 'PutResourcePolicy':
        if (typeof body.policyName !== 'string' || typeof body.policyDocument !== 'string') {
          return { status: 400, type: 'InvalidParameterException', out: { message: 'policyName and policyDocument are required' } };
        }
        JSON.parse(body.policyDocument);
        emulator.resourcePolicies.set(body.policyName, body.policyDocument);
        return { status: 200, out: { resourcePolicy: { policyName: body.policyName, policyDocument: body.policyDocument } } };
      case 'DescribeResourcePolicies':
        return {
          status: 200,
          out: { resourcePolicies: [...emulator.resourcePolicies].map(([policyName, policyDocument]) => ({ policyName, policyDocument })) },
        };
      default:
        return { status: 400, type: 'UnknownOperationException', out: { message: `Not emulated: ${operation}` } };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const target = req.headers['x-amz-target'];
    const text = await readBody(req);
    const body = text ? JSON.parse(text) : {};
    const isLogs = typeof target === 'string';
    const operation = isLogs ? `logs:${String(target).replace(/^Logs_20140328\./, '')}` : `xray:${(req.url ?? '').replace(/^\//, '').split('?')[0]}`;
    const recorded: ObservabilityRequest = { operation, body, status: 200 };
    emulator.requests.push(recorded);

    const reply = (status: number, out: unknown, type?: string) => {
      recorded.status = status;
      const payload = JSON.stringify(isLogs && type ? { __type: type, ...(out as object) } : out);
      const headers: Record<string, string | number> = {
        'content-type': isLogs ? 'application/x-amz-json-1.1' : 'application/json',
        'content-length': Buffer.byteLength(payload),
        'x-amzn-requestid': 'emulated',
      };
      if (!isLogs && type) headers['x-amzn-errortype'] = type;
      res.writeHead(status, headers);
      res.end(payload);
    };

    const fault = armed.find((f) => f.remaining > 0 && (f.operation === undefined || f.operation === operation));
    if (fault) {
      fault.remaining--;
      const wire = faultFor(fault.fault, operation);
      return reply(wire.status, { message: wire.message }, wire.type);
    }
    const name = operation.slice(operation.indexOf(':') + 1);
    const result = isLogs ? logs(name, body) : xray(name, body);
    return reply(result.status, result.out, result.type);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(e) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  (emulator as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return emulator;
}
