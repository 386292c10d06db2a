/**
 * PutLogEvents' events as columns, and a one-pass decoder of PutLogEvents request bodies that builds them straight
 * from the body's bytes (docs/decisions/0021-per-core-cost.md, "Ingest").
 *
 * The generic AWS JSON path (src/protocol/json.ts) costs ~0.7 µs per 200-byte event before any PutLogEvents work:
 * the body decoded to a string, `JSON.parse` building one object and one string per event, a second pass over the
 * text for members named twice, the generated decoder's walk, then `Buffer.byteLength` and `buf.write` of every
 * message to build the chunk, and the garbage collection of all of it. A PutLogEvents body is almost always the same
 * simple shape, so `decodePutLogEventsBody` reads that shape from the bytes in one pass, without a string or an
 * object per event: timestamps, message offsets and lengths go into typed arrays, and the chunk encoder copies each
 * message's bytes from the body (a message without escapes is its own UTF-8 in the body).
 *
 * It is hand-written rather than a library because no JSON library can do this: a general parser still builds a
 * value per event, and a streaming one (callbacks per token) costs more than `JSON.parse`.
 *
 * Strictness: the fast path only ever *accepts*. Whenever the body is anything but well-formed JSON of the expected
 * shape with valid values (a syntax error, invalid UTF-8, a member named twice, an unknown member, `entity`, a
 * `null`, a number that is not a plain integer, an empty message, too few or too many events, a name the model
 * refuses...), it declines, and the body goes through the generic decoder, which produces exactly the answer (value
 * or error, in the same order of checks) it always did. So the answers cannot differ; test/logs/eventBatch.test.ts
 * compares the two decoders on valid, invalid and randomly mutated bodies.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { InputLogEvent, PutLogEventsRequest } from '../protocol/generated/logs.js';
import { decodeJsonInput, operationOf } from '../protocol/json.js';
import { Ctx } from '../protocol/runtime.js';
import { services } from '../protocol/service.js';

/**
 * Set in `starts[i]` when message i had escapes: its UTF-8, unescaped, is at `starts[i] - IN_ARENA` of the batch's
 * arena rather than in the body (bodies are at most 8 MiB, so offsets never reach this bit).
 */
const IN_ARENA = 0x80000000;
/** The model's bounds of `logEvents` (InputLogEvents: 1 to 10,000 items). */
const MIN_EVENTS = 1;
const MAX_EVENTS = 10_000;
/** Integers of at most 15 digits are exact doubles; longer ones go the generic way. */
const MAX_DIGITS = 15;

/**
 * The events of a PutLogEvents batch, as columns: `timestamps[i]`, the UTF-8 size `byteLengths[i]` and UTF-16
 * length `charLengths[i]` of message i. A message is decoded to a string only when asked for (a log transformer).
 */
export class EventBatch {
  private constructor(
    readonly length: number,
    readonly timestamps: Float64Array,
    readonly byteLengths: Uint32Array,
    readonly charLengths: Uint32Array,
    /** Where message i's UTF-8 starts in `source` (or, with IN_ARENA, in `arena`); undefined: see `decoded`. */
    private readonly starts: Uint32Array | undefined,
    private readonly source: Buffer | undefined,
    private readonly arena: Buffer | undefined,
    /** The messages as strings, when the batch was made of them. */
    private readonly decoded: readonly string[] | undefined,
  ) {}

