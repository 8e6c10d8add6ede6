// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { BedrockAgentCoreControlClient, UpdateHarnessEndpointCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { endpointLabel, explain, getEndpoint } from './control';
import { HandlerError, isConflict } from './errors';
import { sleep, withRetries } from './retry';
import { isSettled, isSwitching, readiness } from './status';

/** Poll interval while waiting; tests shrink it with CDK_AGENTCORE_HARNESS_POLL_MS. */
export function pollIntervalMs(): number {
  const parsed = Number(process.env.CDK_AGENTCORE_HARNESS_POLL_MS);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 5000;
}

export interface WaitOptions {
  /** Epoch milliseconds after which waiting fails. */
  readonly deadline: number;
  /** The version the endpoint must serve; undefined ⇒ any, once READY and settled. */
  readonly version?: string;
  /** The version it served before our switch, for the message when another writer wins the race. */
  readonly from?: string;
}

/** Waits until the endpoint is READY, not mid-switch, and (when given) serving `version`; returns its live version. */
export async function waitForEndpoint(
  client: BedrockAgentCoreControlClient, harnessId: string, endpointName: string, options: WaitOptions,
): Promise<string> {
  const what = endpointLabel(harnessId, endpointName);
  for (;;) {
    const e = await getEndpoint(client, harnessId, endpointName);
    if (isSettled(what, e) && e.liveVersion !== undefined) {
      if (options.version === undefined || e.liveVersion === options.version) return e.liveVersion;
      throw new HandlerError(
        `${what} is READY on version ${e.liveVersion}, not ${options.version}: another writer switched it after this command did` +
        ` (it served ${options.from ?? '-'} before)`, 'conflict');
    }
    if (Date.now() >= options.deadline) {
      const state = `status ${e.status}, live version ${e.liveVersion ?? '-'}${e.targetVersion ? `, target ${e.targetVersion}` : ''}`;
      throw new HandlerError(`Timed out waiting for ${what} to become READY (${state}); raise --timeout or check the console`, 'timeout');
    }
    await sleep(Math.min(pollIntervalMs(), Math.max(0, options.deadline - Date.now())));
  }
}

export interface PointResult {
  readonly endpoint: string;
  /** What the endpoint served when the update was sent, read after every wait (never a stale value). */
  readonly previousVersion?: string;
  readonly version: string;
  readonly changed: boolean;
}

/** Another writer moved the endpoint while this command waited: nothing is sent over their change. */
function movedByAnotherWriter(what: string, from: string | undefined, now: string | undefined, version: string): HandlerError {
  return new HandlerError(
    `${what} was moved from version ${from ?? '-'} to version ${now ?? '-'} by another writer while this command waited; ` +
    `version ${version} was not sent. Check who else is promoting, then run the command again`,
    'conflict',
  );
}

/**
 * Points a named endpoint at `version` and waits for the switch. Idempotent: an endpoint already serving the
 * version is left alone. A ConflictException (the endpoint is mid-update) waits for READY and re-reads the
 * endpoint before sending again: if it now serves `version`, nothing is sent; if another writer moved it to
 * another version, the command fails naming both. `expectedFrom`, when given, is the version the caller based
 * its choice on (rollback's "the one below the live version").
 */
export async function pointEndpoint(
  client: BedrockAgentCoreControlClient, harnessId: string, endpointName: string, version: string, deadline: number, clientToken: string,
  expectedFrom?: string,
): Promise<PointResult> {
  const what = endpointLabel(harnessId, endpointName);
  const before = await getEndpoint(client, harnessId, endpointName);
  // UPDATE_FAILED may be retried (that is how a failed switch is repaired); a broken or vanishing endpoint may not.
  if (before.status !== 'UPDATE_FAILED') readiness(what, before.status, before.failureReason);
  const settled = before.status === 'READY' && !isSwitching(before.liveVersion, before.targetVersion);
  if (settled && before.liveVersion === version) {
    return { endpoint: endpointName, previousVersion: before.liveVersion, version, changed: false };
  }
  if (settled && expectedFrom !== undefined && before.liveVersion !== expectedFrom) {
    throw movedByAnotherWriter(what, expectedFrom, before.liveVersion, version);
  }
  let from = before.liveVersion;
  for (let conflicts = 0; ; conflicts++) {
    try {
      await withRetries(() => client.send(new UpdateHarnessEndpointCommand({ harnessId, endpointName, targetVersion: version, clientToken })));
      break;
    } catch (e) {
      if (!isConflict(e) || conflicts >= 5) throw explain(e, 'UpdateHarnessEndpoint', what);
    }
    // Someone else is switching it: wait, then decide again from what it serves now.
    const now = await waitForEndpoint(client, harnessId, endpointName, { deadline });
    if (now === version) return { endpoint: endpointName, previousVersion: now, version, changed: false };
    if (now !== from) throw movedByAnotherWriter(what, from, now, version);
    from = now;
  }
  await waitForEndpoint(client, harnessId, endpointName, { deadline, version, from });
  return { endpoint: endpointName, previousVersion: from, version, changed: true };
}
