/**
 * AWS Query protocol (IAM, STS): form parameters in, XML out. Parameters are first read into a tree shaped like the
 * JSON a JSON-protocol client would send (scalars already converted), then checked by the same generated decoders.
 */
import { AwsError } from './errors.js';
import { Ctx } from './runtime.js';
import type { ServiceModel } from './service.js';
import type { MemberRef, ShapeTable } from './shapes.js';
import { toBase64 } from './json.js';

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function decodeQueryInput(service: ServiceModel, operation: string, params: URLSearchParams): unknown {
  const op = service.operations.get(operation);
  if (!op) throw new AwsError('InvalidAction', `Could not find operation ${operation} for version ${service.apiVersion}`, { status: 400 });
  if (!op.input || !op.decode) return {};
  const reader = new QueryReader(service, params);
  const tree = reader.read(op.input, '', '') ?? {};
  const c = new Ctx(service.validationErrorCode);
  const out = op.decode(tree, c);
  c.done();
  return out;
}

class QueryReader {
  private readonly values = new Map<string, string>();
  /** Every dotted prefix of every parameter name, to tell whether a nested member, list or map is present. */
  private readonly prefixes = new Set<string>();
  private readonly shapes: ShapeTable;

  constructor(
    private readonly service: ServiceModel,
    params: URLSearchParams,
  ) {
    this.shapes = service.shapes;
    for (const [k, v] of params) {
      if (!this.values.has(k)) this.values.set(k, v); // the first value wins, as URLSearchParams.get
      for (let i = k.indexOf('.'); i > 0; i = k.indexOf('.', i + 1)) this.prefixes.add(k.slice(0, i));
    }
  }

  private present(key: string): boolean {
    return this.values.has(key) || this.prefixes.has(key);
  }

  /** Reads the value of shape `name` serialised under `key`; `path` is the validation path for messages. */
  read(name: string, key: string, path: string, ref?: MemberRef): unknown {
    const s = this.shapes[name];
    if (!s) throw new Error(`unknown shape ${name}`);
    switch (s.type) {
      case 'structure': {
        const o: Record<string, unknown> = {};
        // for…in rather than Object.entries: no array of pairs per structure on every request.
        for (const m in s.members) {
          const mref = s.members[m];
          const wire = mref.locationName ?? m;
          const k = key ? `${key}.${wire}` : wire;
          if (!this.present(k)) continue;
          o[m] = this.read(mref.shape, k, path ? `${path}.${lowerFirst(m)}` : lowerFirst(m), mref);
        }
        return o;
      }
      case 'list': {
        const flattened = ref?.flattened || s.flattened;
        const base = flattened ? key : `${key}.${s.member.locationName ?? 'member'}`;
        const out: unknown[] = [];
        for (let n = 1; this.present(`${base}.${n}`); n++) {
          out.push(this.read(s.member.shape, `${base}.${n}`, `${path}.${n}.member`, s.member));
        }
        // An empty list is sent as the bare name with an empty value.
        return out;
      }
      case 'map': {
        const flattened = ref?.flattened || s.flattened;
        const base = flattened ? key : `${key}.entry`;
        const kName = s.key.locationName ?? 'key';
        const vName = s.value.locationName ?? 'value';
        const out: Record<string, unknown> = {};
        for (let n = 1; this.present(`${base}.${n}`); n++) {
          const k = this.values.get(`${base}.${n}.${kName}`);
          if (k === undefined) continue;
          const vk = `${base}.${n}.${vName}`;
          out[k] = this.present(vk) ? this.read(s.value.shape, vk, `${path}.${k}`, s.value) : undefined;
        }
        return out;
      }
      default:
        return this.scalar(s.type, this.values.get(key), path, !!s.sensitive);
    }
  }

  private scalar(type: string, raw: string | undefined, path: string, sensitive: boolean): unknown {
    if (raw === undefined) return undefined;
    switch (type) {
      case 'string':
        return raw;
      case 'integer':
      case 'long':
        if (/^[-+]?\d+$/.test(raw.trim())) return Number(raw);
        return this.notNumber(raw, path, sensitive);
      case 'float':
      case 'double': {
        const n = Number(raw);
        if (raw.trim() !== '' && (!Number.isNaN(n) || raw === 'NaN')) return n;
        return this.notNumber(raw, path, sensitive);
      }
      case 'boolean': {
        const b = raw.toLowerCase();
        if (b === 'true') return true;
        if (b === 'false') return false;
        throw this.invalid(raw, path, sensitive, 'Member must be a boolean');
      }
      case 'timestamp': {
        // ISO-8601 as the SDKs send it; epoch seconds are accepted too.
        if (/^\d+(\.\d+)?$/.test(raw)) return new Date(Math.round(Number(raw) * 1000));
        const ms = Date.parse(raw);
        if (!Number.isNaN(ms)) return new Date(ms);
        throw this.invalid(raw, path, sensitive, 'Member must be a timestamp');
      }
      case 'blob':
        return Buffer.from(raw, 'base64');
      default:
        return raw;
    }
  }

