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
 * delta. Stored chunk data: u8 version(=2) | u8 compression | u32 plaintext bytes | 12 iv | ciphertext | 16 tag, with
 * AAD = the header bytes and the chunk's place (group id, stream id), so a chunk copied to another stream does not
 * open. The plaintext size lets decompression write into one buffer of the right size (zlib's default 16 KiB pieces
 * cost more than the decompression itself). Version 1 (no size) is still read.
 *
 * Version 3 (same header as 2) marks a plaintext followed by a trailer holding each event's transformed version
 * (log transformers, src/logs/transform/), sealed with the rest:
 *
 *   u32 TRAILER_MAGIC | u32 trailerTextBytes | u8[N] kind (0 none, 1 transformed JSON, 2 transformation error)
 *   | zero padding to a multiple of 4 | u32[N] UTF-8 bytes | UTF-8 text of the transformed versions (or errors)
 *
 * Chunks without transformed versions are still written as version 2, so a server that predates version 3 reads them.
 *
 * The compression byte says how the plaintext was compressed (`Compression`). New chunks are zstd (level 1 at
 * ingest, `ZSTD_COMPACT_LEVEL` at compaction; docs/decisions/0023-chunk-codec.md); chunks written before that are
 * Brotli (2) and keep reading, as do Deflate (1) and None (0). A server that predates zstd (3) refuses such chunks
 * ("unknown chunk compression") rather than misreading them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
// zstd-napi's binding (ZSTD_compressCCtx, ZSTD_compressStream2, ZSTD_decompressDCtx into a buffer we size): node 20
// has no zstd in node:zlib; of the zstd packages that install from the registry alone, the WebAssembly one decodes
// no faster than Brotli and the prebuilt one is an old, async-only release (decision 0023). zstd-napi compiles its
// bundled libzstd at install (node-gyp against node's own headers, no download).
import zstd from 'zstd-napi/binding.js';

export const CHUNK_FORMAT_VERSION = 2;
/** The format of chunks that carry a trailer of transformed versions. */
export const CHUNK_FORMAT_VERSION_TRAILER = 3;
const TRAILER_MAGIC = 0x31465254; // "TRF1" little-endian

/** What a transformer made of an event, as stored in a chunk's trailer. */
export const TransformedKind = { None: 0, Transformed: 1, Error: 2 } as const;
export type TransformedKind = (typeof TransformedKind)[keyof typeof TransformedKind];

/** The transformed versions of a batch's events: `kinds[i]` says what `texts[i]` is (ignored for None). */
export interface TransformedBatch {
  kinds: Uint8Array;
  texts: string[];
}

/** The transformed versions of a chunk's events, decoded lazily like the messages. */
export class TransformedColumns {
  private starts: Uint32Array | undefined;
  constructor(
    readonly kinds: Uint8Array,
    readonly byteLengths: Uint32Array,
    readonly utf8: Buffer,
  ) {}

  /** The transformed version (JSON) of event `i`, or undefined when it has none. */
  transformed(i: number): string | undefined {
    return this.kinds[i] === TransformedKind.Transformed ? this.text(i) : undefined;
  }

  /** Why event `i` could not be transformed, when it could not. */
  error(i: number): string | undefined {
    return this.kinds[i] === TransformedKind.Error ? this.text(i) : undefined;
  }

  private text(i: number): string {
    const s = (this.starts ??= prefixSums(this.byteLengths));
    return this.utf8.toString('utf8', s[i]!, s[i + 1]!);
  }
}
/** How the plaintext was compressed before encryption (the stored compression byte: never renumber). */
export const Compression = { None: 0, Deflate: 1, Brotli: 2, Zstd: 3 } as const;
export type Compression = (typeof Compression)[keyof typeof Compression];
/**
 * Brotli quality by purpose, as chunks were written before zstd (decision 0006); kept for tests and the bench.
 */
