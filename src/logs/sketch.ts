/**
 * A chunk's trigram sketch: which 3-byte sequences of its text (messages and transformed versions) occur, as a
 * one-hash Bloom filter, sealed under the chunk's data key and stored beside the chunk
 * (docs/decisions/0024-chunk-sketch.md). A scan for text every match must contain opens the small sketch first and
 * reads and opens the body only when the sketch says the chunk may hold it. A sketch can say "may" wrongly (a false
 * positive: the body is read for nothing), never "cannot" wrongly: every trigram of the chunk's text sets its bit.
 *
 * Plaintext: u8 n (=3) | u8 log2 of the bits it was built with | u8 log2 of the bits stored | u8 0 | bitmap
 * (little-endian u32 words). Sealed: u8 format (=1) | 12 iv | ciphertext | 16 tag, AES-256-GCM under the chunk's
 * data key with its own IV; the AAD binds the format byte and the chunk's place (group id, stream id), as the body's
 * does, so a sketch copied to another stream does not open. Without the key it reveals its length only.
 *
 * Why not a library: the npm Bloom filters hash strings (one string per n-gram and event would cost more than the
 * rest of ingest) and cannot be folded; this one hashes the UTF-8 bytes in one pass with one multiplication per byte.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ChunkPlace, EventColumns } from './chunks.js';

/** The n of the n-grams. Trigrams: a literal of 3 bytes or more can rule a chunk out (see the decision). */
export const SKETCH_N = 3;
/** log2 of the bits the sketch is built with (64 Kibit = 8 KiB, which stays in the L1 cache while building). */
export const SKETCH_BUILD_LOG2 = 16;
/** The smallest sketch stored (log2 of bits): 128 bytes. */
const SKETCH_MIN_LOG2 = 10;
/**
 * The sketch is folded (halved by OR-ing its halves) while its expected share of set bits stays at or under this.
 * A literal with t trigrams absent from a chunk passes the sketch with probability about FILL^t: 0.3 gives 2.7 % for
 * three missing trigrams, 0.8 % for four (bench/sketch.ts measures the choice, decision 0024).
 */
export const SKETCH_MAX_FILL = 0.3;
const SKETCH_FORMAT = 1;
const HEAD_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'logseal/logs/sketch/v1/';
/** Fibonacci hashing: the top bits of the product of the trigram and 2^32/φ spread the trigrams over the bits. */
const MUL = 0x9e3779b1;

/** Builds the (plaintext) sketch of a chunk's messages and, when it has them, their transformed versions. */
export function buildSketch(cols: EventColumns): Buffer {
  return buildSketchWith(cols, SKETCH_BUILD_LOG2, SKETCH_MAX_FILL);
}

/** `buildSketch` with other parameters (bench/sketch.ts measures the choice). */
export function buildSketchWith(cols: EventColumns, buildLog2: number, maxFill: number): Buffer {
  const words = new Int32Array(1 << (buildLog2 - 5));
  addTexts(words, cols.utf8, cols.byteLengths, buildLog2);
  const t = cols.transformed;
  if (t) addTexts(words, t.utf8, t.byteLengths, buildLog2);
  return fold(words, buildLog2, maxFill);
}

/** Sets the bit of every trigram inside each text (trigrams never span two texts). */
function addTexts(words: Int32Array, utf8: Uint8Array, lengths: Uint32Array, buildLog2: number): void {
  const shift = 32 - buildLog2;
  let at = 0;
  for (let k = 0; k < lengths.length; k++) {
    const end = at + lengths[k]!;
    if (end - at >= SKETCH_N) {
      let x = (utf8[at]! << 8) | utf8[at + 1]!;
      for (let i = at + 2; i < end; i++) {
        x = ((x << 8) | utf8[i]!) & 0xffffff;
        const h = Math.imul(x, MUL) >>> shift;
        words[h >>> 5]! |= 1 << (h & 31);
      }
    }
    at = end;
  }
}

