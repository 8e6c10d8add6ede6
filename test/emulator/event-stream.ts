// Encoder for the AWS event-stream binary framing (application/vnd.amazon.eventstream),
// written from the format description so the emulator does not depend on the SDK's own codec:
// a bug shared by encoder and decoder would otherwise go unnoticed.
//
// Frame: total length (u32) | headers length (u32) | prelude CRC32 | headers | payload | message CRC32.
// Header: name length (u8) | name | type (u8, 7 = string) | value length (u16) | value.

import { crc32 as zlibCrc32 } from 'zlib';

/** CRC-32 (IEEE), as the frame's prelude and message checksums use. */
export function crc32(bytes: Uint8Array): number {
  return zlibCrc32(bytes);
}

const STRING_HEADER_TYPE = 7;

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + nameBytes.length + 1 + 2);
    head.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(head, 1);
    head.writeUInt8(STRING_HEADER_TYPE, 1 + nameBytes.length);
    head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    parts.push(head, valueBytes);
  }
  return Buffer.concat(parts);
}

export function encodeMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const headerBytes = encodeHeaders(headers);
  const total = 12 + headerBytes.length + payload.length + 4;
  const frame = Buffer.alloc(total);
  frame.writeUInt32BE(total, 0);
  frame.writeUInt32BE(headerBytes.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  headerBytes.copy(frame, 12);
  payload.copy(frame, 12 + headerBytes.length);
  frame.writeUInt32BE(crc32(frame.subarray(0, total - 4)), total - 4);
  return frame;
}

/** A modelled event of the stream union (`messageStart`, `contentBlockDelta`, ...). */
export function encodeEvent(eventType: string, body: unknown): Buffer {
  return encodeMessage(
    { ':message-type': 'event', ':event-type': eventType, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(body), 'utf8'),
  );
}

/** A modelled in-stream error (`internalServerException`, `validationException`, `runtimeClientError`). */
export function encodeException(exceptionType: string, message: string): Buffer {
  return encodeMessage(
    { ':message-type': 'exception', ':exception-type': exceptionType, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}