export const BROTLI_INGEST_QUALITY = 1;
export const BROTLI_COMPACT_QUALITY = 5;
/**
 * zstd level by purpose (decision 0023, `npm run bench -- codecs`). Ingest: level 1 compresses a batch 1.3–2.2×
 * faster than Brotli 1, ~8 % smaller, and decompresses 2–2.8× faster, which is what bounds FilterLogEvents.
 * Compaction (background, ≤ 1 MB of text per chunk) favours size: level 9 is 2–15 % larger than Brotli 5 at about
 * its CPU and decompresses 2.4–2.9× faster; levels 10–15 gain under 1 % more for 2–4× the CPU.
 */
export const ZSTD_INGEST_LEVEL = 1;
export const ZSTD_COMPACT_LEVEL = 9;
/** The codec of new chunks, by who writes them (PutLogEvents, compaction); bench/limits.ts measures the same. */
export const INGEST_CODEC = { compression: Compression.Zstd, level: ZSTD_INGEST_LEVEL } as const;
export const COMPACT_CODEC = { compression: Compression.Zstd, level: ZSTD_COMPACT_LEVEL } as const;
const V1_HEADER_BYTES = 2;
const HEADER_BYTES = 6;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'logseal/logs/chunk/v1/';

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliCompress = promisify(zlib.brotliCompress);
const brotliDecompress = promisify(zlib.brotliDecompress);

/**
 * The events of one chunk, decoded: typed-array columns and the UTF-8 text of the messages, all views of one buffer.
 * A message becomes a string only when asked for: decoding one message costs less than its share of decoding the
 * whole text, and a filter can search the bytes first (`containing`) and decode only the candidates.
 */
export class EventColumns {
  /** Byte offset of each message in `utf8`, plus the end (length count + 1). */
  private starts: Uint32Array | undefined;

  constructor(
    readonly count: number,
    readonly times: Float64Array,
    readonly ingestionTimes: Float64Array,
    readonly seqDeltas: Uint32Array,
    readonly byteLengths: Uint32Array,
    readonly charLengths: Uint32Array,
    /** The messages' UTF-8 bytes, one after the other. */
    readonly utf8: Buffer,
    /** The events' transformed versions, when the chunk has them (format 3). */
    readonly transformed?: TransformedColumns,
  ) {}

  /** Message `i`, decoded. */
  message(i: number): string {
    const s = this.offsets();
    return this.utf8.toString('utf8', s[i]!, s[i + 1]!);
  }

  /** Copies the UTF-8 bytes of message `i` into `target` at `at`; returns how many. */
  copyMessage(i: number, target: Buffer, at: number): number {
    const s = this.offsets();
    return this.utf8.copy(target, at, s[i]!, s[i + 1]!);
  }

  /**
   * Which messages contain `needle` (UTF-8): 1 for those, 0 for the others. UTF-8 is self-synchronising, so a byte
   * match inside one message is exactly a substring match of its text.
   */
  containing(needle: Buffer): Uint8Array {
    const out = new Uint8Array(this.count);
    if (needle.length === 0) return out.fill(1);
    const s = this.offsets();
    let i = 0;
    for (let at = this.utf8.indexOf(needle); at !== -1; ) {
      while (s[i + 1]! <= at) i++;
      if (at + needle.length <= s[i + 1]!) {
        out[i] = 1;
        at = this.utf8.indexOf(needle, s[i + 1]!); // the rest of this message does not matter
      } else {
        at = this.utf8.indexOf(needle, at + 1); // spans two messages
      }
    }
    return out;
  }