  /** The batch of events already decoded (the generic decoder's output, or a caller inside the process). */
  static fromEvents(events: readonly InputLogEvent[]): EventBatch {
    const n = events.length;
    const timestamps = new Float64Array(n);
    const byteLengths = new Uint32Array(n);
    const charLengths = new Uint32Array(n);
    const decoded = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      timestamps[i] = e.timestamp;
      byteLengths[i] = Buffer.byteLength(e.message, 'utf8');
      charLengths[i] = e.message.length;
      decoded[i] = e.message;
    }
    return new EventBatch(n, timestamps, byteLengths, charLengths, undefined, undefined, undefined, decoded);
  }

  /** @internal Built by the body decoder. */
  static fromSource(n: number, timestamps: Float64Array, byteLengths: Uint32Array, charLengths: Uint32Array, starts: Uint32Array, source: Buffer, arena: Buffer | undefined): EventBatch {
    return new EventBatch(n, timestamps, byteLengths, charLengths, starts, source, arena, undefined);
  }

  /** Message i, decoded. */
  message(i: number): string {
    if (this.decoded !== undefined) return this.decoded[i]!;
    let s = this.starts![i]!;
    let src = this.source!;
    if (s >= IN_ARENA) {
      s -= IN_ARENA;
      src = this.arena!;
    }
    return src.toString('utf8', s, s + this.byteLengths[i]!);
  }

  /** Writes message i's UTF-8 bytes into `target` at `at`; returns how many (`byteLengths[i]`). */
  writeMessage(i: number, target: Buffer, at: number): number {
    if (this.decoded !== undefined) return target.write(this.decoded[i]!, at, 'utf8');
    let s = this.starts![i]!;
    let src = this.source!;
    if (s >= IN_ARENA) {
      s -= IN_ARENA;
      src = this.arena!;
    }
    const n = this.byteLengths[i]!;
    // Short messages: a loop beats the native call's set-up; long ones: TypedArray.set is a memcpy.
    if (n <= 32) {
      for (let k = 0; k < n; k++) target[at + k] = src[s + k]!;
    } else {
      target.set(src.subarray(s, s + n), at);
    }
    return n;
  }

  /** The events as objects (tests, and callers that need them). */
  toEvents(): InputLogEvent[] {
    const out: InputLogEvent[] = new Array<InputLogEvent>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = { timestamp: this.timestamps[i]!, message: this.message(i) };
    return out;
  }
}

/** PutLogEvents' input with its events as columns. */
export type PutLogEventsBatchRequest = Omit<PutLogEventsRequest, 'logEvents'> & { logEvents: EventBatch };

/**
 * Decodes a PutLogEvents request body: the one-pass reader when it accepts the body, else the generic AWS JSON
 * decoder (whose answer, value or error, is then the answer).
 */
export function decodePutLogEvents(body: Buffer): PutLogEventsBatchRequest {
  const fast = decodePutLogEventsBody(body);
  if (fast) return fast;
  const input = decodeJsonInput(services.logs, 'PutLogEvents', body) as PutLogEventsRequest;
  return { ...input, logEvents: EventBatch.fromEvents(input.logEvents) };
}

// --- the one-pass reader ----------------------------------------------------------------------------------------

/** Thrown inside the reader to decline the body; never escapes. */
const DECLINE = Symbol('decline');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The one-pass reader alone: the decoded input, or undefined when the body must go the generic way. */
export function decodePutLogEventsBody(body: Buffer): PutLogEventsBatchRequest | undefined {
  try {
    return new Reader(body).request();
  } catch {
    // DECLINE, or JSON.parse refusing a name's escape: the generic decoder answers that body. (Anything else would be
    // a fault of the reader; the generic decoder's answer is still the right one.)
    return undefined;
  }
}

/** The member names read, as bytes, compared in place (no string per member). */
const KEY_TIMESTAMP = Buffer.from('"timestamp"', 'latin1');
const KEY_MESSAGE = Buffer.from('"message"', 'latin1');

class Reader {
  private pos = 0;
  /**
   * No byte of the body is a control character (JSON whitespace included: SDKs send none), and the body is valid
   * UTF-8. Then a string ends at the next quote, unless a backslash comes first (`nextBackslash`), and both are found
   * by `Buffer.indexOf` (memchr) instead of a loop in JavaScript over every byte, which costs several times more.
   */
  private readonly plain: boolean;
  /** The body is ASCII: a string's UTF-16 length is its byte length. */
  private readonly ascii: boolean;
  /** Where the next backslash at or after `pos` is (the body's length when none), in plain bodies. */
  private nextBackslash = -1;
  /** Whether the whole body has been found valid UTF-8 (checked once, at the first byte over 0x7f). */
  private utf8Checked = false;
  // The last string read (see `string`).
  private strStart = 0;
  private strEnd = 0;
  private strEscaped = false;
  private strChars = 0;
  /** Where messages with escapes are written unescaped, and how much of it is used. */
  private arena: Buffer | undefined;
  private arenaUsed = 0;

