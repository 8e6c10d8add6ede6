import { IncomingMessage, ServerResponse } from 'http';
import { WireError, wireErrorFor } from './faults';

const PAGE_SIZE = 10;

/** Thrown by operations; the server turns it into a restJson error response. */
export class HttpError extends Error {
  constructor(public readonly wire: WireError) {
    super(wire.message);
  }
}

export function fail(kind: Parameters<typeof wireErrorFor>[0], what: string): never {
  throw new HttpError(wireErrorFor(kind, what));
}

export function invalid(message: string): never {
  throw new HttpError({ status: 400, type: 'ValidationException', message });
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function paginate<T>(items: T[], query: Record<string, string>): { page: T[]; nextToken?: string } {
  const start = query.nextToken ? Number(query.nextToken.replace(/^page-/, '')) : 0;
  if (!Number.isInteger(start) || start < 0) invalid(`Invalid nextToken ${query.nextToken}`);
  const size = query.maxResults ? Number(query.maxResults) : PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > 100) invalid(`maxResults must be 1-100, got ${query.maxResults}`);
  const page = items.slice(start, start + size);
  return { page, nextToken: start + size < items.length ? `page-${start + size}` : undefined };
}

/** Starts the emulator on 127.0.0.1 with a random port. */

export function sendJson(res: ServerResponse, status: number, out: unknown): void {
  const text = JSON.stringify(out);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'emulated' });
  res.end(text);
}

/** restJson errors: the type in x-amzn-errortype and in the body's __type, with a message. */
export function sendError(res: ServerResponse, wire: WireError, requestId: string): void {
  res.writeHead(wire.status, { 'content-type': 'application/json', 'x-amzn-errortype': wire.type, 'x-amzn-requestid': requestId });
  res.end(JSON.stringify({ __type: wire.type, message: wire.message }));
}
