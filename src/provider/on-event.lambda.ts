import { onEvent } from './handlers/on-event';
import type { OnEventRequest, OnEventResponse } from './handlers/types';

/** Provider-framework onEvent handler: returns the physical id or throws; never posts to the response URL. */
export async function handler(event: OnEventRequest): Promise<OnEventResponse> {
  return onEvent(event);
}