  constructor(private readonly b: Buffer) {
    this.plain = noControlByte(b);
    this.ascii = this.plain && isAscii(b);
    if (this.plain && !this.ascii) {
      if (!isUtf8(b)) throw DECLINE;
      this.utf8Checked = true;
    }
  }

  request(): PutLogEventsBatchRequest {
    this.ws();
    this.expect(0x7b /* { */);
    let logGroupName: string | undefined;
    let logStreamName: string | undefined;
    let sequenceToken: string | undefined;
    let events: EventBatch | undefined;
    this.ws();
    if (this.b[this.pos] !== 0x7d /* } */) {
      for (;;) {
        const key = this.key();
        this.ws();
        this.expect(0x3a /* : */);
        this.ws();
        switch (key) {
          case 'logEvents':
            if (events !== undefined) throw DECLINE;
            events = this.events();
            break;
          case 'logGroupName':
            if (logGroupName !== undefined) throw DECLINE;
            logGroupName = this.stringValue();
            break;
          case 'logStreamName':
            if (logStreamName !== undefined) throw DECLINE;
            logStreamName = this.stringValue();
            break;
          case 'sequenceToken':
            if (sequenceToken !== undefined) throw DECLINE;
            sequenceToken = this.stringValue();
            break;
          default:
            throw DECLINE; // `entity`, or a member the model does not have: the generic decoder knows what to do
        }
        this.ws();
        const c = this.b[this.pos++];
        if (c === 0x7d /* } */) break;
        if (c !== 0x2c /* , */) throw DECLINE;
        this.ws();
      }
    } else {
      this.pos++;
    }
    this.ws();
    if (this.pos !== this.b.length) throw DECLINE;
    if (logGroupName === undefined || logStreamName === undefined || events === undefined) throw DECLINE;
    // The names and the token are checked by the generated decoder itself (patterns, lengths, in its messages): with
    // one stand-in event, any complaint means the generic decoder must answer.
    const wire: Record<string, unknown> = { logGroupName, logStreamName, logEvents: [{ timestamp: 0, message: 'x' }] };
    if (sequenceToken !== undefined) wire.sequenceToken = sequenceToken;
    const c = new Ctx(services.logs.validationErrorCode);
    try {
      operationOf(services.logs, 'PutLogEvents').decode!(wire, c);
      c.done();
    } catch {
      throw DECLINE;
    }
    const out: PutLogEventsBatchRequest = { logGroupName, logStreamName, logEvents: events };
    if (sequenceToken !== undefined) out.sequenceToken = sequenceToken;
    return out;
  }