  private offsets(): Uint32Array {
    return (this.starts ??= prefixSums(this.byteLengths));
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
  // Not zero-filled: a zeroed buffer of this size is fresh pages from the kernel, whose faults cost as much as
  // writing the events. The encoders write every byte, and `filled` checks it.
  const buf = Buffer.allocUnsafeSlow(textOffset + textBytes);
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
  transformed?: TransformedBatch,
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
  const plain = filled(buf, off);
  return transformed ? Buffer.concat([plain, encodeTrailer(transformed.kinds, transformed.texts)]) : plain;
}

/** A PutLogEvents batch as columns (src/logs/eventBatch.ts): what `encodeColumns` reads. */
export interface BatchColumns {
  readonly timestamps: Float64Array;
  readonly byteLengths: Uint32Array;
  readonly charLengths: Uint32Array;
  /** Writes message i's UTF-8 bytes into `target` at `at`; returns how many (`byteLengths[i]`). */
  writeMessage(i: number, target: Buffer, at: number): number;
}

/**
 * `encodeBatch` for a batch held as columns: the same plaintext, built with bulk copies of the columns and each
 * message's bytes copied from the request body (no string per message).
 */
export function encodeColumns(batch: BatchColumns, start: number, end: number, ingestionTime: number, transformed?: TransformedBatch): Buffer {
  const count = end - start;
  let textBytes = 0;
  for (let i = start; i < end; i++) textBytes += batch.byteLengths[i]!;
  const { buf, textOffset } = layout(count, textBytes);
  const v = views(buf, count);
  v.times.set(batch.timestamps.subarray(start, end));
  v.ingestionTimes.fill(ingestionTime);
  for (let j = 0; j < count; j++) v.seqDeltas[j] = j;
  v.byteLengths.set(batch.byteLengths.subarray(start, end));
  v.charLengths.set(batch.charLengths.subarray(start, end));
  let off = textOffset;
  for (let i = start; i < end; i++) off += batch.writeMessage(i, buf, off);
  const plain = filled(buf, off);
  return transformed ? Buffer.concat([plain, encodeTrailer(transformed.kinds, transformed.texts)]) : plain;
}

/** The trailer of transformed versions (see the layout above). */
function encodeTrailer(kinds: Uint8Array, texts: readonly string[]): Buffer {
  const n = kinds.length;
  const pad = (4 - (n % 4)) % 4;
  const lengths = new Uint32Array(n);
  let textBytes = 0;
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== TransformedKind.None) lengths[i] = Buffer.byteLength(texts[i] ?? '', 'utf8');
    textBytes += lengths[i]!;
  }
  const head = 8 + n + pad + n * 4;
  const out = Buffer.alloc(head + textBytes);
  out.writeUInt32LE(TRAILER_MAGIC, 0);
  out.writeUInt32LE(textBytes, 4);
  out.set(kinds, 8);
  for (let i = 0; i < n; i++) out.writeUInt32LE(lengths[i]!, 8 + n + pad + i * 4);
  let off = head;
  for (let i = 0; i < n; i++) if (lengths[i]! > 0) off += out.write(texts[i]!, off, 'utf8');
  if (off !== out.length) throw new Error('chunk trailer does not match its byte lengths');
  return out;
}

function decodeTrailer(t: Buffer, count: number): TransformedColumns {
  const pad = (4 - (count % 4)) % 4;
  const head = 8 + count + pad + count * 4;
  if (t.length < head || t.readUInt32LE(0) !== TRAILER_MAGIC) throw new Error('chunk trailer is malformed');
  const textBytes = t.readUInt32LE(4);
  if (t.length !== head + textBytes) throw new Error('chunk trailer has the wrong size');
  const kinds = Uint8Array.from(t.subarray(8, 8 + count));
  const lengths = new Uint32Array(count);
  for (let i = 0; i < count; i++) lengths[i] = t.readUInt32LE(8 + count + pad + i * 4);
  return new TransformedColumns(kinds, lengths, t.subarray(head));
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
    off += c.copyMessage(r.index, buf, off);
  });
  const plain = filled(buf, off);
  if (!refs.some((r) => r.cols.transformed)) return plain;
  // Events keep their transformed versions across compaction; events of chunks without any keep none.
  const kinds = new Uint8Array(refs.length);
  const texts: string[] = new Array<string>(refs.length).fill('');
  refs.forEach((r, j) => {
    const t = r.cols.transformed;
    if (!t) return;
    kinds[j] = t.kinds[r.index]!;
    texts[j] = t.transformed(r.index) ?? t.error(r.index) ?? '';
  });
  return Buffer.concat([plain, encodeTrailer(kinds, texts)]);
}

