import { HandlerError } from './errors';

/** What a harness or endpoint status means for a waiter. */
export type Readiness = 'ready' | 'pending';

/**
 * `READY` ⇒ ready; `CREATING`/`UPDATING` ⇒ keep waiting; `*_FAILED` ⇒ throw with the service's reason;
 * `DELETING` ⇒ throw, since it will never become READY again.
 */
export function readiness(what: string, status: string | undefined, failureReason: string | undefined): Readiness {
  switch (status) {
    case 'READY':
      return 'ready';
    case 'CREATING':
    case 'UPDATING':
      return 'pending';
    case 'CREATE_FAILED':
    case 'UPDATE_FAILED':
    case 'DELETE_FAILED':
      throw new HandlerError(`${what} is ${status}: ${failureReason ?? 'the service gave no failureReason'}`, 'failedStatus');
    case 'DELETING':
      throw new HandlerError(`${what} is DELETING and will not become READY`, 'failedStatus');
    default:
      throw new HandlerError(`${what} has an unknown status ${JSON.stringify(status)}; expected READY, CREATING or UPDATING`);
  }
}

/** An endpoint stays mid-switch while targetVersion is set and differs from liveVersion. */
export function isSwitching(liveVersion: string | undefined, targetVersion: string | undefined): boolean {
  return targetVersion !== undefined && targetVersion !== '' && targetVersion !== liveVersion;
}

/** READY and not mid-switch; throws as `readiness` does for a failed or deleting resource. */
export function isSettled(
  what: string,
  view: { readonly status?: string; readonly failureReason?: string; readonly liveVersion?: string; readonly targetVersion?: string },
): boolean {
  return readiness(what, view.status, view.failureReason) === 'ready' && !isSwitching(view.liveVersion, view.targetVersion);
}
