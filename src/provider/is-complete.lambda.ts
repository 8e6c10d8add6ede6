import { isComplete } from './handlers/is-complete';
import type { IsCompleteRequest, IsCompleteResponse } from './handlers/types';

/** Provider-framework isComplete handler: polled until it returns IsComplete=true or throws. */
export async function handler(event: IsCompleteRequest): Promise<IsCompleteResponse> {
  return isComplete(event);
}