  /** `[` event, … `]`: the events as columns. */
  private events(): EventBatch {
    this.expect(0x5b /* [ */);
    let cap = 1024;
    let timestamps = new Float64Array(cap);
    let byteLengths = new Uint32Array(cap);
    let charLengths = new Uint32Array(cap);
    let starts = new Uint32Array(cap);
    let n = 0;
    const b = this.b;
    this.ws();
    if (b[this.pos] === 0x5d /* ] */) throw DECLINE; // no events: the model's minimum, answered by the generic path
    for (;;) {
      if (n === cap) {
        if (n === MAX_EVENTS) throw DECLINE;
        cap = Math.min(cap * 2, MAX_EVENTS);
        timestamps = grow(timestamps, new Float64Array(cap));
        byteLengths = grow(byteLengths, new Uint32Array(cap));
        charLengths = grow(charLengths, new Uint32Array(cap));
        starts = grow(starts, new Uint32Array(cap));
      }
      // One event: `{"timestamp": digits, "message": string}`, the two members in either order, nothing else.
      this.expect(0x7b /* { */);
      let haveTime = false;
      let haveMessage = false;
      this.ws();
      for (;;) {
        // The member's name, compared in place with the two expected (written without escapes, as JSON writers do).
        const key = this.literal(KEY_TIMESTAMP) ? 1 : this.literal(KEY_MESSAGE) ? 2 : 0;
        if (key === 0) throw DECLINE;
        this.ws();
        this.expect(0x3a /* : */);
        this.ws();
        if (key === 1) {
          if (haveTime) throw DECLINE;
          haveTime = true;
          timestamps[n] = this.integer();
        } else {
          if (haveMessage) throw DECLINE;
          haveMessage = true;
          this.string();
          if (this.strEscaped) {
            // Escapes: the message's UTF-8 goes to the arena, unescaped (JSON-structured log lines escape quotes).
            const at = this.arenaUsed;
            charLengths[n] = this.unescape(this.strStart, this.strEnd);
            starts[n] = IN_ARENA + at;
            byteLengths[n] = this.arenaUsed - at;
          } else {
            if (this.strChars === 0) throw DECLINE; // an empty message: the model's minimum length
            starts[n] = this.strStart;
            byteLengths[n] = this.strEnd - this.strStart;
            charLengths[n] = this.strChars;
          }
        }
        this.ws();
        const c = b[this.pos++];
        if (c === 0x7d /* } */) break;
        if (c !== 0x2c /* , */) throw DECLINE;
        this.ws();
      }
      if (!haveTime || !haveMessage) throw DECLINE;
      n++;
      this.ws();
      const c = b[this.pos++];
      if (c === 0x5d /* ] */) break;
      if (c !== 0x2c /* , */) throw DECLINE;
      this.ws();
    }
    if (n < MIN_EVENTS || n > MAX_EVENTS) throw DECLINE;
    return EventBatch.fromSource(n, timestamps.subarray(0, n), byteLengths.subarray(0, n), charLengths.subarray(0, n), starts.subarray(0, n), this.b, this.arena);
  }

