/**
 * Byte form of engine state: a 4-byte magic, a format version, then the state as JSON compressed with raw DEFLATE.
 * The caller seals the bytes (the service encrypts them); compression comes first since ciphertext does not compress.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const MAGIC = Buffer.from('LSAE', 'ascii');
export const STATE_FORMAT_VERSION = 1;

export class StateFormatError extends Error {
  override name = 'StateFormatError';
}

export function encodeState(state: unknown): Buffer {
  const body = deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8'));
  return Buffer.concat([MAGIC, Buffer.from([STATE_FORMAT_VERSION]), body]);
}

export function decodeState(bytes: Uint8Array): unknown {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 5 || !buf.subarray(0, 4).equals(MAGIC)) throw new StateFormatError('not anomaly engine state');
  if (buf[4] !== STATE_FORMAT_VERSION) throw new StateFormatError(`unsupported anomaly engine state version ${buf[4]}`);
  let text: string;
  try {
    text = inflateRawSync(buf.subarray(5)).toString('utf8');
  } catch {
    throw new StateFormatError('corrupt anomaly engine state');
  }
  return JSON.parse(text) as unknown;
}
