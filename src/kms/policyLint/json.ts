/**
 * A strict JSON parser (RFC 8259, as KMS reads key policies) that keeps where every value and key starts, so the
 * policy linter can point at a line and column. JSON.parse gives neither positions of values nor a location for
 * most syntax errors, and the usual position-keeping parsers (jsonc-parser) accept comments and trailing commas,
 * which KMS refuses: hence this small one. It runs in the browser (the console's editor) as well as in node.
 */
export interface Pos {
  offset: number;
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units */
  column: number;
}

export type JsonNode =
  | { kind: 'object'; pos: Pos; entries: JsonEntry[] }
  | { kind: 'array'; pos: Pos; items: JsonNode[] }
  | { kind: 'string'; pos: Pos; value: string }
  | { kind: 'number'; pos: Pos; value: number }
  | { kind: 'boolean'; pos: Pos; value: boolean }
  | { kind: 'null'; pos: Pos };

export interface JsonEntry {
  key: string;
  keyPos: Pos;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

export function parseJson(text: string): JsonNode {
  const p = new Parser(text);
  p.ws();
  const node = p.value();
  p.ws();
  if (p.i < text.length) p.fail(`Unexpected ${p.describe()} after the end of the document`);
  return node;
}

/** The plain value of a node, as JSON.parse would give it (the last of duplicate keys wins). */
export function plain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) o[e.key] = plain(e.value);
      return o;
    }
    case 'array':
      return node.items.map(plain);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

class Parser {
  i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly s: string) {}

  pos(): Pos {
    return { offset: this.i, line: this.line, column: this.i - this.lineStart + 1 };
  }

  fail(message: string, at: Pos = this.pos()): never {
    throw new JsonSyntaxError(message, at);
  }

  describe(): string {
    if (this.i >= this.s.length) return 'end of input';
    return `character ${JSON.stringify(this.s[this.i])}`;
  }

  ws(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === '\n') {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else return;
    }
  }

  value(): JsonNode {
    const pos = this.pos();
    const c = this.s[this.i];
    if (c === '{') return this.object(pos);
    if (c === '[') return this.array(pos);
    if (c === '"') return { kind: 'string', pos, value: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return { kind: 'number', pos, value: this.number() };
    for (const [word, node] of [
      ['true', { kind: 'boolean', pos, value: true }],
      ['false', { kind: 'boolean', pos, value: false }],
      ['null', { kind: 'null', pos }],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return node;
      }
    }
    if (c === "'") this.fail('Strings must use double quotes (")');
    return this.fail(`Expected a value, found ${this.describe()}`);
  }

  private object(pos: Pos): JsonNode {
    this.i++;
    const entries: JsonEntry[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'object', pos, entries };
    }
    for (;;) {
      this.ws();
      const keyPos = this.pos();
      if (this.s[this.i] !== '"') {
        if (this.s[this.i] === '}' && entries.length > 0) this.fail('Trailing comma before "}": remove the last ","', this.lastComma ?? keyPos);
        this.fail(`Expected a property name in double quotes, found ${this.describe()}`);
      }
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`Expected ":" after the property name "${key}", found ${this.describe()}`);
      this.i++;
      this.ws();
      entries.push({ key, keyPos, value: this.value() });
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.lastComma = this.pos();
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { kind: 'object', pos, entries };
      }
      this.fail(`Expected "," or "}" after the value of "${key}", found ${this.describe()}`);
    }
  }

  private lastComma: Pos | undefined;

  private array(pos: Pos): JsonNode {
    this.i++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { kind: 'array', pos, items };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']' && items.length > 0) this.fail('Trailing comma before "]": remove the last ","', this.lastComma);
      items.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.lastComma = this.pos();
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return { kind: 'array', pos, items };
      }
      this.fail(`Expected "," or "]" in the list, found ${this.describe()}`);
    }
  }

  private string(): string {
    const start = this.pos();
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined || c === '\n') this.fail('Unterminated string', start);
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c < ' ') this.fail('Control characters must be escaped in strings');
      if (c === '\\') {
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(parseInt(this.s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else this.fail(`Invalid escape "\\${e ?? ''}" in a string`);
        continue;
      }
      out += c;
      this.i++;
    }
  }

  private number(): number {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail('Invalid number');
    this.i += m[0].length;
    return Number(m[0]);
  }
}
