import { createHash } from 'crypto';

export type Status =
  | 'CREATING' | 'CREATE_FAILED' | 'UPDATING' | 'UPDATE_FAILED' | 'READY' | 'DELETING' | 'DELETE_FAILED';

/** How long a transition (CREATING, UPDATING, DELETING) lasts: both bounds must pass before it settles. */
export interface Timing {
  /** Reads (Get/List) that still see the transitional status. */
  readsUntilReady: number;
  /** Milliseconds before the transition may settle. */
  msUntilReady: number;
}

/** A pending status change, settled lazily when a read observes it. */
export interface Transition {
  readsLeft: number;
  readonly readyAt: number;
  /** Set ⇒ the transition ends in `*_FAILED` with this reason. */
  readonly failureReason?: string;
  readonly settle: (failureReason?: string) => void;
}

export interface VersionState {
  readonly version: string;
  status: Status;
  failureReason?: string;
  readonly createdAt: string;
  updatedAt: string;
  readonly config: Record<string, unknown>;
}

export interface EndpointState {
  readonly name: string;
  status: Status;
  liveVersion: string;
  /** Present only while a switch is in progress (the service drops it once READY). */
  targetVersion?: string;
  description?: string;
  failureReason?: string;
  readonly createdAt: string;
  updatedAt: string;
  transition?: Transition;
  tags?: Record<string, string>;
}

/** What InvokeHarness streams back. */
export interface InvokeBehaviour {
  replyText: string;
  stopReason: string;
  /** Number of contentBlockDelta events the reply is split into. */
  chunks: number;
  /** An in-stream error frame, sent after `errorAfterEvents` events. */
  errorEvent?: { type: 'internalServerException' | 'validationException' | 'runtimeClientError'; message: string };
  errorAfterEvents?: number;
  /** Delay before the first event, to exercise the client's read timeout. */
  delayMs?: number;
}

export interface HarnessState {
  readonly harnessId: string;
  readonly harnessName: string;
  readonly arn: string;
  status: Status;
  failureReason?: string;
  /** The latest successful version; DEFAULT serves it. */
  harnessVersion: string;
  readonly createdAt: string;
  updatedAt: string;
  config: Record<string, unknown>;
  readonly versions: VersionState[];
  readonly endpoints: Map<string, EndpointState>;
  transition?: Transition;
  /** What ListTagsForResource returns for the harness (GetHarness does not return tags). */
  tags?: Record<string, string>;
  /** Overrides the emulator-wide invoke behaviour for this harness. */
  invoke?: Partial<InvokeBehaviour>;
}

export const DEFAULT_ENDPOINT = 'DEFAULT';

export const IN_PROGRESS: ReadonlySet<Status> = new Set(['CREATING', 'UPDATING', 'DELETING']);

/** The service's timestamps are RFC 3339 strings (timestampFormat date-time). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** `<name>-<10 alphanumerics>`, the service's id shape; derived from a hash so runs are reproducible. */
export function makeHarnessId(name: string, salt: number): string {
  const digest = createHash('sha256').update(`${name}#${salt}`).digest('base64').replace(/[^a-zA-Z0-9]/g, '');
  return `${name}-${digest.slice(0, 10)}`;
}

export function harnessArn(region: string, account: string, harnessId: string): string {
  return `arn:aws:bedrock-agentcore:${region}:${account}:harness/${harnessId}`;
}

export function endpointArn(harness: HarnessState, name: string): string {
  return `${harness.arn}/harness-endpoint/${name}`;
}

/** The implicit DEFAULT endpoint: always the latest version, switching while the harness updates. */
export function defaultEndpointView(harness: HarnessState): EndpointState {
  const pending = harness.versions[harness.versions.length - 1];
  const switching = harness.status === 'UPDATING' && pending && pending.version !== harness.harnessVersion;
  return {
    name: DEFAULT_ENDPOINT,
    status: harness.status === 'CREATING' || harness.status === 'UPDATING' ? harness.status : 'READY',
    liveVersion: harness.harnessVersion,
    targetVersion: switching ? pending.version : undefined,
    createdAt: harness.createdAt,
    updatedAt: harness.updatedAt,
  };
}

export function renderHarness(h: HarnessState): Record<string, unknown> {
  return {
    ...h.config,
    harnessId: h.harnessId,
    harnessName: h.harnessName,
    arn: h.arn,
    status: h.status,
    harnessVersion: h.harnessVersion,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    ...(h.failureReason ? { failureReason: h.failureReason } : {}),
  };
}

export function renderEndpoint(h: HarnessState, e: EndpointState): Record<string, unknown> {
  return {
    harnessId: h.harnessId,
    harnessName: h.harnessName,
    endpointName: e.name,
    arn: endpointArn(h, e.name),
    status: e.status,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    liveVersion: e.liveVersion,
    ...(e.targetVersion ? { targetVersion: e.targetVersion } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(e.failureReason ? { failureReason: e.failureReason } : {}),
  };
}

export function renderVersion(h: HarnessState, v: VersionState): Record<string, unknown> {
  return {
    harnessId: h.harnessId,
    harnessName: h.harnessName,
    arn: h.arn,
    harnessVersion: v.version,
    status: v.status,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    ...(v.failureReason ? { failureReason: v.failureReason } : {}),
  };
}