/** Folds the built bitmap down to the smallest size whose expected fill stays under SKETCH_MAX_FILL. */
function fold(words: Int32Array, buildLog2: number, maxFill: number): Buffer {
  const bits = words.length * 32;
  let set = 0;
  for (let i = 0; i < words.length; i++) set += popcount(words[i]!);
  // Distinct trigrams (hash slots, rather) estimated from the fill: d = -m ln(1 - f) (linear counting).
  const f = Math.min(set / bits, 1 - 1 / bits);
  const distinct = -bits * Math.log(1 - f);
  let log2 = buildLog2;
  while (log2 > SKETCH_MIN_LOG2 && 1 - Math.exp(-distinct / 2 ** (log2 - 1)) <= maxFill) log2--;
  const outWords = 1 << (log2 - 5);
  const out = Buffer.alloc(HEAD_BYTES + outWords * 4);
  out[0] = SKETCH_N;
  out[1] = buildLog2;
  out[2] = log2;
  const folded = new Int32Array(outWords);
  for (let i = 0; i < words.length; i++) folded[i & (outWords - 1)]! |= words[i]!;
  // Typed arrays are little-endian on every platform node runs on (x64, arm64): the words are copied as bytes.
  out.set(new Uint8Array(folded.buffer), HEAD_BYTES);
  return out;
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** An opened sketch. */
export class Sketch {
  private readonly words: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  constructor(plain: Buffer) {
    if (plain.length < HEAD_BYTES || plain[0] !== SKETCH_N) throw new Error('unknown chunk sketch');
    const build = plain[1]!;
    const log2 = plain[2]!;
    if (build < 5 || build > 30 || log2 < 5 || log2 > build || plain.length !== HEAD_BYTES + (1 << (log2 - 3))) throw new Error('chunk sketch is malformed');
    const bytes = new Uint8Array(plain.length - HEAD_BYTES); // aligned, whatever the offset of `plain`
    bytes.set(plain.subarray(HEAD_BYTES));
    this.words = new Int32Array(bytes.buffer);
    this.shift = 32 - build;
    this.mask = (1 << log2) - 1;
  }

  /** False only when `utf8` (3 bytes or more) occurs in no text of the chunk; true for anything shorter. */
  mayContain(utf8: Uint8Array): boolean {
    if (utf8.length < SKETCH_N) return true;
    let x = (utf8[0]! << 8) | utf8[1]!;
    for (let i = 2; i < utf8.length; i++) {
      x = ((x << 8) | utf8[i]!) & 0xffffff;
      const h = (Math.imul(x, MUL) >>> this.shift) & this.mask;
      if ((this.words[h >>> 5]! & (1 << (h & 31))) === 0) return false;
    }
    return true;
  }

  /** Whether a chunk with this sketch may hold an event with the text `required` asks for. */
  allows(required: RequiredText): boolean {
    for (const clause of required) {
      let any = false;
      for (const alt of clause) {
        if (this.mayContain(alt)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    return true;
  }
}

/**
 * Text every matching event must contain, in conjunctive form: each clause lists alternatives (UTF-8), and a
 * matching event contains at least one alternative of every clause. Clauses that cannot rule anything out (an
 * alternative too short for a trigram) are left out, so an empty list allows everything.
 */
export type RequiredText = readonly (readonly Buffer[])[];

/** Clauses of strings as `RequiredText`, without those that cannot rule a chunk out. */
export function requiredText(clauses: readonly (readonly string[])[]): RequiredText {
  const out: Buffer[][] = [];
  for (const clause of clauses) {
    const alts = clause.map((s) => Buffer.from(s, 'utf8'));
    if (alts.length > 0 && alts.every((a) => a.length >= SKETCH_N)) out.push(alts);
  }
  return out;
}

function aad(place: ChunkPlace): Buffer {
  return Buffer.from(`${AAD_LABEL}${SKETCH_FORMAT}/${place.groupId}/${place.streamId}`, 'utf8');
}

/** Encrypts a sketch under the chunk's data key (32 bytes), bound to the chunk's place. */
export function sealSketch(plain: Buffer, dataKey: Buffer, place: ChunkPlace): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(aad(place));
  const ct = cipher.update(plain);
  cipher.final();
  return Buffer.concat([Buffer.of(SKETCH_FORMAT), iv, ct, cipher.getAuthTag()]);
}

/** Decrypts a sealed sketch; throws when it was altered, moved or the key is wrong. */
export function openSketch(sealed: Buffer, dataKey: Buffer, place: ChunkPlace): Sketch {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== SKETCH_FORMAT) throw new Error('unknown chunk sketch format');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(aad(place));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const plain = decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES));
  decipher.final();
  return new Sketch(plain);
}
