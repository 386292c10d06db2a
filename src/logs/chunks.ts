/**
 * The stored form of a batch of events: a column layout (no per-event objects), compressed, then encrypted with
 * AES-256-GCM under a data key (docs/decisions/0006-log-storage.md).
 *
 * Plaintext (little-endian; the typed arrays are read in place, so each starts aligned to its element size):
 *
 *   u32 count N | u32 textBytes
 *   f64[N] timestamp | f64[N] ingestion time | u32[N] sequence delta | u32[N] UTF-8 bytes | u32[N] UTF-16 length
 *   UTF-8 text of the messages, one after the other
 *
 * Events are ordered by (timestamp, sequence number); an event's sequence number is the chunk's `firstSeq` plus its
 * delta. Stored chunk data: u8 version(=1) | u8 compression | 12 iv | ciphertext | 16 tag, with AAD = the two header
 * bytes and the chunk's place (group id, stream id), so a chunk copied to another stream does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

export const CHUNK_FORMAT_VERSION = 1;
/** How the plaintext was compressed before encryption: ingest favours speed, compaction size. */
export const Compression = { None: 0, Deflate: 1, Brotli: 2 } as const;
export type Compression = (typeof Compression)[keyof typeof Compression];
const HEADER_BYTES = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'logseal/logs/chunk/v1/';

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliCompress = promisify(zlib.brotliCompress);
const brotliDecompress = promisify(zlib.brotliDecompress);

/** The events of one chunk, decoded: typed-array columns over one buffer, and all messages in one string. */
export class EventColumns {
  /** UTF-16 offset of each message in `text`, plus the end (length count + 1). */
  private starts: Uint32Array | undefined;

  constructor(
    readonly count: number,
    readonly times: Float64Array,
    readonly ingestionTimes: Float64Array,
    readonly seqDeltas: Uint32Array,
    readonly byteLengths: Uint32Array,
    readonly charLengths: Uint32Array,
    readonly text: string,
  ) {}

  /** Message `i`, a slice of the shared text (no copy of the characters). */
  message(i: number): string {
    const s = (this.starts ??= prefixSums(this.charLengths));
    return this.text.slice(s[i]!, s[i + 1]!);
  }
}

function prefixSums(lengths: Uint32Array): Uint32Array {
  const out = new Uint32Array(lengths.length + 1);
  let acc = 0;
  for (let i = 0; i < lengths.length; i++) {
    out[i] = acc;
    acc += lengths[i]!;
  }
  out[lengths.length] = acc;
  return out;
}

/** Columns sized for `count` events and `textBytes` of UTF-8, with the text written at `textOffset`. */
function layout(count: number, textBytes: number): { buf: Buffer; textOffset: number } {
  const textOffset = 8 + count * 28;
  const buf = Buffer.alloc(textOffset + textBytes);
  buf.writeUInt32LE(count, 0);
  buf.writeUInt32LE(textBytes, 4);
  return { buf, textOffset };
}

function views(buf: Buffer, count: number) {
  const base = buf.byteOffset;
  const ab = buf.buffer;
  return {
    times: new Float64Array(ab, base + 8, count),
    ingestionTimes: new Float64Array(ab, base + 8 + count * 8, count),
    seqDeltas: new Uint32Array(ab, base + 8 + count * 16, count),
    byteLengths: new Uint32Array(ab, base + 8 + count * 20, count),
    charLengths: new Uint32Array(ab, base + 8 + count * 24, count),
  };
}

/**
 * Encodes events `[start, end)` of a PutLogEvents batch (already in chronological order), all ingested at
 * `ingestionTime`; `byteLengths[i]` is the UTF-8 size of message i.
 */
export function encodeBatch(
  events: readonly { timestamp: number; message: string }[],
  byteLengths: Uint32Array,
  start: number,
  end: number,
  ingestionTime: number,
): Buffer {
  const count = end - start;
  let textBytes = 0;
  for (let i = start; i < end; i++) textBytes += byteLengths[i]!;
  const { buf, textOffset } = layout(count, textBytes);
  const v = views(buf, count);
  let off = textOffset;
  for (let j = 0, i = start; i < end; i++, j++) {
    const e = events[i]!;
    v.times[j] = e.timestamp;
    v.ingestionTimes[j] = ingestionTime;
    v.seqDeltas[j] = j;
    v.byteLengths[j] = byteLengths[i]!;
    v.charLengths[j] = e.message.length;
    off += buf.write(e.message, off, 'utf8');
  }
  return buf;
}

