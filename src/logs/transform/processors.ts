/**
 * A transformer configuration, validated as AWS validates `PutTransformer` / `TestTransformer`, and compiled into
 * a pipeline run on each event at ingestion. Every user regex (grok, substituteString) runs on V8's linear-time
 * engine; nothing here backtracks on user input.
 */
import { compileQueryRegex, UnsafeRegexError } from '../../insights/safeRegex.js';
import type { Processor } from '../../protocol/generated/logs.js';
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import { messages } from '../messages.js';
import { DatePatternError, formatWith, parseWith, tokenize, validZone } from './dateTime.js';
import { countFields, isObject, putKey, type EventMetadata, type Json, type JsonObject, MAX_KEY_DEPTH, MESSAGE_KEY, METADATA_KEYS, TransformEvent, TransformFailure } from './event.js';
import { compileGrok, GrokError } from './grok.js';
import { VENDED_PARSERS } from './vended.js';

/** AWS: "Each transformer can extract up to 200 fields from a log event." */
export const MAX_FIELDS = 200;
/** AWS: at most five parser-type processors, built-in and configurable together. */
export const MAX_PARSERS = 5;
export const DEFAULT_TARGET_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

const CONFIGURABLE_PARSERS = new Set(['parseJSON', 'grok', 'csv', 'parseKeyValue']);
/** Processors AWS allows once per transformer. */
const ONCE = new Set(['grok', 'addKeys', 'copyValue']);

type Step = (e: TransformEvent) => void;

/** The outcome of transforming one event. */
export type TransformResult = { ok: true; json: string } | { ok: false; error: string };

export interface CompiledTransformer {
  apply(message: string, meta: EventMetadata): TransformResult;
}

function invalid(detail: string): InvalidParameterException {
  return new InvalidParameterException(messages.invalidTransformer(detail));
}

/** A key path within AWS's depth limit. */
function checkPath(what: string, path: string | undefined): void {
  if (path === undefined) return;
  if (path.split('.').length > MAX_KEY_DEPTH) throw invalid(messages.transformerKeyTooDeep(what, path, MAX_KEY_DEPTH));
  if (path.split('.').some((p) => p === '')) throw invalid(messages.transformerBadKey(what, path));
}

/** Validates a configuration and compiles it; throws InvalidParameterException naming the first problem. */
export function compileTransformer(config: readonly Processor[]): CompiledTransformer {
  const steps: Step[] = [];
  let parsers = 0;
  const seen = new Set<string>();
  config.forEach((p, i) => {
    const kinds = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined && (p as Record<string, unknown>)[k] !== null);
    if (kinds.length !== 1) throw invalid(messages.transformerOneKind(i + 1));
    const kind = kinds[0]!;
    const isVended = kind in VENDED_PARSERS || kind === 'parseToOCSF';
    const isParser = isVended || CONFIGURABLE_PARSERS.has(kind);
    if (i === 0 && !isParser) throw invalid(messages.transformerFirstParser);
    if (isVended && i !== 0) throw invalid(messages.transformerVendedFirst(kind));
    if (isParser && ++parsers > MAX_PARSERS) throw invalid(messages.transformerTooManyParsers(MAX_PARSERS));
    if (ONCE.has(kind) && seen.has(kind)) throw invalid(messages.transformerOnce(kind));
    seen.add(kind);
    steps.push(compileStep(kind, (p as Record<string, unknown>)[kind] as Record<string, unknown>, i === 0));
  });
  return {
    apply(message, meta) {
      const e = new TransformEvent(message, meta);
      try {
        for (const s of steps) s(e);
      } catch (err) {
        if (err instanceof TransformFailure) return { ok: false, error: err.message };
        throw err;
      }
      if (countFields(e.root, MAX_FIELDS) > MAX_FIELDS) return { ok: false, error: `the transformer extracted more than ${MAX_FIELDS} fields` };
      return { ok: true, json: JSON.stringify(e.root) };
    },
  };
}

function str(e: TransformEvent, path: string): string {
  const v = e.get(path);
  if (typeof v !== 'string') throw new TransformFailure(v === undefined ? `${path} is not present` : `${path} is not a string`);
  return v;
}

