import { WaitDeadline } from './deadline';
import { isEndpointVersionComplete } from './endpoint-version-wait';
import { log } from './log';
import { unknownType } from './on-event';
import { isSmokeTestComplete } from './smoke-test-run';
import { ENDPOINT_VERSION_TYPE, IsCompleteRequest, IsCompleteResponse, SMOKE_TEST_TYPE } from './types';
import { errorMessage, HandlerError, isTransient } from '../../service/errors';

export async function isComplete(event: IsCompleteRequest): Promise<IsCompleteResponse> {
  log('isComplete', { requestType: event.RequestType, resourceType: event.ResourceType, physicalId: event.PhysicalResourceId });
  if (event.RequestType === 'Delete') return { IsComplete: true };
  try {
    switch (event.ResourceType) {
      case ENDPOINT_VERSION_TYPE: return await isEndpointVersionComplete(event);
      case SMOKE_TEST_TYPE: return await isSmokeTestComplete(event);
      default: throw unknownType(event);
    }
  } catch (e) {
    if (!isTransientFailure(e)) throw e;
    // The framework polls again after its query interval: a burst of throttling or 5xx only delays the deploy,
    // up to the operation's own deadline.
    const deadline = WaitDeadline.of(event, event.ResourceType);
    if (deadline.expired) {
      throw new HandlerError(
        `Gave up after ${deadline.elapsedSeconds} s (WaitTimeoutSeconds ${deadline.timeoutSeconds}): the service kept answering with transient errors; last: ${errorMessage(e)}`,
        'timeout',
      );
    }
    log('transient error, polling again', { physicalId: event.PhysicalResourceId, error: errorMessage(e) });
    return { IsComplete: false };
  }
}

/** Throttling, 5xx or network failures, raw or already explained. */
export function isTransientFailure(e: unknown): boolean {
  return e instanceof HandlerError ? e.kind === 'transient' : isTransient(e);
}