  /**
   * Writes the UTF-8 of the JSON string body `[s, e)` (valid UTF-8, its end found by `string`) unescaped to the
   * arena, as `JSON.parse` then `Buffer.write` would produce it: a surrogate pair written as `\uXXXX\uXXXX` becomes
   * its 4-byte sequence. Returns its UTF-16 length. Declines an escape JSON does not have, and a lone surrogate.
   */
  private unescape(s: number, e: number): number {
    const b = this.b;
    // Unescaped text is never longer than its escaped form, so the whole body's size always suffices.
    const out = (this.arena ??= Buffer.allocUnsafeSlow(b.length));
    let o = this.arenaUsed;
    let chars = 0;
    let i = s;
    while (i < e) {
      if (this.plain) {
        // Copy the run up to the next escape as it is.
        let bs = b.indexOf(BACKSLASH, i);
        if (bs < 0 || bs > e) bs = e;
        const run = bs - i;
        if (run > 16) out.set(b.subarray(i, bs), o);
        else for (let k = 0; k < run; k++) out[o + k] = b[i + k]!;
        o += run;
        chars += this.ascii ? run : utf16Length(b, i, bs);
        i = bs;
        if (i === e) break;
      }
      const c = b[i]!;
      if (c !== BACKSLASH) {
        out[o++] = c;
        // Valid UTF-8: a lead byte starts one UTF-16 unit (two for a 4-byte sequence), continuation bytes none.
        if (c < 0x80 || c >= 0xc0) chars++;
        if (c >= 0xf0) chars++;
        i++;
        continue;
      }
      const x = b[i + 1];
      i += 2;
      let v: number;
      switch (x) {
        case 0x22: // "
        case 0x5c: // backslash
        case 0x2f: // /
          v = x;
          break;
        case 0x62: // b
          v = 0x08;
          break;
        case 0x66: // f
          v = 0x0c;
          break;
        case 0x6e: // n
          v = 0x0a;
          break;
        case 0x72: // r
          v = 0x0d;
          break;
        case 0x74: // t
          v = 0x09;
          break;
        case 0x75: {
          // u
          let cp = hex4(b, i, e);
          i += 4;
          chars++;
          if (cp >= 0xd800 && cp <= 0xdbff && b[i] === BACKSLASH && b[i + 1] === 0x75) {
            const low = hex4(b, i + 2, e);
            if (low >= 0xdc00 && low <= 0xdfff) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
              i += 6;
              chars++;
            }
          }
          // A lone surrogate: stored as U+FFFD either way, but a transformer would see it in the generic path's string.
          if (cp >= 0xd800 && cp <= 0xdfff) throw DECLINE;
          if (cp < 0x80) {
            out[o++] = cp;
          } else if (cp < 0x800) {
            out[o++] = 0xc0 | (cp >> 6);
            out[o++] = 0x80 | (cp & 0x3f);
          } else if (cp < 0x10000) {
            out[o++] = 0xe0 | (cp >> 12);
            out[o++] = 0x80 | ((cp >> 6) & 0x3f);
            out[o++] = 0x80 | (cp & 0x3f);
          } else {
            out[o++] = 0xf0 | (cp >> 18);
            out[o++] = 0x80 | ((cp >> 12) & 0x3f);
            out[o++] = 0x80 | ((cp >> 6) & 0x3f);
            out[o++] = 0x80 | (cp & 0x3f);
          }
          continue;
        }
        default:
          throw DECLINE; // not a JSON escape
      }
      out[o++] = v;
      chars++;
    }
    this.arenaUsed = o;
    return chars;
  }

  /** Reads the bytes of `token` when they come next (a quoted name is then read whole: it ends with its quote). */
  private literal(token: Buffer): boolean {
    const n = token.length;
    const b = this.b;
    const s = this.pos;
    if (s + n > b.length) return false;
    for (let k = 0; k < n; k++) if (b[s + k] !== token[k]) return false;
    this.pos = s + n;
    return true;
  }

  /** A member name without escapes (one with escapes declines: the generic decoder compares decoded names). */
  private key(): string {
    this.string();
    if (this.strEscaped) throw DECLINE;
    return this.b.toString('latin1', this.strStart, this.strEnd);
  }

  /** A string member's value (a name, the token). */
  private stringValue(): string {
    this.string();
    const b = this.b;
    if (this.strEscaped) return JSON.parse(b.toString('utf8', this.strStart - 1, this.strEnd + 1)) as string;
    return b.toString('utf8', this.strStart, this.strEnd);
  }

  /**
   * A JSON string at `pos`: sets `strStart`/`strEnd` (the bytes between the quotes), `strEscaped`, and `strChars`
   * (its UTF-16 length, when it has no escapes). Declines on a control character (JSON forbids them raw) and on a
   * body that is not valid UTF-8 (the generic path would replace the bad bytes).
   */
  private string(): void {
    const b = this.b;
    if (b[this.pos] !== QUOTE) throw DECLINE;
    if (this.plain) {
      const start = this.pos + 1;
      let from = start;
      let escaped = false;
      for (;;) {
        const q = b.indexOf(QUOTE, from);
        if (q < 0) throw DECLINE;
        if (this.nextBackslash < from) {
          this.nextBackslash = b.indexOf(BACKSLASH, from);
          if (this.nextBackslash < 0) this.nextBackslash = b.length;
        }
        if (this.nextBackslash > q) {
          this.strStart = start;
          this.strEnd = q;
          this.strEscaped = escaped;
          this.strChars = escaped ? 0 : this.ascii ? q - start : utf16Length(b, start, q); // (`unescape` counts escaped ones)
          this.pos = q + 1;
          return;
        }
        // An escape before the quote: the character after the backslash is not the end (`unescape` judges it).
        escaped = true;
        from = this.nextBackslash + 2;
      }
    }
    const n = b.length;
    let i = this.pos + 1;
    const start = i;
    let escaped = false;
    let extra = 0; // UTF-8 bytes beyond the UTF-16 units they encode
    for (;;) {
      if (i >= n) throw DECLINE;
      const c = b[i]!;
      if (c === QUOTE) break;
      if (c < 0x20) throw DECLINE;
      if (c === BACKSLASH) {
        escaped = true;
        i += 2; // the escaped character (an escape's validity is JSON.parse's to judge)
        continue;
      }
      if (c >= 0x80) {
        if (!this.utf8Checked) {
          if (!isUtf8(b)) throw DECLINE;
          this.utf8Checked = true;
        }
        // Valid UTF-8: a lead byte of 2, 3 or 4 bytes encodes 1, 1 or 2 UTF-16 units.
        if (c >= 0xf0) extra += 2;
        else if (c >= 0xe0) extra += 2;
        else if (c >= 0xc0) extra += 1;
      }
      i++;
    }
    this.strStart = start;
    this.strEnd = i;
    this.strEscaped = escaped;
    this.strChars = i - start - extra;
    this.pos = i + 1;
  }

  /** A non-negative integer of at most 15 digits, as JSON writes it (no leading zero); anything else declines. */
  private integer(): number {
    const b = this.b;
    let i = this.pos;
    let v = 0;
    const first = b[i];
    if (first === 0x30 /* 0 */) {
      i++;
    } else {
      while (i < b.length) {
        const d = b[i]! - 0x30;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        i++;
      }
      if (i === this.pos || i - this.pos > MAX_DIGITS) throw DECLINE;
    }
    // A fraction, an exponent or a digit after a leading zero: the generic decoder's business.
    const next = b[i];
    if (next === 0x2e /* . */ || next === 0x65 /* e */ || next === 0x45 /* E */ || (next !== undefined && next >= 0x30 && next <= 0x39)) throw DECLINE;
    this.pos = i;
    return v;
  }

  private expect(c: number): void {
    if (this.b[this.pos] !== c) throw DECLINE;
    this.pos++;
  }

  /** JSON whitespace: space, tab, line feed, carriage return. */
  private ws(): void {
    const b = this.b;
    let i = this.pos;
    for (;;) {
      const c = b[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.pos = i;
  }
}

/** Whether no byte of `b` is under 0x20. */
function noControlByte(b: Buffer): boolean {
  // Four bytes at a time: a byte under 0x20 borrows into its top bit when 0x20 is subtracted, while its own top bit
  // is clear (a borrow only ever follows a byte under 0x20, so the answer is exact).
  const head = Math.min(b.length, (4 - (b.byteOffset & 3)) & 3);
  let acc = 0;
  for (let i = 0; i < head; i++) if (b[i]! < 0x20) return false;
  const words = (b.length - head) >> 2;
  const u32 = new Uint32Array(b.buffer, b.byteOffset + head, words);
  for (let k = 0; k < words; k++) {
    const w = u32[k]!;
    acc |= (w - 0x20202020) & ~w;
  }
  for (let i = head + words * 4; i < b.length; i++) if (b[i]! < 0x20) return false;
  return (acc & 0x80808080) === 0;
}

/** The UTF-16 length of the valid UTF-8 `b[s, e)`: a lead byte starts one unit (two for 4 bytes), others none. */
function utf16Length(b: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if ((c & 0xc0) !== 0x80) n++;
    if (c >= 0xf0) n++;
  }
  return n;
}

/** The value of the 4 hex digits at `i` (before `e`); declines when they are not that (JSON.parse would refuse it). */
function hex4(b: Buffer, i: number, e: number): number {
  if (i + 4 > e) throw DECLINE;
  let v = 0;
  for (let k = i; k < i + 4; k++) {
    const c = b[k]!;
    let d: number;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
    else throw DECLINE;
    v = v * 16 + d;
  }
  return v;
}

function grow<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
