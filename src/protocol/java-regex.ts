/**
 * Converts the Java regular expressions of the AWS models into JavaScript ones with the same meaning under Java's
 * `Matcher.matches()` (the whole string must match). Written by hand because no library maps java.util.regex syntax
 * to ECMAScript; it covers the constructs the four models use and throws on anything else, so a model update with a
 * new construct fails generation instead of silently changing behaviour.
 *
 * The result is compiled with the `u` flag (code-point matching, as Java does, and needed for `\p{..}`); the `u` flag
 * is strict about escapes, so identity escapes and literal `-` in classes are normalised here.
 */

const SYNTAX_OUTSIDE = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const SYNTAX_IN_CLASS = new Set(['\\', ']', '[', '^', '-']);
// Java's \s is ASCII-only ([ \t\n\x0B\f\r]); JavaScript's \s also matches Unicode spaces.
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
// Java's `.` excludes these line terminators (JavaScript's `.` does not exclude U+0085).
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

export interface ConvertedPattern {
  /** Source for `new RegExp(source, 'u')`, anchored to match the whole string. */
  source: string;
  flags: 'u';
}

export function convertJavaPattern(pattern: string): ConvertedPattern {
  let out = '';
  let inClass = false;
  // Inside a class: whether the previous item was a single character that a following `-` may turn into a range.
  let prevRangeable = false;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) throw new Error(`dangling backslash in pattern ${pattern}`);
      if (e === 'u') {
        // Java reads exactly four hex digits after \u (so `\u10000` is U+1000 followed by '0').
        const hex = pattern.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new Error(`bad \\u escape in pattern ${pattern}`);
        out += '\\u' + hex;
        i += 6;
        prevRangeable = inClass;
        continue;
      }
      if (e === 'p' || e === 'P') {
        const close = pattern.indexOf('}', i);
        if (pattern[i + 2] !== '{' || close < 0) throw new Error(`unsupported \\p form in pattern ${pattern}`);
        const name = pattern.slice(i + 3, close);
        if (!/^(L|Lu|Ll|Lt|Lm|Lo|M|N|Nd|Nl|No|P|S|Z|Zs|Zl|Zp|C|Cc|Cf)$/.test(name)) {
          throw new Error(`unsupported Unicode property ${name} in pattern ${pattern}`);
        }
        out += pattern.slice(i, close + 1);
        i = close + 1;
        prevRangeable = false;
        continue;
      }
      i += 2;
      if (e === 'w' || e === 'W' || e === 'd' || e === 'D') {
        out += '\\' + e;
        prevRangeable = false;
      } else if (e === 's') {
        out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
        prevRangeable = false;
      } else if (e === 'S') {
        if (inClass) throw new Error(`unsupported \\S inside a class in pattern ${pattern}`);
        out += `[^${JAVA_SPACE}]`;
      } else if (e === 't' || e === 'n' || e === 'r' || e === 'f') {
        out += '\\' + e;
        prevRangeable = inClass;
      } else if (/[A-Za-z0-9]/.test(e)) {
        throw new Error(`unsupported escape \\${e} in pattern ${pattern}`);
      } else {
        // An escaped punctuation character is that literal character in Java.
        const special = inClass ? SYNTAX_IN_CLASS : SYNTAX_OUTSIDE;
        out += special.has(e) ? '\\' + e : e;
        prevRangeable = inClass;
      }
      continue;
    }
    if (inClass) {
      if (c === ']') {
        out += ']';
        inClass = false;
      } else if (c === '[') {
        throw new Error(`nested character classes are not supported: ${pattern}`);
      } else if (c === '-') {
        // Java reads `-` as a range only between two single characters; elsewhere (after a range or a class escape,
        // or last) it is literal, which the `u` flag requires to be escaped.
        const next = pattern[i + 1];
        if (prevRangeable && next !== undefined && next !== ']') {
          out += '-';
          i++;
          // Copy the range end (a plain character or an escape handled by the next iteration).
          prevRangeable = false;
          const endIsEscape = next === '\\';
          if (!endIsEscape) {
            out += SYNTAX_IN_CLASS.has(next) ? '\\' + next : next;
            i++;
          } else {
            const sub = convertEscapeInClass(pattern, i);
            out += sub.text;
            i = sub.next;
          }
          continue;
        }
        out += '\\-';
        prevRangeable = false;
      } else {
        out += c;
        prevRangeable = true;
      }
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      prevRangeable = false;
      // A `]` or `-` first in a Java class is literal.
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
        prevRangeable = true;
      }
      continue;
    }
    if (c === '.') {
      out += JAVA_DOT;
      i++;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const kind = pattern[i + 2];
      if (kind !== ':' && kind !== '=' && kind !== '!') throw new Error(`unsupported group (?${kind} in pattern ${pattern}`);
    }
    out += c;
    i++;
  }
  if (inClass) throw new Error(`unterminated character class in pattern ${pattern}`);
  return { source: `^(?:${out})$`, flags: 'u' };
}

/** The end of a range written as an escape (`a-\u00FF`, `\u0020-\u007E`). */
function convertEscapeInClass(pattern: string, i: number): { text: string; next: number } {
  const e = pattern[i + 1];
  if (e === 'u') {
    const hex = pattern.slice(i + 2, i + 6);
    if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new Error(`bad \\u escape in pattern ${pattern}`);
    return { text: '\\u' + hex, next: i + 6 };
  }
  if (e !== undefined && !/[A-Za-z0-9]/.test(e)) {
    return { text: SYNTAX_IN_CLASS.has(e) ? '\\' + e : e, next: i + 2 };
  }
  throw new Error(`unsupported range end \\${e ?? ''} in pattern ${pattern}`);
}

/** Compiles a model pattern (cached by the caller; generated code compiles each pattern once at load). */
export function compileJavaPattern(pattern: string): RegExp {
  const { source, flags } = convertJavaPattern(pattern);
  return new RegExp(source, flags);
}
