/**
 * Helpers called by the generated decoders (src/protocol/generated/*.ts). The generated code does the walking and the
 * cheap checks inline; these helpers only run when something is wrong (building messages) or for conversions.
 *
 * Messages follow the AWS (Coral) wording:
 *   Value 'x' at 'a.b' failed to satisfy constraint: Member must ...
 * - `Value null at` for a missing required member, `Value at` (no value) for sensitive members;
 * - paths are member names with the first letter lower-cased, joined by `.`; a list item is `list.N.member`
 *   (1-based); map key/value problems are reported once each at the map's own path;
 * - values print as Java would: lists `[a, b]`, maps `{k=v}`, doubles `1.0`, blobs as a HeapByteBuffer;
 * - at most 10 messages are reported, prefixed `N validation error(s) detected: ` and joined by `; `.
 */
import { AwsError } from './errors.js';

/** Flags passed by generated code. */
export const SENSITIVE = 1;
export const DOUBLE = 2;

const MAX_REPORTED = 10;

/** A path segment: a (lower-cased) member name, a 0-based list index, or a map key. */
export type Seg = string | number;

export function serializationError(message: string): AwsError {
  return new AwsError('SerializationException', message, { status: 400 });
}

export class Ctx {
  /** Path of the value being decoded (segments pushed by the generated code around nested values). */
  readonly p: Seg[] = [];
  readonly e: string[] = [];

  constructor(readonly validationErrorCode: string) {}

  // --- type checks (serialization errors: thrown at once, as AWS fails deserialization before validating) ---

