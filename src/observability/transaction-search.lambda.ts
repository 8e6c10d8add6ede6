import { onTransactionSearchEvent } from '../provider/handlers/transaction-search';
import type { OnEventRequest, OnEventResponse } from '../provider/handlers/types';

/** Provider-framework onEvent handler for Transaction Search: returns the physical id or throws. */
export async function handler(event: OnEventRequest): Promise<OnEventResponse> {
  return onTransactionSearchEvent(event);
}
