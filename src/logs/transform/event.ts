/** The event a transformer builds: a JSON object, addressed by dotted paths (`a.b.c`, at most three levels). */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** What a transformer knows of an event besides its message (copyValue's metadata keys). */
export interface EventMetadata {
  logGroupName: string;
  logStreamName: string;
  accountId: string;
  region: string;
}

/** Metadata keys copyValue may read, as AWS names them. */
export const METADATA_KEYS: Readonly<Record<string, keyof EventMetadata>> = {
  '@logGroupName': 'logGroupName',
  '@logGroupStream': 'logStreamName',
  '@accountId': 'accountId',
  '@regionName': 'region',
};

export const MESSAGE_KEY = '@message';
/** AWS's limit on the path of a key ("Maximum nested key depth: 3"). */
export const MAX_KEY_DEPTH = 3;

/** A processor could not transform this event; it keeps its original message and carries this reason. */
export class TransformFailure extends Error {}

/**
 * Sets `o[k]`; a key named `__proto__` (user data may name one) becomes an own property instead of changing the
 * object's prototype.
 */
export function putKey(o: JsonObject, k: string, v: Json): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One event being transformed: the original message (`@message`, never changed) and the fields extracted so far. */
export class TransformEvent {
  readonly root: JsonObject = {};

  constructor(
    readonly message: string,
    readonly meta: EventMetadata,
  ) {}

  /** The value at `path`: `@message`, a metadata key, or a dotted path into the fields. */
  get(path: string): Json | undefined {
    if (path === MESSAGE_KEY) return this.message;
    const mk = METADATA_KEYS[path];
    if (mk !== undefined) return this.meta[mk];
    let v: Json | undefined = this.root;
    for (const part of path.split('.')) {
      if (!isObject(v)) return undefined;
      v = Object.prototype.hasOwnProperty.call(v, part) ? v[part] : undefined;
    }
    return v;
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** Sets `path`, creating objects on the way (a non-object on the way is replaced). */
  set(path: string, value: Json, overwrite = true): void {
    const parts = path.split('.');
    let o = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      const next = o[p];
      if (!isObject(next)) {
        if (next !== undefined && !overwrite) return;
        const created: JsonObject = {};
        putKey(o, p, created);
        o = created;
      } else o = next;
    }
    const last = parts[parts.length - 1]!;
    if (!overwrite && Object.prototype.hasOwnProperty.call(o, last)) return;
    putKey(o, last, value);
  }

  /** Removes `path`; returns its value. */
  delete(path: string): Json | undefined {
    const parts = path.split('.');
    let o: Json | undefined = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      if (!isObject(o)) return undefined;
      o = o[parts[i]!];
    }
    if (!isObject(o)) return undefined;
    const last = parts[parts.length - 1]!;
    if (!Object.prototype.hasOwnProperty.call(o, last)) return undefined;
    const v = o[last];
    delete o[last];
    return v;
  }

  /** The object at `path` (the root when undefined), created when missing. */
  objectAt(path: string | undefined): JsonObject {
    if (path === undefined) return this.root;
    const v = this.get(path);
    if (isObject(v)) return v;
    const created: JsonObject = {};
    this.set(path, created);
    return created;
  }
}

/** How many leaf values an object holds (AWS's 200-field limit counts extracted fields). */
export function countFields(v: Json, limit: number): number {
  let n = 0;
  const walk = (x: Json): void => {
    if (n > limit) return;
    if (Array.isArray(x)) x.forEach(walk);
    else if (isObject(x)) for (const k in x) walk(x[k]!);
    else n++;
  };
  walk(v);
  return n;
}