/** The buffer, once the text written ends exactly at its end (else uninitialised memory would be stored). */
function filled(buf: Buffer, textEnd: number): Buffer {
  if (textEnd !== buf.length) throw new Error('chunk text does not match its byte lengths');
  return buf;
}

export function decodeEvents(plain: Buffer, withTrailer = false): EventColumns {
  if (plain.length < 8) throw new Error('chunk plaintext is truncated');
  // Typed arrays need aligned offsets; zlib output usually is, a pooled buffer may not be.
  const buf = plain.byteOffset % 8 === 0 ? plain : copyUnpooled(plain);
  const count = buf.readUInt32LE(0);
  const textBytes = buf.readUInt32LE(4);
  const textOffset = 8 + count * 28;
  const end = textOffset + textBytes;
  if (withTrailer ? buf.length < end : buf.length !== end) throw new Error('chunk plaintext has the wrong size');
  const v = views(buf, count);
  const trailer = withTrailer ? decodeTrailer(buf.subarray(end), count) : undefined;
  return new EventColumns(count, v.times, v.ingestionTimes, v.seqDeltas, v.byteLengths, v.charLengths, buf.subarray(textOffset, end), trailer);
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

/** zlib options writing the output in one piece when it fits in `bytes` (64 is zlib's smallest piece). */
function onePiece(bytes: number): { chunkSize: number } {
  return { chunkSize: Math.max(64, bytes + 64) };
}

/**
 * zstd works on the event loop, not the libuv pool: the binding is synchronous, and for chunk sizes a pool hop costs
 * a good part of what it moves (bench/codecs.ts: Brotli 1 decodes at ~470 MB/s per core on the pool, ~610 on the
 * calling thread). Each call is bounded: one call at levels ≤ ZSTD_ONE_SHOT_MAX_LEVEL (~0.35 ms per 200 KB at level
 * 1, ~2 ms for PutLogEvents' largest batch) or for inputs up to ZSTD_SLICE_BYTES; otherwise (compaction: ~14 ms per
 * 1 MB at level 9) slices of ZSTD_SLICE_BYTES with a turn of the event loop between them, in one frame.
 * Decompression is one call (~0.7 ms for the largest merged chunk).
 */
const ZSTD_SLICE_BYTES = 128 * 1024;
const ZSTD_ONE_SHOT_MAX_LEVEL = 3;
/** One context each, reused: creating one costs more than compressing a small chunk. Never used across an await. */
let zstdC: InstanceType<typeof zstd.CCtx> | undefined;
let zstdD: InstanceType<typeof zstd.DCtx> | undefined;

async function zstdCompress(plain: Buffer, level: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe(zstd.compressBound(plain.length));
  if (level <= ZSTD_ONE_SHOT_MAX_LEVEL || plain.length <= ZSTD_SLICE_BYTES) {
    zstdC ??= new zstd.CCtx();
    return out.subarray(0, zstdC.compress(out, plain, level));
  }
  const cctx = new zstd.CCtx(); // its own: other chunks are compressed while this one waits between slices
  cctx.setParameter(zstd.CParameter.compressionLevel, level);
  cctx.setPledgedSrcSize(plain.length);
  let written = 0;
  for (let at = 0; ; ) {
    const end = Math.min(plain.length, at + ZSTD_SLICE_BYTES);
    const last = end === plain.length;
    const [left, produced, consumed] = cctx.compressStream2(out.subarray(written), plain.subarray(at, end), last ? zstd.EndDirective.end : zstd.EndDirective.continue);
    written += produced;
    at += consumed;
    if (last && at === end && left === 0) return out.subarray(0, written);
    if (produced === 0 && consumed === 0) throw new Error('zstd made no progress'); // out is compressBound: never
    if (at === end) await nextTurn(); // else the rest of this slice first
  }
}

function zstdDecompress(data: Buffer, plainBytes: number | undefined): Buffer {
  if (plainBytes === undefined) throw new Error('a zstd chunk needs its plaintext size'); // only format 2/3 have zstd
  // Not from the shared pool: offset 0, so the typed-array columns are aligned (decodeEvents).
  const out = Buffer.allocUnsafeSlow(plainBytes);
  zstdD ??= new zstd.DCtx();
  // Throws on corrupt input or when the frame does not fit; a shorter frame would leave uninitialised bytes.
  if (zstdD.decompress(out, data) !== plainBytes) throw new Error('chunk plaintext has the wrong size');
  return out;
}

async function compress(plain: Buffer, kind: Compression, level: number): Promise<Buffer> {
  switch (kind) {
    case Compression.None:
      return plain;
    case Compression.Deflate:
      return deflateRaw(plain, { level: 1, ...onePiece(plain.length) });
    case Compression.Brotli:
      return brotliCompress(plain, {
        ...onePiece(plain.length),
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: level, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length },
      });
    case Compression.Zstd:
      return zstdCompress(plain, level);
  }
}

