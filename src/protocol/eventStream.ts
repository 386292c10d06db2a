/**
 * AWS event stream framing (`application/vnd.amazon.eventstream`), the encoder side: what a server needs to answer
 * an operation whose output is an event stream (CloudWatch Logs' StartLiveTail).
 *
 * A message is `total length (u32) | headers length (u32) | prelude CRC32 (u32) | headers | payload | message CRC32
 * (u32)`, big-endian, both CRCs the IEEE CRC-32 (the prelude's over its first 8 bytes, the message's over everything
 * before it). A header is `name length (u8) | name | type (u8) | value`; only the string type (7: `u16 length | UTF-8`)
 * is needed here. Written here rather than taken from `@smithy/eventstream-codec`: that codec is a client-side
 * package of the AWS SDK (not a runtime dependency of the server), and the encoder is these few lines over node's
 * own `zlib.crc32`. The SDK's decoder reads what this writes (the Live Tail tests go through it).
 */
import { crc32 } from 'node:zlib';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const HEADER_STRING = 7;
/** AWS's limits: a message of at most 16 MiB, headers of at most 128 KiB. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const MAX_HEADERS_BYTES = 128 * 1024;

/** Encodes one message with string headers (in the given order) and a payload. */
export function encodeMessage(headers: Readonly<Record<string, string>>, payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  let headersLength = 0;
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    if (n.length > 255) throw new RangeError(`event stream header name too long: ${name}`);
    if (v.length > 0xffff) throw new RangeError(`event stream header value too long: ${name}`);
    const h = Buffer.allocUnsafe(1 + n.length + 1 + 2 + v.length);
    h.writeUInt8(n.length, 0);
    n.copy(h, 1);
    h.writeUInt8(HEADER_STRING, 1 + n.length);
    h.writeUInt16BE(v.length, 2 + n.length);
    v.copy(h, 4 + n.length);
    parts.push(h);
    headersLength += h.length;
  }
  if (headersLength > MAX_HEADERS_BYTES) throw new RangeError('event stream headers too long');
  const total = 12 + headersLength + payload.length + 4;
  if (total > MAX_MESSAGE_BYTES) throw new RangeError('event stream message too long');
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headersLength, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  let at = 12;
  for (const h of parts) {
    h.copy(out, at);
    at += h.length;
  }
  payload.copy(out, at);
  at += payload.length;
  out.writeUInt32BE(crc32(out.subarray(0, at)), at);
  return out;
}

/** An event of the stream (`:message-type` event) with a JSON payload, as AWS's JSON protocols send them. */
export function encodeJsonEvent(eventType: string, payload: unknown): Buffer {
  return encodeMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify(payload), 'utf8'),
  );
}

/** A modelled exception of the stream (`:message-type` exception): the stream ends after it. */
export function encodeJsonException(exceptionType: string, message: string): Buffer {
  return encodeMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}

/**
 * A decoder for tests and tools: splits a buffer into messages, checking both CRCs. Returns the messages and the
 * bytes left over (an incomplete message).
 */
export function decodeMessages(buf: Buffer): { messages: { headers: Record<string, string>; payload: Buffer }[]; rest: Buffer } {
  const messages: { headers: Record<string, string>; payload: Buffer }[] = [];
  let at = 0;
  while (buf.length - at >= 12) {
    const total = buf.readUInt32BE(at);
    const headersLength = buf.readUInt32BE(at + 4);
    if (crc32(buf.subarray(at, at + 8)) !== buf.readUInt32BE(at + 8)) throw new Error('event stream prelude checksum mismatch');
    if (total < 16 || headersLength > total - 16) throw new Error('event stream message lengths are invalid');
    if (buf.length - at < total) break;
    if (crc32(buf.subarray(at, at + total - 4)) !== buf.readUInt32BE(at + total - 4)) throw new Error('event stream message checksum mismatch');
    const headers: Record<string, string> = {};
    let h = at + 12;
    const end = h + headersLength;
    while (h < end) {
      const nl = buf.readUInt8(h);
      const name = buf.toString('utf8', h + 1, h + 1 + nl);
      const type = buf.readUInt8(h + 1 + nl);
      if (type !== HEADER_STRING) throw new Error(`unsupported event stream header type ${type}`);
      const vl = buf.readUInt16BE(h + 2 + nl);
      headers[name] = buf.toString('utf8', h + 4 + nl, h + 4 + nl + vl);
      h += 4 + nl + vl;
    }
    messages.push({ headers, payload: buf.subarray(end, at + total - 4) });
    at += total;
  }
  return { messages, rest: buf.subarray(at) };
}
