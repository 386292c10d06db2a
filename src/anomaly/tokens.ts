/**
 * A pattern's tokens as CloudWatch Logs shows them (`PatternToken`): a miner token that mixes text and wildcards
 * (`uid=<*>,`) is split into its static and dynamic pieces, since a dynamic token's string is always `<*>`. Dynamic
 * pieces are numbered from 1 and named after what they hold (`inferredTokenName`, e.g. `status-2`, `IPAddress-3`).
 */
import { WILDCARD } from './miner/mask.js';
import type { Pattern } from './miner/types.js';
import type { PatternTokenInfo } from './model.js';

/** What the engine knows of a token's values besides the miner's statistics. */
export interface TokenValues {
  /** A few values of the token, to recognise addresses, ids and times. */
  examples: readonly string[];
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$/;
const IPV6 = /^\[?[0-9a-fA-F]*:[0-9a-fA-F:]*:[0-9a-fA-F:.]*\]?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|^\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const HEX = /^(?:0x)?[0-9a-fA-F]{6,}$/;
const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const PATH = /^\.{0,2}\//;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*$/;
const WORD = /^[A-Za-z][A-Za-z_]*$/;
/** Words before a value that say nothing about it. */
const STOP_WORDS = new Set(
  'a an the is are was were be been to of in on at by for from with and or as into than then that this it its not no after before via per'.split(
    ' ',
  ),
);

/** Split a miner token into pieces: `uid=<*>,` → `uid=`, `<*>`, `,`. */
export function splitToken(tok: string): string[] {
  if (!tok.includes(WILDCARD)) return [tok];
  const out: string[] = [];
  const parts = tok.split(WILDCARD);
  parts.forEach((p, i) => {
    if (p.length > 0) out.push(p);
    if (i < parts.length - 1) out.push(WILDCARD);
  });
  return out;
}

/** The name a key gives its value: `status=`, `"status":` or `status:` → `status`; undefined if none. */
function keyName(text: string, requireSeparator: boolean): string | undefined {
  let end = text.length;
  let separated = false;
  while (end > 0) {
    const c = text[end - 1]!;
    if (c === '=' || c === ':') separated = true;
    else if (c !== '"' && c !== "'" && c !== '[' && c !== '(' && c !== '{' && c !== '<' && c !== ' ') break;
    end--;
  }
  if (requireSeparator && !separated) return undefined;
  const m = IDENT.exec(text.slice(0, end));
  if (m === null) return undefined;
  if (!separated && (!WORD.test(m[0]) || STOP_WORDS.has(m[0].toLowerCase()) || m[0].length < 2)) return undefined;
  return m[0];
}

/** A name for what the values are, when they all share a recognisable form. */
export function valueKind(values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  const all = (re: RegExp): boolean => values.every((v) => re.test(v));
  if (all(IPV4) || (all(IPV6) && values.some((v) => /\d/.test(v)))) return 'IPAddress';
  if (all(UUID)) return 'UUID';
  if (all(TIMESTAMP)) return 'Timestamp';
  if (all(NUMBER)) return 'Number';
  if (all(URL_LIKE)) return 'URL';
  if (all(PATH)) return 'Path';
  if (all(HEX)) return 'HexId';
  return undefined;
}

/**
 * Name a dynamic piece: a key written with `=` or `:` right before it (in the token or as the previous token) wins,
 * then the form of its values (IP address, UUID, time, number…), then a plain word before it (`status <*>`).
 */
export function inferTokenName(before: string, previousToken: string | undefined, values: readonly string[]): string {
  const key = keyName(before, true) ?? (before === '' && previousToken !== undefined ? keyName(previousToken, true) : undefined);
  if (key !== undefined) return key;
  const kind = valueKind(values);
  if (kind !== undefined && kind !== 'Number') return kind;
  const word = before === '' && previousToken !== undefined ? keyName(previousToken, false) : undefined;
  return word ?? kind ?? 'Token';
}

function enumerationRecord(m: Map<string, number> | undefined): Record<string, number> | undefined {
  if (m === undefined || m.size === 0) return undefined;
  const out: Record<string, number> = {};
  for (const [v, c] of m) if (v.length > 0) out[v] = c;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The `PatternToken`s of a pattern. Statistics of a miner token with several wildcards (`<*>/<*>`) describe its
 * whole variable text, so they go to its first dynamic piece.
 */
export function describeTokens(pattern: Pattern, valuesOf: (tokenIndex: number) => TokenValues | undefined): PatternTokenInfo[] {
  const out: PatternTokenInfo[] = [];
  let dyn = 0;
  pattern.tokens.forEach((t, p) => {
    const pieces = splitToken(t.tokenString);
    let before = '';
    let first = true;
    for (const piece of pieces) {
      if (piece !== WILDCARD) {
        out.push({ isDynamic: false, tokenString: piece });
        before = piece;
        continue;
      }
      dyn++;
      const info: PatternTokenInfo = { dynamicTokenPosition: dyn, isDynamic: true, tokenString: WILDCARD };
      if (first) {
        const enums = enumerationRecord(t.enumerations);
        if (enums !== undefined) info.enumerations = enums;
        if (t.numericRange !== undefined) info.numericRange = { min: t.numericRange.min, max: t.numericRange.max };
        const values = t.enumerations !== undefined && t.enumerations.size > 0 ? [...t.enumerations.keys()] : (valuesOf(p)?.examples ?? []);
        const previous = p > 0 ? pattern.tokens[p - 1]!.tokenString : undefined;
        info.inferredTokenName = `${inferTokenName(before, previous, values)}-${dyn}`;
      } else {
        info.inferredTokenName = `Token-${dyn}`;
      }
      out.push(info);
      first = false;
      before = '';
    }
  });
  return out;
}

/** Index of the first `PatternToken` piece of miner token `tokenIndex` that is dynamic, for descriptions. */
export function tokenNameAt(pattern: Pattern, tokens: readonly PatternTokenInfo[], tokenIndex: number): string {
  let k = 0;
  for (let p = 0; p < pattern.tokens.length; p++) {
    const pieces = splitToken(pattern.tokens[p]!.tokenString);
    if (p === tokenIndex) {
      for (let i = 0; i < pieces.length; i++) {
        const info = tokens[k + i];
        if (info?.isDynamic === true) return info.inferredTokenName ?? `Token-${info.dynamicTokenPosition ?? 0}`;
      }
      return pattern.tokens[p]!.tokenString;
    }
    k += pieces.length;
  }
  return `Token-${tokenIndex + 1}`;
}