/** Puts parsed members under `destination`, or at the root. */
function place(e: TransformEvent, destination: string | undefined, values: JsonObject, overwrite = true): void {
  const target = e.objectAt(destination);
  for (const k of Object.keys(values)) if (overwrite || !Object.prototype.hasOwnProperty.call(target, k)) putKey(target, k, values[k]!);
}

/** A delimiter as AWS writes it: one or two characters, `\t` for a tab and `\s` for a space. */
function delimiter(d: string): string {
  return d === '\\t' ? '\t' : d === '\\s' ? ' ' : d;
}

function compileStep(kind: string, c: Record<string, unknown>, first: boolean): Step {
  const source = (c['source'] as string | undefined) ?? MESSAGE_KEY;
  switch (kind) {
    case 'parseJSON': {
      const destination = c['destination'] as string | undefined;
      checkPath('source', c['source'] as string | undefined);
      checkPath('destination', destination);
      if (first && source !== MESSAGE_KEY) throw invalid(messages.transformerFirstSource(kind));
      return (e) => {
        let v: unknown;
        try {
          v = JSON.parse(str(e, source));
        } catch (err) {
          if (err instanceof TransformFailure) throw err;
          throw new TransformFailure(`${source} is not valid JSON`);
        }
        if (destination !== undefined) e.set(destination, v as Json);
        else if (isObject(v)) place(e, undefined, v);
        else throw new TransformFailure(`${source} is not a JSON object`);
      };
    }
    case 'grok': {
      checkPath('source', c['source'] as string | undefined);
      let g;
      try {
        g = compileGrok(c['match'] as string);
      } catch (err) {
        if (err instanceof GrokError) throw invalid(err.message);
        throw err;
      }
      return (e) => {
        const found = g.match(str(e, source));
        if (!found) throw new TransformFailure('the grok pattern did not match');
        for (const [name, value] of found) e.set(name, value);
      };
    }
    case 'csv': {
      const quote = (c['quoteCharacter'] as string | undefined) ?? '"';
      const delim = delimiter((c['delimiter'] as string | undefined) ?? ',');
      const columns = (c['columns'] as string[] | undefined) ?? [];
      const destination = c['destination'] as string | undefined;
      if (delim.length !== 1) throw invalid(messages.transformerCsvDelimiter);
      if (delim === quote) throw invalid(messages.transformerCsvQuoteIsDelimiter);
      checkPath('source', c['source'] as string | undefined);
      checkPath('destination', destination);
      if (first && source !== MESSAGE_KEY) throw invalid(messages.transformerFirstSource(kind));
      return (e) => {
        const cells = splitCsv(str(e, source), delim, quote);
        const out: JsonObject = {};
        cells.forEach((cell, i) => putKey(out, columns[i] ?? `column_${i + 1}`, cell));
        place(e, destination, out);
      };
    }
    case 'parseKeyValue': {
      const fieldDelim = (c['fieldDelimiter'] as string | undefined) ?? '&';
      const kvDelim = (c['keyValueDelimiter'] as string | undefined) ?? '=';
      const prefix = (c['keyPrefix'] as string | undefined) ?? '';
      const nonMatch = c['nonMatchValue'] as string | undefined;
      const overwrite = (c['overwriteIfExists'] as boolean | undefined) ?? false;
      const destination = c['destination'] as string | undefined;
      checkPath('source', c['source'] as string | undefined);
      checkPath('destination', destination);
      if (first && source !== MESSAGE_KEY) throw invalid(messages.transformerFirstSource(kind));
      return (e) => {
        const out: JsonObject = {};
        for (const part of str(e, source).split(fieldDelim)) {
          if (part === '') continue;
          const at = part.indexOf(kvDelim);
          if (at < 0) {
            if (nonMatch !== undefined) putKey(out, prefix + part, nonMatch);
            continue;
          }
          putKey(out, prefix + part.slice(0, at), part.slice(at + kvDelim.length));
        }
        place(e, destination, out, overwrite);
      };
    }
    case 'addKeys': {
      const entries = c['entries'] as { key: string; value: string; overwriteIfExists?: boolean }[];
      for (const x of entries) checkPath('key', x.key);
      return (e) => {
        for (const x of entries) e.set(x.key, x.value, x.overwriteIfExists ?? false);
      };
    }
    case 'deleteKeys': {
      const keys = c['withKeys'] as string[];
      for (const k of keys) checkPath('withKeys', k);
      return (e) => {
        for (const k of keys) e.delete(k);
      };
    }
    case 'moveKeys':
    case 'copyValue': {
      const entries = c['entries'] as { source: string; target: string; overwriteIfExists?: boolean }[];
      for (const x of entries) {
        if (kind === 'moveKeys' || METADATA_KEYS[x.source] === undefined) checkPath('source', x.source);
        checkPath('target', x.target);
      }
      return (e) => {
        for (const x of entries) {
          const v = e.get(x.source);
          if (v === undefined) continue;
          if (e.has(x.target) && !(x.overwriteIfExists ?? false)) continue;
          if (kind === 'moveKeys') e.delete(x.source);
          e.set(x.target, structuredClone(v));
        }
      };
    }
    case 'renameKeys': {
      const entries = c['entries'] as { key: string; renameTo: string; overwriteIfExists?: boolean }[];
      for (const x of entries) {
        checkPath('key', x.key);
        if (x.renameTo.includes('.')) throw invalid(messages.transformerBadKey('renameTo', x.renameTo));
      }
      return (e) => {
        for (const x of entries) {
          if (!e.has(x.key)) continue;
          const parent = x.key.includes('.') ? x.key.slice(0, x.key.lastIndexOf('.') + 1) : '';
          const target = parent + x.renameTo;
          if (e.has(target) && !(x.overwriteIfExists ?? false)) continue;
          e.set(target, e.delete(x.key)!);
        }
      };
    }
    case 'listToMap': {
      const key = c['key'] as string;
      const valueKey = c['valueKey'] as string | undefined;
      const target = c['target'] as string | undefined;
      const flatten = (c['flatten'] as boolean | undefined) ?? false;
      const element = c['flattenedElement'] as string | undefined;
      checkPath('source', c['source'] as string);
      checkPath('target', target);
      if (flatten && element === undefined) throw invalid(messages.transformerFlattenedElement);
      if (!flatten && element !== undefined) throw invalid(messages.transformerFlattenedElementWithoutFlatten);
      return (e) => {
        const list = e.get(source);
        if (!Array.isArray(list)) throw new TransformFailure(`${source} is not a list`);
        const out: JsonObject = {};
        for (const item of list) {
          if (!isObject(item) || typeof item[key] !== 'string') continue;
          const k = item[key];
          const v = valueKey === undefined ? item : item[valueKey];
          if (v === undefined) continue;
          const prev = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
          if (flatten) {
            if (element === 'last' || prev === undefined) putKey(out, k, v);
          } else if (Array.isArray(prev)) prev.push(v);
          else putKey(out, k, [v]);
        }
        place(e, target, out);
      };
    }
    case 'lowerCaseString':
    case 'upperCaseString':
    case 'trimString': {
      const keys = c['withKeys'] as string[];
      for (const k of keys) checkPath('withKeys', k);
      const f = kind === 'lowerCaseString' ? (s: string) => s.toLowerCase() : kind === 'upperCaseString' ? (s: string) => s.toUpperCase() : (s: string) => s.trim();
      return (e) => {
        for (const k of keys) {
          const v = e.get(k);
          if (typeof v === 'string') e.set(k, f(v));
        }
      };
    }
    case 'splitString': {
      const entries = c['entries'] as { source: string; delimiter: string }[];
      for (const x of entries) checkPath('source', x.source);
      return (e) => {
        for (const x of entries) {
          const v = e.get(x.source);
          if (typeof v === 'string') e.set(x.source, v.split(delimiter(x.delimiter)));
        }
      };
    }
    case 'substituteString': {
      const entries = (c['entries'] as { source: string; from: string; to: string }[]).map((x) => {
        checkPath('source', x.source);
        let re: RegExp;
        try {
          const base = compileQueryRegex(x.from);
          re = new RegExp(base.source, `${base.flags}g`);
        } catch (err) {
          if (err instanceof UnsafeRegexError) throw invalid(messages.transformerRegexNotLinear(x.from));
          throw invalid(messages.transformerBadRegex(x.from));
        }
        return { source: x.source, re, to: javaReplacement(x.to) };
      });
      return (e) => {
        for (const x of entries) {
          const v = e.get(x.source);
          if (typeof v === 'string') e.set(x.source, v.replace(x.re, x.to));
        }
      };
    }
    case 'typeConverter': {
      const entries = c['entries'] as { key: string; type: string }[];
      for (const x of entries) checkPath('key', x.key);
      return (e) => {
        for (const x of entries) {
          const v = e.get(x.key);
          if (v === undefined || v === null || typeof v === 'object') continue;
          e.set(x.key, convert(v, x.type, x.key));
        }
      };
    }
    case 'dateTimeConverter':
      return compileDateTime(c);
    case 'parseToOCSF':
      throw invalid(messages.transformerUnsupported(kind));
    default: {
      const vended = VENDED_PARSERS[kind];
      if (!vended) throw invalid(messages.transformerUnsupported(kind));
      if (source !== MESSAGE_KEY) throw invalid(messages.transformerFirstSource(kind));
      return (e) => {
        const out = vended(e.message);
        if (!out) throw new TransformFailure(`the event is not in the format ${kind} reads`);
        place(e, undefined, out);
      };
    }
  }
}

