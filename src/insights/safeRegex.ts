/**
 * Regular expressions of queries, compiled for V8's linear-time engine (the `l` flag, enabled once below).
 *
 * Why not plain `RegExp`: V8's default engine backtracks, so a query such as `filter @message like /(a+)+$/` could
 * spin a core for hours on one message. The linear engine (an NFA simulation inside V8, which also reports capture
 * groups) runs in O(pattern x input) and refuses what it cannot run that way (backreferences, lookaround), which we
 * report as a malformed query. It does not take the `i` flag, so `(?i)` is compiled by giving each letter both cases.
 */
import { setFlagsFromString } from 'node:v8';

let linear: boolean | undefined;

/** Whether this V8 runs `l` regexes (checked once; the flag only adds a RegExp flag, it changes nothing else). */
export function linearEngine(): boolean {
  if (linear === undefined) {
    try {
      setFlagsFromString('--enable-experimental-regexp-engine');
      new RegExp('a', 'l');
      linear = true;
    } catch {
      linear = false;
    }
  }
  return linear;
}

export class UnsafeRegexError extends Error {}

/** Compiles a query regex; `(?i)` at its start makes it ignore case. Throws SyntaxError or UnsafeRegexError. */
export function compileQueryRegex(source: string): RegExp {
  let src = source;
  let ignoreCase = false;
  if (src.startsWith('(?i)')) {
    ignoreCase = true;
    src = src.slice(4);
  }
  new RegExp(src); // syntax check with the ordinary engine first, for its clearer messages
  if (ignoreCase) src = caseFold(src);
  if (!linearEngine()) {
    if (/\\[1-9]|\(\?[=!<][^>]|\)[*+?{]/.test(src)) throw new UnsafeRegexError('this regular expression cannot be run in linear time');
    return new RegExp(src);
  }
  try {
    return new RegExp(src, 'l');
  } catch {
    throw new UnsafeRegexError('this regular expression cannot be run in linear time (backreferences and lookaround are not supported)');
  }
}

/** Rewrites letters as both cases: `a` → `[aA]` outside classes, `[a-c]` → `[a-cA-C]` inside them. */
function caseFold(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      // \p{…} / \u{…} / \k<…>: copy whole
      const n = src[i + 1] ?? '';
      if ((n === 'p' || n === 'P' || n === 'u') && src[i + 2] === '{') {
        const close = src.indexOf('}', i);
        out += src.slice(i, close + 1);
        i = close;
      } else {
        out += c + n;
        i++;
      }
      continue;
    }
    if (!inClass && c === '(' && src.startsWith('(?<', i) && src[i + 3] !== '=' && src[i + 3] !== '!') {
      const close = src.indexOf('>', i);
      out += src.slice(i, close + 1);
      i = close;
      continue;
    }
    if (c === '[' && !inClass) {
      inClass = true;
      out += c;
      continue;
    }
    if (c === ']' && inClass) {
      inClass = false;
      out += c;
      continue;
    }
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    if (lower === upper) {
      out += c;
      continue;
    }
    if (inClass) {
      if (src[i + 1] === '-' && src[i + 2] !== undefined && src[i + 2] !== ']') {
        const to = src[i + 2]!;
        out += `${c}-${to}${c === lower ? upper : lower}-${to === to.toLowerCase() ? to.toUpperCase() : to.toLowerCase()}`;
        i += 2;
      } else out += lower + upper;
    } else out += `[${lower}${upper}]`;
  }
  return out;
}
