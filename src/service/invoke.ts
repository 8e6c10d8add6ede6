// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { BedrockAgentCoreClient, InvokeHarnessCommand } from '@aws-sdk/client-bedrock-agentcore';
import { describeError, isThrottledOrServerError } from './errors';
import { withRetries } from './retry';

export interface InvokeInput {
  readonly harnessArn: string;
  /** Endpoint name; undefined ⇒ DEFAULT. */
  readonly qualifier?: string;
  readonly sessionId: string;
  readonly prompt: string;
  /** How long the stream may stay silent before the invocation fails. */
  readonly readTimeoutMs: number;
}

/** What one invocation streamed back, read to the end. */
export interface InvokeOutcome {
  readonly text: string;
  readonly stopReason?: string;
  /** The first in-stream error (or stream failure), if any. */
  readonly error?: string;
}

/**
 * Invokes the harness once and drains the event stream. Errors before the stream starts (throttling, 5xx) are
 * retried; failures inside the stream are reported, not retried, since the agent may already have acted.
 */
export async function invokeHarness(input: InvokeInput): Promise<InvokeOutcome> {
  // socketTimeout is the idle timeout that keeps running while the body streams; requestTimeout only covers
  // the time to the response headers (and by default merely warns).
  // The SDK's own retries are off (maxAttempts 1) because they also repeat timeouts. Only errors the service
  // answered with (429/5xx) are retried: the agent did not run. A timeout or a dropped connection may come after
  // the agent started acting, so it is reported instead of invoking again.
  const client = new BedrockAgentCoreClient({ maxAttempts: 1, requestHandler: { socketTimeout: input.readTimeoutMs } });
  try {
    const out = await withRetries(() => client.send(new InvokeHarnessCommand({
      harnessArn: input.harnessArn,
      qualifier: input.qualifier,
      runtimeSessionId: input.sessionId,
      messages: [{ role: 'user', content: [{ text: input.prompt }] }],
    })), { attempts: 6, retryable: isThrottledOrServerError });
    let text = '';
    let stopReason: string | undefined;
    let error: string | undefined;
    try {
      for await (const event of out.stream ?? []) {
        const delta = event.contentBlockDelta?.delta;
        if (delta && 'text' in delta && typeof delta.text === 'string') text += delta.text;
        if (event.messageStop) stopReason = event.messageStop.stopReason;
        const inStream = event.internalServerException ?? event.validationException ?? event.runtimeClientError;
        if (inStream && error === undefined) error = describeError(inStream);
      }
    } catch (e) {
      error = error ?? describeError(e);
    }
    return { text, stopReason, error };
  } finally {
    client.destroy();
  }
}
