/** AWS JSON 1.1: request decoding (via the generated decoders) and response/error encoding (shape-driven). */
import { AwsError } from './errors.js';
import { Ctx, serializationError } from './runtime.js';
import type { OperationDescriptor, ServiceModel } from './service.js';
import type { Shape, ShapeTable } from './shapes.js';

export function operationOf(service: ServiceModel, operation: string): OperationDescriptor {
  const op = service.operations.get(operation);
  if (!op) throw new AwsError('UnknownOperationException', '', { status: 400 });
  return op;
}

/**
 * Parses and validates a request body. An empty body is `{}`; anything but a JSON object is a
 * SerializationException; members of the wrong type are SerializationExceptions; constraint violations are the
 * service's validation error. Unknown members are ignored, as AWS does.
 */
export function decodeJsonInput(service: ServiceModel, operation: string, body: Buffer | string): unknown {
  const op = operationOf(service, operation);
  const text = typeof body === 'string' ? body : body.toString('utf8');
  let wire: unknown = {};
  if (!isBlank(text)) {
    try {
      wire = JSON.parse(text);
    } catch {
      wire = undefined;
    }
    // Coral answers a body that is not JSON, or a JSON scalar (null included), with a bare SerializationException
    // (no message); a top-level array gets the structure reader's "Start of list" message below.
    if (typeof wire !== 'object' || wire === null) throw serializationError('');
    // A member named twice is ambiguous (JSON.parse keeps the last). Strict JSON readers refuse it; AWS's answer is
    // not documented, so it gets the bare SerializationException of any body its reader cannot take.
    if (hasDuplicateKey(text)) throw serializationError('');
  }
  const c = new Ctx(service.validationErrorCode);
  if (!op.decode) {
    c.obj(wire);
    return {};
  }
  const out = op.decode(wire, c);
  c.done();
  return out;
}

/**
 * True when an object of `text` (valid JSON) names a member twice. One pass over the text, no parse tree: keys are
 * compared as written, or decoded when they hold an escape (`"a"` and `"\u0061"` are the same member).
 */
export function hasDuplicateKey(text: string): boolean {
  const stack: (string[] | Set<string> | null)[] = []; // per open container: the keys seen (objects) or null (arrays)
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // The closing quote is the next one not escaped: found with indexOf, many times faster than a loop in JS.
      const start = i;
      let q = text.indexOf('"', i + 1);
      while (q > 0) {
        let b = q - 1;
        while (text.charCodeAt(b) === 0x5c /* backslash */) b--;
        if ((q - 1 - b) % 2 === 0) break;
        q = text.indexOf('"', q + 1);
      }
      if (q < 0) return false;
      i = q + 1;
      const end = i;
      let j = i;
      while (j < n) {
        const w = text.charCodeAt(j);
        if (w !== 0x20 && w !== 0x09 && w !== 0x0a && w !== 0x0d) break;
        j++;
      }
      const keys = stack.length > 0 ? stack[stack.length - 1] : null;
      if (keys && text.charCodeAt(j) === 0x3a /* : */) {
        const raw = text.slice(start + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
        if (keys instanceof Set) {
          if (keys.has(key)) return true;
          keys.add(key);
        } else {
          if (keys.includes(key)) return true;
          keys.push(key);
          // Most objects have a few members; a big one (a map) switches to a set, to stay linear.
          if (keys.length > 8) stack[stack.length - 1] = new Set(keys);
        }
      }
      continue;
    }
    if (c === 0x7b /* { */) stack.push([]);
    else if (c === 0x5b /* [ */) stack.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    i++;
  }
  return false;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) return false;
  }
  return true;
}

/**
 * Serialises an operation's output. Only modelled members are written (so internal fields a handler leaves on an
 * object never leak); undefined/null members are omitted; timestamps become epoch seconds, blobs base64.
 */
export function encodeJsonOutput(service: ServiceModel, operation: string, output: unknown): string {
  const op = operationOf(service, operation);
  if (!op.output || output == null) return '{}';
  return encodeValue(service.shapes, op.output, output);
}

/**
 * `{"__type": code, "message": msg, ...fields}`. Coral's own SerializationException spells the key `Message`; an
 * error without a message (a bare SerializationException or UnknownOperationException) has no message key at all.
 */
export function encodeJsonError(err: AwsError): string {
  let s = `{"__type":${JSON.stringify(err.code)}`;
  if (err.message !== '') s += `,${err.code === 'SerializationException' ? '"Message"' : '"message"'}:${JSON.stringify(err.message)}`;
  for (const [k, v] of Object.entries(err.fields)) {
    if (v === undefined || k === '__type' || k === 'message') continue;
    s += `,${JSON.stringify(k)}:${JSON.stringify(v instanceof Date ? v.getTime() / 1000 : v)}`;
  }
  return s + '}';
}

/** Per-structure member plans, built once: the quoted JSON key and the member's shape. */
const plans = new WeakMap<Shape, { name: string; key: string; shape: string }[]>();

function planOf(shape: Shape & { type: 'structure' }): { name: string; key: string; shape: string }[] {
  let p = plans.get(shape);
  if (!p) {
    p = Object.entries(shape.members).map(([name, ref]) => ({ name, key: JSON.stringify(ref.locationName ?? name) + ':', shape: ref.shape }));
    plans.set(shape, p);
  }
  return p;
}

export function encodeValue(shapes: ShapeTable, name: string, v: unknown): string {
  const s = shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  switch (s.type) {
    case 'structure': {
      const o = v as Record<string, unknown>;
      let out = '{';
      for (const m of planOf(s)) {
        const x = o[m.name];
        if (x == null) continue;
        out += (out.length > 1 ? ',' : '') + m.key + encodeValue(shapes, m.shape, x);
      }
      return out + '}';
    }
    case 'list': {
      const a = v as unknown[];
      let out = '[';
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        out += (i ? ',' : '') + (x == null ? 'null' : encodeValue(shapes, s.member.shape, x));
      }
      return out + ']';
    }
    case 'map': {
      let out = '{';
      const o = v instanceof Map ? Object.fromEntries(v) : (v as Record<string, unknown>);
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (x === undefined) continue;
        out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + (x === null ? 'null' : encodeValue(shapes, s.value.shape, x));
      }
      return out + '}';
    }
    case 'string':
      return JSON.stringify(typeof v === 'string' ? v : String(v));
    case 'integer':
    case 'long':
      return String(Math.trunc(Number(v)));
    case 'float':
    case 'double': {
      const n = Number(v);
      // AWS JSON writes non-finite floats as strings.
      if (Number.isNaN(n)) return '"NaN"';
      if (!Number.isFinite(n)) return n > 0 ? '"Infinity"' : '"-Infinity"';
      return String(n);
    }
    case 'boolean':
      return v ? 'true' : 'false';
    case 'timestamp':
      return String(v instanceof Date ? v.getTime() / 1000 : Number(v));
    case 'blob':
      return `"${toBase64(v)}"`;
  }
}

export function toBase64(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return Buffer.from(String(v), 'utf8').toString('base64');
}