  obj(v: unknown): Record<string, any> {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date)) {
      return v as Record<string, any>;
    }
    if (Array.isArray(v)) throw serializationError('Start of list found where not expected');
    throw serializationError('Expected null');
  }

  map(v: unknown): Record<string, any> {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date)) {
      return v as Record<string, any>;
    }
    if (Array.isArray(v)) throw serializationError('Start of list found where not expected');
    throw serializationError('Expected map or null');
  }

  arr(v: unknown): any[] {
    if (Array.isArray(v)) return v;
    if (typeof v === 'object' && v !== null) throw serializationError('Start of structure or map found where not expected.');
    throw serializationError('Expected list or null');
  }

  str(v: unknown): never {
    throw notConvertible(v, 'an String');
  }

  num(v: unknown, javaType: string): never {
    throw notConvertible(v, `an ${javaType}`);
  }

  bool(v: unknown): boolean {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const u = v.toUpperCase();
      if (u === 'TRUE') return true;
      if (u === 'FALSE') return false;
      throw serializationError(`'${u}' can not be converted to an Boolean`);
    }
    throw notConvertible(v, 'an Boolean');
  }

  /** Blobs travel as base64 in JSON; the Query reader hands over bytes already. */
  blob(v: unknown, flags: number): Uint8Array {
    if (v instanceof Uint8Array) return v;
    if (typeof v !== 'string') throw notConvertible(v, 'a Blob');
    const shown = flags & SENSITIVE ? '' : `'${v}' `;
    if (v.length % 4 !== 0) {
      throw serializationError(`${shown}can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${v.length}`);
    }
    const bad = /[^A-Za-z0-9+/=]|=[^=]/.exec(v);
    if (bad) throw serializationError(`${shown}can not be converted to a Blob: Invalid Base64 character: '${flags & SENSITIVE ? '*' : bad[0][0]}'`);
    // Coral's decoder is strict: the bits a padded final group does not use must be zero (AWS's typo kept).
    if (!paddingBitsZero(v)) throw serializationError(`${shown}can not be converted to a Blob: Invalid last non-pad Base64 character dectected`);
    return Buffer.from(v, 'base64');
  }

  /** AWS JSON timestamps are epoch seconds (fractions allowed). */
  ts(v: unknown): Date {
    if (v instanceof Date) return v;
    if (typeof v === 'number') return new Date(Math.round(v * 1000));
    throw notConvertible(v, 'an Date');
  }

  // --- constraint violations (collected, thrown together by done()) ---

  /** Reports a missing required member; returns undefined so generated code can use it as the member's value. */
  nul(leaf: Seg | null): any {
    this.add(`Value null at '${this.path(leaf)}' failed to satisfy constraint: Member must not be null`);
  }

  lmin(v: unknown, leaf: Seg | null, n: number, f: number): void {
    this.bad(v, leaf, `Member must have length greater than or equal to ${n}`, f);
  }

  lmax(v: unknown, leaf: Seg | null, n: number, f: number): void {
    this.bad(v, leaf, `Member must have length less than or equal to ${n}`, f);
  }

  vmin(v: unknown, leaf: Seg | null, n: number, f: number): void {
    this.bad(v, leaf, `Member must have value greater than or equal to ${javaNumber(n, f)}`, f);
  }

  vmax(v: unknown, leaf: Seg | null, n: number, f: number): void {
    this.bad(v, leaf, `Member must have value less than or equal to ${javaNumber(n, f)}`, f);
  }

  pat(v: unknown, leaf: Seg | null, pattern: string, f: number): void {
    this.bad(v, leaf, `Member must satisfy regular expression pattern: ${pattern}`, f);
  }

  en(v: unknown, leaf: Seg | null, values: ReadonlySet<string>, f: number): void {
    this.bad(v, leaf, `Member must satisfy enum value set: [${[...values].join(', ')}]`, f);
  }

  /** A violation whose constraint text was prepared at generation time (map key/value constraints). */
  bad(v: unknown, leaf: Seg | null, constraint: string, f: number): void {
    if (this.e.length >= MAX_REPORTED) return;
    const value = v == null ? 'null ' : f & SENSITIVE ? '' : `'${javaString(v, f)}' `;
    this.add(`Value ${value}at '${this.path(leaf)}' failed to satisfy constraint: ${constraint}`);
  }

  /** Throws the collected violations, if any, as one validation error. */
  done(): void {
    const n = this.e.length;
    if (n === 0) return;
    const head = n === 1 ? '1 validation error detected: ' : `${n} validation errors detected: `;
    throw new AwsError(this.validationErrorCode, head + this.e.join('; '), { status: 400 });
  }

  private add(msg: string): void {
    if (this.e.length < MAX_REPORTED) this.e.push(msg);
  }

  private path(leaf: Seg | null): string {
    let s = '';
    for (const seg of this.p) s = s === '' ? fmtSeg(seg) : `${s}.${fmtSeg(seg)}`;
    if (leaf === null) return s;
    return s === '' ? fmtSeg(leaf) : `${s}.${fmtSeg(leaf)}`;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Whether the unused low bits of the last data character of a padded base64 string are zero. */
function paddingBitsZero(v: string): boolean {
  const pad = v.endsWith('==') ? 2 : v.endsWith('=') ? 1 : 0;
  if (pad === 0) return true;
  const last = B64.indexOf(v.charAt(v.length - pad - 1));
  return (last & (pad === 2 ? 0x0f : 0x03)) === 0;
}

function fmtSeg(seg: Seg): string {
  return typeof seg === 'number' ? `${seg + 1}.member` : seg;
}

/**
 * The SerializationException for a value that is not of the modelled scalar type: Coral's reader refuses the start of
 * an array or object before converting anything, and otherwise names the Java class of the token.
 */
function notConvertible(v: unknown, target: string): AwsError {
  if (Array.isArray(v)) return serializationError('Start of list found where not expected');
  if (typeof v === 'object' && v !== null) return serializationError('Start of structure or map found where not expected.');
  return serializationError(`${javaClassOf(v)} can not be converted to ${target}`);
}

/** How Coral names the JSON token it could not convert. */
function javaClassOf(v: unknown): string {
  if (typeof v === 'string') return 'class java.lang.String';
  if (typeof v === 'boolean') return 'class java.lang.Boolean';
  if (typeof v === 'number') return 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';
  if (Array.isArray(v)) return 'class java.util.ArrayList';
  return 'class java.util.LinkedHashMap';
}

function javaNumber(n: number, f: number): string {
  return f & DOUBLE && Number.isInteger(n) ? `${n}.0` : String(n);
}

/** Java's toString of the decoded value (String, Integer, Double, List, Map, ByteBuffer). */
export function javaString(v: unknown, f = 0): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return javaNumber(v, f);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `java.nio.HeapByteBuffer[pos=0 lim=${v.length} cap=${v.length}]`;
  if (v instanceof Date) return v.toISOString();
  if (v == null) return 'null';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ', ' : '') + javaString(v[i], f);
    return s + ']';
  }
  let s = '{';
  let first = true;
  for (const k of Object.keys(v as object)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    s += (first ? '' : ', ') + k + '=' + javaString(x, f);
    first = false;
  }
  return s + '}';
}
