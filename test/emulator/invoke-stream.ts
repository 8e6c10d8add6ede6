import { ServerResponse } from 'http';
import { encodeEvent, encodeException } from './event-stream';
import { InvokeBehaviour } from './state';

/** InvokeHarness's response: an event stream of messageStart, text deltas, messageStop and metadata. */
export function streamReply(res: ServerResponse, b: InvokeBehaviour): void {
  const chunks = Math.max(1, b.chunks);
  const size = Math.ceil(b.replyText.length / chunks) || 1;
  const events: Buffer[] = [encodeEvent('messageStart', { role: 'assistant' })];
  for (let i = 0; i < b.replyText.length; i += size) {
    events.push(encodeEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: b.replyText.slice(i, i + size) } }));
  }
  events.push(encodeEvent('contentBlockStop', { contentBlockIndex: 0 }));
  events.push(encodeEvent('messageStop', { stopReason: b.stopReason }));
  events.push(encodeEvent('metadata', {
    usage: { inputTokens: 12, outputTokens: b.replyText.length, totalTokens: 12 + b.replyText.length },
    metrics: { latencyMs: 5 },
  }));
  if (b.errorEvent) {
    events.splice(Math.min(b.errorAfterEvents ?? 1, events.length), events.length, encodeException(b.errorEvent.type, b.errorEvent.message));
  }
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'emulated' });
  // The service answers at once and streams as the agent works: a slow agent stalls the body, not the headers.
  res.flushHeaders();
  const write = () => {
    for (const e of events) res.write(e);
    res.end();
  };
  if (b.delayMs) {
    const timer = setTimeout(write, b.delayMs);
    res.on('close', () => clearTimeout(timer));
  } else {
    write();
  }
}