/** Decompresses (zlib on the libuv pool, zstd on the event loop); `plainBytes` (when known) sizes the output. */
async function decompress(data: Buffer, kind: number, plainBytes: number | undefined): Promise<Buffer> {
  const opts = plainBytes === undefined ? {} : onePiece(plainBytes);
  switch (kind) {
    case Compression.None:
      return data;
    case Compression.Deflate:
      return inflateRaw(data, opts);
    case Compression.Brotli:
      return brotliDecompress(data, opts);
    case Compression.Zstd:
      return zstdDecompress(data, plainBytes);
    default:
      throw new Error(`unknown chunk compression ${kind}`);
  }
}

/** The default level of each codec when a caller names none (compaction's, favouring size). */
function defaultLevel(kind: Compression): number {
  return kind === Compression.Brotli ? BROTLI_COMPACT_QUALITY : ZSTD_COMPACT_LEVEL;
}

/**
 * Compresses and encrypts a chunk's plaintext under `dataKey` (32 bytes). `level` is the codec's (Brotli quality,
 * zstd level; Deflate is always level 1). See `decompress` for where each codec runs.
 */
export async function sealChunk(
  plain: Buffer,
  dataKey: Buffer,
  place: ChunkPlace,
  compression: Compression,
  level = defaultLevel(compression),
): Promise<Buffer> {
  const packed = await compress(plain, compression, level);
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = hasTrailer(plain) ? CHUNK_FORMAT_VERSION_TRAILER : CHUNK_FORMAT_VERSION;
  header[1] = compression;
  header.writeUInt32LE(plain.length, 2);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(aad(header, place));
  const ct = cipher.update(packed);
  const last = cipher.final(); // empty for GCM
  return Buffer.concat([header, iv, ct, last, cipher.getAuthTag()]);
}

/** Whether a chunk plaintext is followed by a trailer (it is longer than its columns and text). */
function hasTrailer(plain: Buffer): boolean {
  return plain.length > 8 + plain.readUInt32LE(0) * 28 + plain.readUInt32LE(4);
}

/** Decrypts and decompresses stored chunk data; throws when it was altered, moved, or the key is wrong. */
export async function openChunk(data: Buffer, dataKey: Buffer, place: ChunkPlace): Promise<EventColumns> {
  const version = data[0];
  const headerBytes = version === CHUNK_FORMAT_VERSION || version === CHUNK_FORMAT_VERSION_TRAILER ? HEADER_BYTES : version === 1 ? V1_HEADER_BYTES : 0;
  if (headerBytes === 0 || data.length < headerBytes + IV_BYTES + TAG_BYTES) throw new Error('unknown chunk format');
  const header = data.subarray(0, headerBytes);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, data.subarray(headerBytes, headerBytes + IV_BYTES));
  decipher.setAAD(aad(header, place));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  const head = decipher.update(data.subarray(headerBytes + IV_BYTES, data.length - TAG_BYTES));
  const last = decipher.final(); // checks the tag; empty for GCM, so nothing needs a copy
  const packed = last.length === 0 ? head : Buffer.concat([head, last]);
  const plainBytes = headerBytes === HEADER_BYTES ? header.readUInt32LE(2) : undefined;
  return decodeEvents(await decompress(packed, data[1]!, plainBytes), version === CHUNK_FORMAT_VERSION_TRAILER);
}
