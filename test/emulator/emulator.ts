import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { FaultInjector, Operation, WireError } from './faults';
import { streamReply } from './invoke-stream';
import { newReferenceState, ReferenceState, referenceHandlers, routeReference } from './references';
import { route } from './routes';
import {
  DEFAULT_ENDPOINT, defaultEndpointView, endpointArn, EndpointState, HarnessState, harnessArn, IN_PROGRESS, InvokeBehaviour,
  makeHarnessId, nowIso, renderEndpoint, renderHarness, renderVersion, Status, Timing, Transition, VersionState,
} from './state';
import { fail, HttpError, invalid, paginate, readBody, sendError, sendJson } from './wire';

/** One request as the emulator saw it, for assertions on retries and idempotency. */
export interface RecordedRequest {
  readonly operation: Operation | 'Unknown';
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: any;
  /** HTTP status sent back. */
  status: number;
}

export interface SeedVersion {
  readonly status?: Status;
  readonly failureReason?: string;
}

export interface SeedEndpoint {
  readonly name: string;
  readonly liveVersion: string;
  readonly targetVersion?: string;
  readonly status?: Status;
  readonly failureReason?: string;
}

export interface SeedHarness {
  readonly name: string;
  readonly status?: Status;
  readonly failureReason?: string;
  /** A count (versions 1..n, all READY) or explicit versions numbered from 1. */
  readonly versions?: number | SeedVersion[];
  readonly endpoints?: SeedEndpoint[];
  readonly invoke?: Partial<InvokeBehaviour>;
}

export interface EmulatorOptions {
  readonly region?: string;
  readonly account?: string;
  readonly timing?: Partial<Timing>;
}

/** The running emulator: its URL, its state, fault injection and the request log. */
export interface Emulator {
  readonly url: string;
  readonly region: string;
  readonly account: string;
  /** Harnesses by id; mutate freely to set up or inspect a scenario. */
  readonly harnesses: Map<string, HarnessState>;
  readonly faults: FaultInjector;
  readonly requests: RecordedRequest[];
  /** How long transitions take; change between steps to model a slow READY. */
  readonly timing: Timing;
  /** Emulator-wide InvokeHarness behaviour (a harness's own `invoke` wins). */
  readonly invoke: InvokeBehaviour;
  /** Gateways, memories and credential providers harnesses refer to, for their Get calls. */
  readonly references: ReferenceState;
  /**
   * CloudFormation stack statuses by stack id, for DescribeStacks. A stack not listed reads `UPDATE_IN_PROGRESS`:
   * the handlers only ask during an Update.
   */
  readonly stackStatuses: Map<string, string>;
  /** The next transition started by `operation` ends `*_FAILED` with `reason`. */
  failNextTransition(operation: 'CreateHarness' | 'UpdateHarness' | 'CreateHarnessEndpoint' | 'UpdateHarnessEndpoint', reason: string): void;
  seedHarness(seed: SeedHarness): HarnessState;
  /** Requests of one operation, in order. */
  requestsFor(operation: Operation): RecordedRequest[];
  stop(): Promise<void>;
}


