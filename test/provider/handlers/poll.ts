import type { IsCompleteRequest, IsCompleteResponse } from '../../../src/provider/handlers/types';

/** Polls isComplete like the provider framework's waiter, without its 5-second interval. */
export async function pollUntilComplete(
  isComplete: (e: IsCompleteRequest) => Promise<IsCompleteResponse>,
  event: IsCompleteRequest,
  maxPolls = 20,
): Promise<{ response: IsCompleteResponse; polls: number }> {
  for (let polls = 1; polls <= maxPolls; polls++) {
    const response = await isComplete(event);
    if (response.IsComplete) return { response, polls };
  }
  throw new Error(`isComplete did not finish within ${maxPolls} polls`);
}