/** One event of another chunk, named by its chunk and index, with its absolute sequence number. */
export interface EventRef {
  cols: EventColumns;
  index: number;
  seq: number;
}

/** Encodes events taken from other chunks (already ordered) as one chunk whose first sequence number is `firstSeq`. */
export function encodeMerged(refs: readonly EventRef[], firstSeq: number): Buffer {
  let textBytes = 0;
  for (const r of refs) textBytes += r.cols.byteLengths[r.index]!;
  const { buf, textOffset } = layout(refs.length, textBytes);
  const v = views(buf, refs.length);
  let off = textOffset;
  refs.forEach((r, j) => {
    const c = r.cols;
    v.times[j] = c.times[r.index]!;
    v.ingestionTimes[j] = c.ingestionTimes[r.index]!;
    v.seqDeltas[j] = r.seq - firstSeq;
    v.byteLengths[j] = c.byteLengths[r.index]!;
    v.charLengths[j] = c.charLengths[r.index]!;
    off += buf.write(c.message(r.index), off, 'utf8');
  });
  return buf;
}

export function decodeEvents(plain: Buffer): EventColumns {
  if (plain.length < 8) throw new Error('chunk plaintext is truncated');
  // Typed arrays need aligned offsets; zlib output usually is, a pooled buffer may not be.
  const buf = plain.byteOffset % 8 === 0 ? plain : copyUnpooled(plain);
  const count = buf.readUInt32LE(0);
  const textBytes = buf.readUInt32LE(4);
  const textOffset = 8 + count * 28;
  if (buf.length !== textOffset + textBytes) throw new Error('chunk plaintext has the wrong size');
  const v = views(buf, count);
  const text = buf.toString('utf8', textOffset, textOffset + textBytes);
  return new EventColumns(count, v.times, v.ingestionTimes, v.seqDeltas, v.byteLengths, v.charLengths, text);
}

function copyUnpooled(b: Buffer): Buffer {
  const out = Buffer.alloc(b.length); // never from the shared pool: starts at offset 0
  b.copy(out);
  return out;
}

/** Where a chunk lives; bound into its AAD. */
export interface ChunkPlace {
  groupId: number;
  streamId: number;
}

function aad(header: Buffer, place: ChunkPlace): Buffer {
  return Buffer.concat([header, Buffer.from(`${AAD_LABEL}${place.groupId}/${place.streamId}`, 'utf8')]);
}

async function compress(plain: Buffer, kind: Compression): Promise<Buffer> {
  switch (kind) {
    case Compression.None:
      return plain;
    case Compression.Deflate:
      return deflateRaw(plain, { level: 1 });
    case Compression.Brotli:
      return brotliCompress(plain, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length } });
  }
}

async function decompress(data: Buffer, kind: number): Promise<Buffer> {
  switch (kind) {
    case Compression.None:
      return data;
    case Compression.Deflate:
      return inflateRaw(data);
    case Compression.Brotli:
      return brotliDecompress(data);
    default:
      throw new Error(`unknown chunk compression ${kind}`);
  }
}

/** Compresses and encrypts a chunk's plaintext under `dataKey` (32 bytes). */
export async function sealChunk(plain: Buffer, dataKey: Buffer, place: ChunkPlace, compression: Compression): Promise<Buffer> {
  const packed = await compress(plain, compression);
  const header = Buffer.from([CHUNK_FORMAT_VERSION, compression]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(aad(header, place));
  const ct = Buffer.concat([cipher.update(packed), cipher.final()]);
  return Buffer.concat([header, iv, ct, cipher.getAuthTag()]);
}

/** Decrypts and decompresses stored chunk data; throws when it was altered, moved, or the key is wrong. */
export async function openChunk(data: Buffer, dataKey: Buffer, place: ChunkPlace): Promise<EventColumns> {
  if (data.length < HEADER_BYTES + IV_BYTES + TAG_BYTES || data[0] !== CHUNK_FORMAT_VERSION) throw new Error('unknown chunk format');
  const header = data.subarray(0, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, data.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES));
  decipher.setAAD(aad(header, place));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  const packed = Buffer.concat([decipher.update(data.subarray(HEADER_BYTES + IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  return decodeEvents(await decompress(packed, data[1]!));
}