const SESSION_ID = /^[a-zA-Z0-9][a-zA-Z0-9-_]{32,99}$/;
const VERSION_PATTERN = /^[1-9][0-9]{0,4}$/;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '123456789012';
  const harnesses = new Map<string, HarnessState>();
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const timing: Timing = { readsUntilReady: 1, msUntilReady: 0, ...options.timing };
  const invoke: InvokeBehaviour = { replyText: 'Hello from the emulated harness.', stopReason: 'end_turn', chunks: 3 };
  const scheduledFailures = new Map<string, string[]>();
  const tokens = new Map<string, string>();
  let idSalt = 0;
  const references = newReferenceState();
  const stackStatuses = new Map<string, string>();

  function takeScheduledFailure(operation: string): string | undefined {
    return scheduledFailures.get(operation)?.shift();
  }

  function startTransition(operation: string, settle: (failureReason?: string) => void): Transition {
    return {
      readsLeft: timing.readsUntilReady,
      readyAt: Date.now() + timing.msUntilReady,
      failureReason: takeScheduledFailure(operation),
      settle,
    };
  }

  /** A read observes the resource: count it against its transition and settle when both bounds have passed. */
  function observe(holder: { transition?: Transition }, countRead: boolean): void {
    const t = holder.transition;
    if (!t) return;
    if (t.readsLeft <= 0 && Date.now() >= t.readyAt) {
      holder.transition = undefined;
      t.settle(t.failureReason);
      return;
    }
    if (countRead) t.readsLeft -= 1;
  }

  function findHarness(id: string, countRead: boolean): HarnessState {
    const h = harnesses.get(decodeURIComponent(id));
    if (!h) fail('notFound', `Harness ${decodeURIComponent(id)}`);
    observe(h, countRead);
    if (!harnesses.has(h.harnessId)) fail('notFound', `Harness ${h.harnessId}`);
    return h;
  }

  function findEndpoint(h: HarnessState, rawName: string, countRead: boolean): EndpointState {
    const name = decodeURIComponent(rawName);
    if (name === DEFAULT_ENDPOINT) return defaultEndpointView(h);
    const e = h.endpoints.get(name);
    // The real service answers a missing endpoint with AccessDenied "... was not found", not ResourceNotFound.
    if (!e) fail('endpointNotFoundAccessDenied', `${name} of harness ${h.harnessId}`);
    observe(e, countRead);
    return e;
  }

  function requireSettled(status: Status, what: string): void {
    if (IN_PROGRESS.has(status)) {
      throw new HttpError({ status: 409, type: 'ConflictException', message: `${what} is ${status}; retry when it is READY` });
    }
  }

  function idempotent(operation: string, token: unknown, compute: () => string): string {
    if (typeof token !== 'string') return compute();
    const key = `${operation}:${token}`;
    const hit = tokens.get(key);
    if (hit !== undefined) return hit;
    const out = compute();
    tokens.set(key, out);
    return out;
  }

  function newVersion(h: HarnessState, config: Record<string, unknown>, status: Status): VersionState {
    const now = nowIso();
    const v: VersionState = { version: String(h.versions.length + 1), status, createdAt: now, updatedAt: now, config };
    h.versions.push(v);
    return v;
  }

  function requireVersion(h: HarnessState, version: unknown): string {
    if (typeof version !== 'string' || !VERSION_PATTERN.test(version)) {
      invalid(`targetVersion must match ^[1-9][0-9]{0,4}$, got ${JSON.stringify(version)}`);
    }
    const v = h.versions.find((x) => x.version === version);
    if (!v || v.status !== 'READY') invalid(`Version ${version} of harness ${h.harnessId} does not exist or is not READY`);
    return version;
  }

  type Handler = (params: string[], query: Record<string, string>, body: any, req: IncomingMessage, res: ServerResponse) => unknown;
  const handlers: Record<Operation, Handler> = {
    ...referenceHandlers(references, region, account),
    // Answered in XML by handle(), not through the JSON path.
    GetCallerIdentity: () => {
      throw new Error('GetCallerIdentity is served by handle()');
    },
    DescribeStacks: () => {
      throw new Error('DescribeStacks is served by handle()');
    },
    CreateHarness: (_p, _q, body) => JSON.parse(idempotent('CreateHarness', body.clientToken, () => {
      if (typeof body.harnessName !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/.test(body.harnessName)) {
        invalid(`harnessName must match ^[a-zA-Z][a-zA-Z0-9_]{0,39}$, got ${JSON.stringify(body.harnessName)}`);
      }
      if ([...harnesses.values()].some((x) => x.harnessName === body.harnessName)) {
        throw new HttpError({ status: 409, type: 'ConflictException', message: `Harness ${body.harnessName} already exists` });
      }
      const { clientToken: _t, harnessName: _n, ...config } = body;
      const h = createHarness(body.harnessName, 'CREATING', config);
      newVersion(h, config, 'CREATING');
      h.transition = startTransition('CreateHarness', (reason) => {
        h.status = reason ? 'CREATE_FAILED' : 'READY';
        h.failureReason = reason;
        h.versions[0].status = h.status;
        h.versions[0].failureReason = reason;
        h.updatedAt = nowIso();
      });
      return JSON.stringify({ harness: renderHarness(h) });
    })),
    GetHarness: ([id], query) => {
      const h = findHarness(id, true);
      if (query.harnessVersion) {
        const v = h.versions.find((x) => x.version === query.harnessVersion);
        if (!v) fail('notFound', `Version ${query.harnessVersion} of harness ${h.harnessId}`);
        return { harness: { ...renderHarness(h), ...v.config, harnessVersion: v.version, status: v.status } };
      }
      return { harness: renderHarness(h) };
    },
    UpdateHarness: ([id], _q, body) => JSON.parse(idempotent('UpdateHarness', body.clientToken, () => {
      const h = findHarness(id, false);
      requireSettled(h.status, `Harness ${h.harnessId}`);
      const { clientToken: _t, harnessId: _i, ...changes } = body;
      const config = { ...h.config, ...changes };
      const v = newVersion(h, config, 'UPDATING');
      h.status = 'UPDATING';
      h.failureReason = undefined;
      h.updatedAt = nowIso();
      h.transition = startTransition('UpdateHarness', (reason) => {
        v.status = reason ? 'UPDATE_FAILED' : 'READY';
        v.failureReason = reason;
        h.status = reason ? 'UPDATE_FAILED' : 'READY';
        h.failureReason = reason;
        if (!reason) {
          h.harnessVersion = v.version;
          h.config = config;
        }
        h.updatedAt = nowIso();
      });
      return JSON.stringify({ harness: renderHarness(h) });
    })),
    DeleteHarness: ([id]) => {
      const h = findHarness(id, false);
      requireSettled(h.status, `Harness ${h.harnessId}`);
      h.status = 'DELETING';
      h.transition = startTransition('DeleteHarness', () => harnesses.delete(h.harnessId));
      return { harness: renderHarness(h) };
    },
    ListTagsForResource: ([encodedArn]) => {
      const arn = decodeURIComponent(encodedArn);
      for (const h of harnesses.values()) {
        if (h.arn === arn) return { tags: h.tags ?? {} };
        for (const e of h.endpoints.values()) if (endpointArn(h, e.name) === arn) return { tags: e.tags ?? {} };
      }
      fail('notFound', `Resource ${arn}`);
    },
    ListHarnesses: (_p, query) => {
      for (const h of [...harnesses.values()]) observe(h, true);
      const { page, nextToken } = paginate([...harnesses.values()], query);
      return {
        harnesses: page.map((h) => ({
          harnessId: h.harnessId,
          harnessName: h.harnessName,
          arn: h.arn,
          status: h.status,
          createdAt: h.createdAt,
          updatedAt: h.updatedAt,
          harnessVersion: h.harnessVersion,
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    ListHarnessVersions: ([id], query) => {
      const h = findHarness(id, true);
      // Newest first, so clients that assume an order are caught.
      const { page, nextToken } = paginate([...h.versions].reverse(), query);
      return { harnessVersions: page.map((v) => renderVersion(h, v)), ...(nextToken ? { nextToken } : {}) };
    },
    CreateHarnessEndpoint: ([id], _q, body) => JSON.parse(idempotent('CreateHarnessEndpoint', body.clientToken, () => {
      const h = findHarness(id, false);
      const name = body.endpointName;
      if (typeof name !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/.test(name)) {
        invalid(`endpointName must match ^[a-zA-Z][a-zA-Z0-9_]{0,47}$, got ${JSON.stringify(name)}`);
      }
      if (name.toUpperCase() === DEFAULT_ENDPOINT || h.endpoints.has(name)) {
        throw new HttpError({ status: 409, type: 'ConflictException', message: `Endpoint ${name} already exists` });
      }
      const target = body.targetVersion === undefined ? h.harnessVersion : requireVersion(h, body.targetVersion);
      const now = nowIso();
      const e: EndpointState = {
        name, status: 'CREATING', liveVersion: target, description: body.description, createdAt: now, updatedAt: now,
      };
      e.transition = startTransition('CreateHarnessEndpoint', (reason) => {
        e.status = reason ? 'CREATE_FAILED' : 'READY';
        e.failureReason = reason;
        e.updatedAt = nowIso();
      });
      h.endpoints.set(name, e);
      return JSON.stringify({ endpoint: renderEndpoint(h, e) });
    })),
    GetHarnessEndpoint: ([id, name]) => {
      const h = findHarness(id, true);
      return { endpoint: renderEndpoint(h, findEndpoint(h, name, true)) };
    },
    UpdateHarnessEndpoint: ([id, rawName], _q, body) => JSON.parse(idempotent('UpdateHarnessEndpoint', body.clientToken, () => {
      const h = findHarness(id, false);
      if (decodeURIComponent(rawName) === DEFAULT_ENDPOINT) invalid('The DEFAULT endpoint cannot be updated');
      const e = findEndpoint(h, rawName, false);
      requireSettled(e.status, `Endpoint ${e.name}`);
      const previous = e.liveVersion;
      const target = body.targetVersion === undefined ? e.liveVersion : requireVersion(h, body.targetVersion);
      if (body.description !== undefined) e.description = body.description;
      e.status = 'UPDATING';
      e.targetVersion = target;
      e.failureReason = undefined;
      e.updatedAt = nowIso();
      e.transition = startTransition('UpdateHarnessEndpoint', (reason) => {
        e.status = reason ? 'UPDATE_FAILED' : 'READY';
        e.failureReason = reason;
        e.liveVersion = reason ? previous : target;
        e.targetVersion = undefined;
        e.updatedAt = nowIso();
      });
      return JSON.stringify({ endpoint: renderEndpoint(h, e) });
    })),
    DeleteHarnessEndpoint: ([id, rawName]) => {
      const h = findHarness(id, false);
      const e = findEndpoint(h, rawName, false);
      if (e.name === DEFAULT_ENDPOINT) invalid('The DEFAULT endpoint cannot be deleted');
      requireSettled(e.status, `Endpoint ${e.name}`);
      e.status = 'DELETING';
      e.transition = startTransition('DeleteHarnessEndpoint', () => h.endpoints.delete(e.name));
      return { endpoint: renderEndpoint(h, e) };
    },
    ListHarnessEndpoints: ([id], query) => {
      const h = findHarness(id, true);
      for (const e of [...h.endpoints.values()]) observe(e, true);
      const all = [defaultEndpointView(h), ...h.endpoints.values()];
      const { page, nextToken } = paginate(all, query);
      return { endpoints: page.map((e) => renderEndpoint(h, e)), ...(nextToken ? { nextToken } : {}) };
    },
    InvokeHarness: (_p, query, _body, req, res) => {
      const arn = query.harnessArn;
      const h = [...harnesses.values()].find((x) => x.arn === arn);
      if (!h) fail('notFound', `Harness ${arn}`);
      observe(h, true);
      if (query.qualifier && query.qualifier !== DEFAULT_ENDPOINT) findEndpoint(h, query.qualifier, true);
      const session = req.headers['x-amzn-bedrock-agentcore-runtime-session-id'];
      if (typeof session !== 'string' || !SESSION_ID.test(session)) {
        invalid(`runtimeSessionId must be 33-100 characters matching [a-zA-Z0-9][a-zA-Z0-9-_]*, got ${JSON.stringify(session)}`);
      }
      if (h.status !== 'READY' && h.status !== 'UPDATING') invalid(`Harness ${h.harnessId} is ${h.status}`);
      streamReply(res, { ...invoke, ...h.invoke });
      return STREAMED;
    },
  };

  function createHarness(name: string, status: Status, config: Record<string, unknown>): HarnessState {
    const harnessId = makeHarnessId(name, idSalt++);
    const now = nowIso();
    const h: HarnessState = {
      harnessId,
      harnessName: name,
      arn: harnessArn(region, account, harnessId),
      status,
      harnessVersion: '1',
      createdAt: now,
      updatedAt: now,
      config,
      versions: [],
      endpoints: new Map(),
    };
    harnesses.set(harnessId, h);
    return h;
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    const raw = await readBody(req);
    const { operation, params } = routeReference(req.method ?? 'GET', url.pathname) ?? route(req.method ?? 'GET', url.pathname, raw);
    let body: any = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      body = { unparsable: raw };
    }
    const record: RecordedRequest = {
      operation, method: req.method ?? '', path: url.pathname, query, headers: { ...req.headers }, body, status: 0,
    };
    requests.push(record);
    try {
      if (operation === 'Unknown') {
        throw new HttpError({ status: 404, type: 'UnknownOperationException', message: `No route for ${req.method} ${url.pathname}` });
      }
      const injected = faults.take(operation);
      if (injected && operation === 'DescribeStacks') return sendQueryError(res, record, injected);
      if (injected) throw new HttpError(injected);
      if (operation === 'DescribeStacks') {
        const stackName = new URLSearchParams(raw).get('StackName') ?? '';
        const status = stackStatuses.get(stackName) ?? 'UPDATE_IN_PROGRESS';
        record.status = 200;
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>' +
          `<StackId>${stackName}</StackId><StackName>${stackName.split('/')[1] ?? stackName}</StackName>` +
          `<CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>${status}</StackStatus>` +
          '</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>req-cfn</RequestId></ResponseMetadata></DescribeStacksResponse>');
        return;
      }
      if (operation === 'GetCallerIdentity') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          `<Arn>arn:aws:iam::${account}:user/emulator</Arn><UserId>AIDAEMULATOR</UserId><Account>${account}</Account>` +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>req-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
        return;
      }
      const out = handlers[operation](params, query, body, req, res);
      if (out === STREAMED) {
        record.status = 200;
        return;
      }
      const status = operation.startsWith('Create') ? 201 : 200;
      record.status = status;
      sendJson(res, status, out);
    } catch (e) {
      const wire = e instanceof HttpError ? e.wire : { status: 500, type: 'InternalServerException', message: String(e) };
      record.status = wire.status;
      sendError(res, wire, `req-${requests.length}`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const emulator: Emulator = {
    url: `http://127.0.0.1:${port}`,
    region,
    account,
    harnesses,
    faults,
    requests,
    timing,
    invoke,
    references,
    stackStatuses,
    failNextTransition(operation, reason) {
      const list = scheduledFailures.get(operation) ?? [];
      list.push(reason);
      scheduledFailures.set(operation, list);
    },
    seedHarness(seed) {
      const h = createHarness(seed.name, seed.status ?? 'READY', {});
      const versions: SeedVersion[] = typeof seed.versions === 'number'
        ? Array.from({ length: seed.versions }, () => ({}))
        : seed.versions ?? [{}];
      for (const v of versions) {
        const state = newVersion(h, {}, v.status ?? 'READY');
        state.failureReason = v.failureReason;
      }
      const ready = h.versions.filter((v) => v.status === 'READY');
      h.harnessVersion = ready.length ? ready[ready.length - 1].version : '1';
      h.failureReason = seed.failureReason;
      h.invoke = seed.invoke;
      for (const e of seed.endpoints ?? []) {
        const now = nowIso();
        h.endpoints.set(e.name, {
          name: e.name,
          status: e.status ?? 'READY',
          liveVersion: e.liveVersion,
          targetVersion: e.targetVersion,
          failureReason: e.failureReason,
          createdAt: now,
          updatedAt: now,
        });
      }
      return h;
    },
    requestsFor(operation) {
      return requests.filter((r) => r.operation === operation);
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return emulator;
}

const STREAMED = Symbol('streamed');

/** Query-protocol services (CloudFormation) name their errors differently from the AgentCore REST ones. */
const QUERY_ERROR_CODES: Record<string, string> = {
  ThrottlingException: 'Throttling',
  InternalServerException: 'InternalFailure',
  AccessDeniedException: 'AccessDenied',
  ValidationException: 'ValidationError',
};

function sendQueryError(res: ServerResponse, record: RecordedRequest, wire: WireError): void {
  record.status = wire.status;
  const code = QUERY_ERROR_CODES[wire.type] ?? wire.type;
  res.writeHead(wire.status, { 'content-type': 'text/xml' });
  res.end(`<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${wire.message}</Message></Error><RequestId>req-cfn-error</RequestId></ErrorResponse>`);
}
