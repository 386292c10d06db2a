/** Rows a query works on: log events (system fields, discovered fields on demand) and rows made by stats. */
import { Time, type Value } from './values.js';

/** AWS discovers at most this many fields per event. */
export const MAX_DISCOVERED_FIELDS = 1000;

export interface Row {
  get(name: string): Value;
  set(name: string, v: Value): void;
  /** Every field the row has, in discovery order (GetLogRecord, GetLogGroupFields, unnest). */
  names(): string[];
  /** The raw JSON value of a discovered field (for unnest), when the event is JSON. */
  raw?(name: string): unknown;
  /** `unmask(name)`: the field as the unmasked event holds it (events a data protection policy masked). */
  unmasked?(name: string): Value;
}

/** What an event row is made of. */
export interface EventData {
  timestamp: number;
  ingestionTime: number;
  message: string;
  logStream: string;
  /** `ACCOUNT:GROUP`, as AWS shows `@log`. */
  log: string;
  /** `@ptr`, or how to make it (most queries never show it). */
  ptr: string | (() => string);
  /** The message before masking, when masking changed it (`message` is then what the caller sees). */
  original?: string;
  /** The event's transformed version (log transformers): fields are discovered from it instead of `@message`. */
  transformed?: string | undefined;
  /** Why the group's transformer could not transform the event (`@transformationError`). */
  transformationError?: string | undefined;
}

export const SYSTEM_FIELDS = ['@timestamp', '@message', '@logStream', '@log', '@ingestionTime', '@ptr'] as const;

export class EventRow implements Row {
  private extra: Map<string, Value> | undefined;
  private found: Map<string, Value> | undefined;
  private json: unknown;
  /** The row of the original message, for `unmask`. */
  private plain: EventRow | undefined;

  constructor(readonly ev: EventData) {}

  get(name: string): Value {
    if (this.extra) {
      const v = this.extra.get(name);
      if (v !== undefined || this.extra.has(name)) return v;
    }
    switch (name) {
      case '@timestamp':
        return new Time(this.ev.timestamp);
      case '@message':
        return this.ev.message;
      case '@logStream':
        return this.ev.logStream;
      case '@log':
        return this.ev.log;
      case '@ingestionTime':
        return new Time(this.ev.ingestionTime);
      case '@ptr': {
        const p = this.ev.ptr;
        return typeof p === 'string' ? p : p();
      }
      case '@transformationError':
        if (this.ev.transformationError !== undefined) return this.ev.transformationError;
        return this.discovered().get(name);
      default:
        return this.discovered().get(name);
    }
  }

  set(name: string, v: Value): void {
    (this.extra ??= new Map()).set(name, v);
  }

  names(): string[] {
    const out: string[] = [...SYSTEM_FIELDS];
    if (this.ev.transformationError !== undefined) out.push('@transformationError');
    for (const k of this.discovered().keys()) out.push(k);
    if (this.extra) for (const k of this.extra.keys()) if (!out.includes(k)) out.push(k);
    return out;
  }

  /** `unmask(name)`: the field read from the original message (the same as `get` when nothing was masked). */
  unmasked(name: string): Value {
    if (this.extra?.has(name) || this.ev.original === undefined) return this.get(name);
    if (name === '@message') return this.ev.original;
    return (this.plain ??= new EventRow({ ...this.ev, message: this.ev.original, original: undefined })).get(name);
  }

  raw(name: string): unknown {
    this.discovered();
    let v: unknown = this.json;
    for (const part of name.split('.')) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[part];
    }
    return v;
  }

  /** Fields of the message: JSON members flattened, else `key=value` pairs. Computed once, when first asked. */
  discovered(): Map<string, Value> {
    if (!this.found) {
      this.found = new Map();
      const m = this.ev.transformed ?? this.ev.message;
      const t = m.trimStart();
      if (t.startsWith('{')) {
        try {
          this.json = JSON.parse(m);
        } catch {
          this.json = undefined;
        }
      }
      if (this.json !== undefined && this.json !== null && typeof this.json === 'object') flatten(this.json, '', this.found);
      else keyValues(m, this.found);
    }
    return this.found;
  }
}

/** JSON members as `a.b.c` and array elements as `a.0`; objects and arrays also keep their JSON text. */
export function flatten(v: unknown, prefix: string, out: Map<string, Value>): void {
  if (out.size >= MAX_DISCOVERED_FIELDS) return;
  if (Array.isArray(v)) {
    if (prefix) out.set(prefix, JSON.stringify(v));
    v.forEach((x, i) => flatten(x, prefix ? `${prefix}.${i}` : String(i), out));
    return;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (!prefix) return;
  if (v === null) out.set(prefix, 'null');
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') out.set(prefix, v);
}

const KV = /(?:^|[\s,;])([A-Za-z_][A-Za-z0-9_.\-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;]*)/g;

/** `key=value` pairs of a plain-text event (values may be quoted). */
export function keyValues(m: string, out: Map<string, Value>): void {
  if (m.indexOf('=') < 0) return;
  KV.lastIndex = 0;
  for (let r = KV.exec(m); r && out.size < MAX_DISCOVERED_FIELDS; r = KV.exec(m)) {
    let v = r[2]!;
    if ((v.startsWith('"') && v.endsWith('"') && v.length >= 2) || (v.startsWith("'") && v.endsWith("'") && v.length >= 2)) v = v.slice(1, -1);
    if (!out.has(r[1]!)) out.set(r[1]!, v);
  }
}

/** A row made by stats, pattern or unnest: plain named values. */
export class MapRow implements Row {
  constructor(readonly values: Map<string, Value> = new Map()) {}
  get(name: string): Value {
    return this.values.get(name);
  }
  set(name: string, v: Value): void {
    this.values.set(name, v);
  }
  names(): string[] {
    return [...this.values.keys()];
  }
}
