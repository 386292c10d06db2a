/**
 * A strict JSON parser for policy documents: the same grammar and values as `JSON.parse` (RFC 8259), but an object
 * that names a member twice is an error instead of keeping the last one. `JSON.parse` silently keeps the last
 * duplicate, so a reviewer reading `"Effect": "Deny"` in a document could be looking at a statement that allows;
 * IAM and KMS refuse such documents.
 *
 * Written here rather than taken from npm: the parsers that report duplicate keys are either unmaintained or full
 * JSON5/JSONC dialects (comments, trailing commas) that would accept documents AWS refuses. Policies are at most a
 * few tens of KiB and are parsed once per change (compiled policies are cached), so a plain recursive-descent
 * parser is fast enough; nesting is bounded so that a hostile document cannot exhaust the stack.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Why a document is not strict JSON: not JSON at all, or an object with a repeated member name. */
export class JsonError extends Error {
  constructor(
    readonly kind: 'syntax' | 'duplicate-key',
    message: string,
  ) {
    super(message);
    this.name = 'JsonError';
  }
}

const MAX_DEPTH = 64;

class Parser {
  private i = 0;

  constructor(private readonly s: string) {}

  parseDocument(): Json {
    this.ws();
    const v = this.value(0);
    this.ws();
    if (this.i !== this.s.length) this.fail('unexpected text after the document');
    return v;
  }

  private fail(what: string): never {
    throw new JsonError('syntax', `${what} at offset ${this.i}`);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  private value(depth: number): Json {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    const c = this.s[this.i];
    switch (c) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        return this.fail('unexpected character');
    }
  }

  private literal<T extends Json>(word: string, v: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail('unexpected character');
    this.i += word.length;
    return v;
  }

  private object(depth: number): Json {
    this.i++; // {
    const out: Record<string, Json> = {};
    const seen = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a member name');
      const key = this.string();
      if (seen.has(key)) throw new JsonError('duplicate-key', `duplicate member name ${JSON.stringify(key)}`);
      seen.add(key);
      this.ws();
      if (this.s[this.i] !== ':') this.fail("expected ':'");
      this.i++;
      this.ws();
      // defineProperty: a member named `__proto__` stays an ordinary own property, as with JSON.parse.
      Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') break;
      if (c !== ',') this.fail("expected ',' or '}'");
    }
    return out;
  }

  private array(depth: number): Json {
    this.i++; // [
    const out: Json[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') break;
      if (c !== ',') this.fail("expected ',' or ']'");
    }
    return out;
  }

  private number(): number {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const hit = m.exec(this.s);
    if (!hit) this.fail('invalid number');
    this.i += hit[0].length;
    return Number(hit[0]);
  }

  private string(): string {
    const s = this.s;
    let i = this.i + 1; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= s.length) {
        this.i = i;
        this.fail('unterminated string');
      }
      const c = s.charCodeAt(i);
      if (c === 0x22) break; // "
      if (c < 0x20) {
        this.i = i;
        this.fail('control character in string');
      }
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(start, i);
      const e = s[i + 1];
      i += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = s.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.i = i;
            this.fail('invalid unicode escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          this.i = i - 1;
          this.fail('invalid escape');
      }
      start = i;
    }
    out += s.slice(start, i);
    this.i = i + 1;
    return out;
  }
}

/** Parses `text` as JSON, refusing repeated member names. Throws JsonError. */
export function parseStrictJson(text: string): Json {
  return new Parser(text).parseDocument();
}
