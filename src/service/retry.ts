import { isConflict, isTransient } from './errors';

/**
 * Base delay of our own backoff, on top of the SDK's standard retries (which give up after 3 attempts).
 * Tests shrink it with CDK_AGENTCORE_HARNESS_BACKOFF_MS so fault scenarios run in milliseconds.
 */
export function backoffBaseMs(): number {
  const raw = process.env.CDK_AGENTCORE_HARNESS_BACKOFF_MS;
  const parsed = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : 1000;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Exponential, capped at 16× the base: 1, 2, 4, 8, 16, 16, ... */
export function backoffDelay(attempt: number, base = backoffBaseMs()): number {
  return base * Math.min(16, 2 ** attempt);
}

export interface RetryOptions {
  /** Total attempts, including the first. */
  readonly attempts?: number;
  /**
   * Called after a ConflictException (the resource is CREATING or UPDATING) before the next attempt, to wait
   * until it is READY again. Without it, conflicts are not retried.
   */
  readonly onConflict?: () => Promise<void>;
  /** Which errors are worth another attempt; defaults to throttling, 5xx and connection failures. */
  readonly retryable?: (e: unknown) => boolean;
}

/**
 * A process-wide deadline (epoch ms) until which transient errors are retried regardless of the attempt count.
 * The CLI sets its --timeout here, so a long throttling burst is waited out until then; the handlers leave it
 * unset, because their caller (the framework) polls again instead.
 */
let retryUntil: number | undefined;

export function setRetryDeadline(deadline: number | undefined): void {
  retryUntil = deadline;
}

/** Runs `call`, retrying transient errors (and conflicts, when `onConflict` is given) with bounded backoff. */
export async function withRetries<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const conflict = isConflict(e) && options.onConflict !== undefined;
      const retryable = (options.retryable ?? isTransient)(e);
      const delay = backoffDelay(attempt);
      const timeLeft = retryUntil !== undefined && retryable && Date.now() + delay < retryUntil;
      if ((attempt + 1 >= attempts && !timeLeft) || !(retryable || conflict)) throw e;
      await sleep(delay);
      if (conflict) await options.onConflict!();
    }
  }
}