  private notNumber(raw: string, path: string, sensitive: boolean): never {
    throw this.invalid(raw, path, sensitive, 'Member must be a number');
  }

  private invalid(raw: string, path: string, sensitive: boolean, constraint: string): AwsError {
    const value = sensitive ? '' : `'${raw}' `;
    return new AwsError(
      this.service.validationErrorCode,
      `1 validation error detected: Value ${value}at '${path}' failed to satisfy constraint: ${constraint}`,
      { status: 400 },
    );
  }
}

// ---- XML output ----

// Element text only: quotes stay as they are, as in AWS's own responses (`<Message>1 validation error detected:
// Value '43201' at 'durationSeconds' ...</Message>`, recorded from STS); a carriage return stays a reference so XML
// parsers do not normalise it away.
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };

const NEEDS_XML_ESCAPE = /[&<>\r]/;

export function xmlEscape(s: string): string {
  // Most values (ids, ARNs, dates) need no escaping; testing first avoids building a new string for them.
  if (!NEEDS_XML_ESCAPE.test(s)) return s;
  return s.replace(/[&<>\r]/g, (ch) => XML_ESCAPES[ch]!);
}

/** ISO-8601 in UTC, without a `.000` fraction when the time has whole seconds (as IAM prints dates). */
export function isoTimestamp(v: unknown): string {
  const d = v instanceof Date ? v : new Date(Number(v) * 1000);
  const s = d.toISOString();
  return s.endsWith('.000Z') ? s.slice(0, -5) + 'Z' : s;
}

export function encodeQueryOutput(service: ServiceModel, operation: string, output: unknown, requestId: string): string {
  const op = service.operations.get(operation);
  if (!op) throw new Error(`unknown operation ${operation}`);
  let s = `<${operation}Response xmlns="${service.xmlNamespace ?? ''}">`;
  if (op.output) {
    const wrapper = op.resultWrapper ?? `${operation}Result`;
    s += `<${wrapper}>${output == null ? '' : structMembers(service.shapes, op.output, output)}</${wrapper}>`;
  }
  return `${s}<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata></${operation}Response>`;
}

export function encodeQueryError(service: ServiceModel, err: AwsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${service.xmlNamespace ?? ''}"><Error><Type>${err.fault === 'server' ? 'Receiver' : 'Sender'}</Type>` +
    `<Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error>` +
    `<RequestId>${xmlEscape(requestId)}</RequestId></ErrorResponse>`
  );
}

function structMembers(shapes: ShapeTable, name: string, v: unknown): string {
  const s = shapes[name];
  if (!s || s.type !== 'structure') throw new Error(`shape ${name} is not a structure`);
  const o = v as Record<string, unknown>;
  let out = '';
  for (const m in s.members) {
    const ref = s.members[m];
    const x = o[m];
    if (x == null) continue;
    out += element(shapes, ref.locationName ?? m, ref, x);
  }
  return out;
}

function element(shapes: ShapeTable, tag: string, ref: MemberRef, v: unknown): string {
  const s = shapes[ref.shape];
  if (!s) throw new Error(`unknown shape ${ref.shape}`);
  switch (s.type) {
    case 'structure':
      return `<${tag}>${structMembers(shapes, ref.shape, v)}</${tag}>`;
    case 'list': {
      const items = v as unknown[];
      if (ref.flattened || s.flattened) {
        const itemTag = s.member.locationName ?? tag;
        return items.map((x) => (x == null ? '' : element(shapes, itemTag, s.member, x))).join('');
      }
      if (items.length === 0) return `<${tag}/>`;
      const itemTag = s.member.locationName ?? 'member';
      let out = `<${tag}>`;
      for (const x of items) if (x != null) out += element(shapes, itemTag, s.member, x);
      return out + `</${tag}>`;
    }
    case 'map': {
      const o = v instanceof Map ? Object.fromEntries(v) : (v as Record<string, unknown>);
      const kTag = s.key.locationName ?? 'key';
      const vTag = s.value.locationName ?? 'value';
      let entries = '';
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (x == null) continue;
        const body = `<${kTag}>${xmlEscape(k)}</${kTag}>${element(shapes, vTag, s.value, x)}`;
        entries += ref.flattened || s.flattened ? `<${tag}>${body}</${tag}>` : `<entry>${body}</entry>`;
      }
      return ref.flattened || s.flattened ? entries : `<${tag}>${entries}</${tag}>`;
    }
    case 'timestamp':
      return `<${tag}>${isoTimestamp(v)}</${tag}>`;
    case 'blob':
      return `<${tag}>${toBase64(v)}</${tag}>`;
    case 'boolean':
      return `<${tag}>${v ? 'true' : 'false'}</${tag}>`;
    case 'integer':
    case 'long':
      return `<${tag}>${Math.trunc(Number(v))}</${tag}>`;
    default:
      return `<${tag}>${xmlEscape(String(v))}</${tag}>`;
  }
}
