import { isEndpointVersionComplete } from './endpoint-version-wait';
import { log } from './log';
import { unknownType } from './on-event';
import { isSmokeTestComplete } from './smoke-test-run';
import { ENDPOINT_VERSION_TYPE, IsCompleteRequest, IsCompleteResponse, SMOKE_TEST_TYPE } from './types';

export async function isComplete(event: IsCompleteRequest): Promise<IsCompleteResponse> {
  log('isComplete', { requestType: event.RequestType, resourceType: event.ResourceType, physicalId: event.PhysicalResourceId });
  if (event.RequestType === 'Delete') return { IsComplete: true };
  switch (event.ResourceType) {
    case ENDPOINT_VERSION_TYPE: return isEndpointVersionComplete(event);
    case SMOKE_TEST_TYPE: return isSmokeTestComplete(event);
    default: throw unknownType(event);
  }
}