/** Java's replacement syntax (`$1`, `\$` for a dollar) as JavaScript's (`$1`, `$$`). */
function javaReplacement(to: string): string {
  let out = '';
  for (let i = 0; i < to.length; i++) {
    const ch = to[i]!;
    if (ch === '\\' && i + 1 < to.length) {
      const n = to[++i]!;
      out += n === '$' ? '$$' : n;
    } else if (ch === '$' && !/[0-9{]/.test(to[i + 1] ?? '')) out += '$$';
    else out += ch;
  }
  return out;
}

function convert(v: string | number | boolean, type: string, key: string): Json {
  const s = String(v).trim();
  switch (type) {
    case 'string':
      return String(v);
    case 'boolean':
      if (/^true$/i.test(s)) return true;
      if (/^false$/i.test(s)) return false;
      throw new TransformFailure(`${key} cannot be converted to boolean`);
    case 'integer': {
      if (!/^[+-]?\d+$/.test(s)) throw new TransformFailure(`${key} cannot be converted to integer`);
      const n = Number(s);
      if (!Number.isSafeInteger(n)) throw new TransformFailure(`${key} cannot be converted to integer`);
      return n;
    }
    case 'double': {
      const n = s === '' ? NaN : Number(s);
      if (!Number.isFinite(n)) throw new TransformFailure(`${key} cannot be converted to double`);
      return n;
    }
  }
  throw new TransformFailure(`unknown type ${type}`);
}

function compileDateTime(c: Record<string, unknown>): Step {
  const source = c['source'] as string;
  const target = c['target'] as string;
  checkPath('source', source);
  checkPath('target', target);
  const sourceZone = (c['sourceTimezone'] as string | undefined) ?? 'UTC';
  const targetZone = (c['targetTimezone'] as string | undefined) ?? 'UTC';
  const locale = c['locale'] as string | undefined;
  if (!validZone(sourceZone)) throw invalid(messages.transformerTimezone(sourceZone));
  if (!validZone(targetZone)) throw invalid(messages.transformerTimezone(targetZone));
  if (locale !== undefined) {
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      throw invalid(messages.transformerLocale(locale));
    }
  }
  let patterns;
  let targetFormat;
  try {
    patterns = (c['matchPatterns'] as string[]).map(tokenize);
    targetFormat = tokenize((c['targetFormat'] as string | undefined) ?? DEFAULT_TARGET_FORMAT);
  } catch (err) {
    if (err instanceof DatePatternError) throw invalid(err.message);
    throw err;
  }
  return (e) => {
    const v = e.get(source);
    if (v === undefined) return;
    const text = String(v);
    for (const p of patterns) {
      const t = parseWith(p, text, sourceZone);
      if (t) {
        e.set(target, formatWith(targetFormat, t.ms, t.nanos, targetZone));
        return;
      }
    }
    throw new TransformFailure(`${source} matches none of the date patterns`);
  };
}

/** One CSV line: cells separated by `delim`, a cell quoted with `quote` may hold delimiters and doubled quotes. */
export function splitCsv(line: string, delim: string, quote: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === quote) {
        if (line[i + 1] === quote) {
          cell += quote;
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === quote && cell === '') quoted = true;
    else if (ch === delim) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}
