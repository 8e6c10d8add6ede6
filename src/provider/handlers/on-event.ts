import { onEndpointVersionEvent } from './endpoint-version';
import { log } from './log';
import { onSmokeTestEvent } from './smoke-test';
import {
  ENDPOINT_VERSION_TYPE, OnEventRequest, OnEventResponse, SMOKE_TEST_TYPE,
} from './types';
import { HandlerError } from '../../service/errors';

export function unknownType(event: OnEventRequest): HandlerError {
  return new HandlerError(
    `Unknown ResourceType ${JSON.stringify(event.ResourceType)}: this provider handles ${ENDPOINT_VERSION_TYPE} and ${SMOKE_TEST_TYPE}`,
  );
}

export async function onEvent(event: OnEventRequest): Promise<OnEventResponse> {
  log('onEvent', { requestType: event.RequestType, resourceType: event.ResourceType, logicalId: event.LogicalResourceId, physicalId: event.PhysicalResourceId });
  // Neither resource leaves anything to clean up; deleting something we never created (or no longer know)
  // must not block a stack deletion either.
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  switch (event.ResourceType) {
    case ENDPOINT_VERSION_TYPE: return onEndpointVersionEvent(event);
    case SMOKE_TEST_TYPE: return onSmokeTestEvent(event);
    default: throw unknownType(event);
  }
}
