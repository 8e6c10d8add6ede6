import { Properties } from './properties';
import { IsCompleteRequest } from './types';
import { EndpointView } from '../../service/control';
import { HandlerError } from '../../service/errors';

/**
 * onEvent Data key (merged into every isComplete request by the framework): when the operation started, in epoch
 * milliseconds. isComplete calls are stateless, so this is how a poll knows how long the wait has lasted. It is
 * taken at run time by onEvent, never rendered into the template.
 */
export const STARTED_AT = 'StartedAt';

/** Property with the wait deadline, in seconds. */
export const WAIT_TIMEOUT_PROPERTY = 'WaitTimeoutSeconds';

/**
 * Without WaitTimeoutSeconds: 20 minutes, so a stuck wait fails with its own message well before the provider's
 * 45-minute total timeout, leaving room for a 15-minute smoke-test invocation after the wait.
 */
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 20 * 60;

export function startedAtData(now = Date.now()): Record<string, string> {
  return { [STARTED_AT]: String(now) };
}

/** How long a wait of one custom-resource operation may last, measured from when onEvent ran. */
export class WaitDeadline {
  public static of(event: IsCompleteRequest, resourceType: string, now = Date.now()): WaitDeadline {
    const timeoutSeconds = new Properties(resourceType, event.ResourceProperties).seconds(WAIT_TIMEOUT_PROPERTY, DEFAULT_WAIT_TIMEOUT_SECONDS);
    const raw = Number(event.Data?.[STARTED_AT]);
    // An operation started by an older handler carries no start time; the framework's total timeout still bounds it.
    return new WaitDeadline(Number.isFinite(raw) ? raw : undefined, timeoutSeconds, now);
  }

  private constructor(private readonly startedAtMs: number | undefined, public readonly timeoutSeconds: number, private readonly now: number) {}

  public get elapsedSeconds(): number {
    return this.startedAtMs === undefined ? 0 : Math.max(0, Math.round((this.now - this.startedAtMs) / 1000));
  }

  public get expired(): boolean {
    return this.startedAtMs !== undefined && this.now - this.startedAtMs >= this.timeoutSeconds * 1000;
  }

  /** Throws once the deadline has passed, naming what was awaited and the state it was last seen in. */
  public check(what: string, view: EndpointView | undefined, waitingFor: string): void {
    if (!this.expired) return;
    const state = view === undefined
      ? 'its state could not be read'
      : `status ${view.status ?? 'unknown'}, liveVersion ${view.liveVersion ?? 'none'}, targetVersion ${view.targetVersion ?? 'none'}`;
    throw new HandlerError(
      `Gave up waiting for ${what} to ${waitingFor} after ${this.elapsedSeconds} s (${WAIT_TIMEOUT_PROPERTY} ${this.timeoutSeconds}): ${state}`,
      'timeout',
    );
  }
}
