import { WaitDeadline } from './deadline';
import { log } from './log';
import { smokeTestSessionId } from './physical-id';
import { ALREADY_PASSED, parseSmokeTestProps } from './smoke-test';
import { IsCompleteRequest, IsCompleteResponse, SMOKE_TEST_TYPE } from './types';
import { DEFAULT_ENDPOINT_NAME } from '../../common/private/endpoint-rules';
import { endpointLabel, explain, getEndpoint, getHarness, harnessLabel, newControlClient } from '../../service/control';
import { HandlerError, isThrottledOrServerError } from '../../service/errors';
import { invokeHarness } from '../../service/invoke';
import { isSettled, readiness } from '../../service/status';

const REPLY_EXCERPT = 500;

/** Waits for the harness (and a named endpoint) to be READY, then invokes it once and judges the reply. */
export async function isSmokeTestComplete(event: IsCompleteRequest): Promise<IsCompleteResponse> {
  // The rollback of a failed update of this test: these exact properties already passed (see onSmokeTestEvent).
  if (event.Data?.[ALREADY_PASSED] === 'true') return { IsComplete: true };
  const props = parseSmokeTestProps(event.ResourceProperties);
  const deadline = WaitDeadline.of(event, SMOKE_TEST_TYPE);
  const client = newControlClient();
  try {
    const harness = await getHarness(client, props.harnessId);
    if (readiness(harnessLabel(props.harnessId), harness.status, harness.failureReason) === 'pending') {
      deadline.check(harnessLabel(props.harnessId), harness, 'become READY before the smoke test');
      return { IsComplete: false };
    }
    if (props.qualifier !== DEFAULT_ENDPOINT_NAME) {
      const label = endpointLabel(props.harnessId, props.qualifier);
      const endpoint = await getEndpoint(client, props.harnessId, props.qualifier);
      if (!isSettled(label, endpoint)) {
        deadline.check(label, endpoint, 'become READY with liveVersion equal to targetVersion before the smoke test');
        return { IsComplete: false };
      }
    }
  } finally {
    client.destroy();
  }

  const sessionId = smokeTestSessionId(event.RequestId);
  const target = props.qualifier === DEFAULT_ENDPOINT_NAME ? harnessLabel(props.harnessId) : endpointLabel(props.harnessId, props.qualifier);
  log('invoking harness', { harnessId: props.harnessId, qualifier: props.qualifier, sessionId });
  let outcome;
  try {
    outcome = await invokeHarness({
      harnessArn: props.harnessArn,
      qualifier: props.qualifier === DEFAULT_ENDPOINT_NAME ? undefined : props.qualifier,
      sessionId,
      prompt: props.prompt,
      readTimeoutMs: props.readTimeoutSeconds * 1000,
    });
  } catch (e) {
    // A 429 or 5xx answer means the service refused the call before the agent ran, so the next poll may invoke
    // again without running the agent twice. Timeouts and dropped connections stay permanent: the agent may have acted.
    const kind = isThrottledOrServerError(e) ? 'transient' : 'other';
    throw new HandlerError(`Smoke test of ${target} failed: ${explain(e, 'InvokeHarness', target).message}`, kind);
  }

  const excerpt = JSON.stringify(outcome.text.slice(0, REPLY_EXCERPT));
  if (outcome.error !== undefined) {
    throw new HandlerError(`Smoke test of ${target} failed: the stream carried an error (${outcome.error}); stopReason=${outcome.stopReason ?? 'none'}; reply: ${excerpt}`);
  }
  if (outcome.stopReason !== 'end_turn') {
    throw new HandlerError(`Smoke test of ${target} failed: stopReason=${outcome.stopReason ?? 'none (no messageStop)'}, expected end_turn; reply: ${excerpt}`);
  }
  if (props.expectedPattern && !props.expectedPattern.test(outcome.text)) {
    throw new HandlerError(`Smoke test of ${target} failed: the reply does not match ExpectedPattern ${props.expectedPattern}; stopReason=end_turn; reply: ${excerpt}`);
  }
  return { IsComplete: true, Data: { StopReason: outcome.stopReason, SessionId: sessionId } };
}
