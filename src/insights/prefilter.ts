/**
 * The prefilter of a query: literal terms every event that can pass the query's leading filters must contain in its
 * message. The scan searches each decrypted chunk's bytes for them (`EventColumns.containing`) and never decodes,
 * parses or evaluates an event that lacks one, which is what keeps `filter … | stats …` close to FilterLogEvents.
 *
 * Only what is certain is derived, so the prefilter never drops an event the query would keep:
 * - only the filters before the first command that needs every row or changes their number (stats, sort, dedup,
 *   limit, unnest, pattern) count, and none after a command that assigns `@message`;
 * - from a filter expression: `@message like "t"`, `@message like /re/`, `@message =~ …`, a bare `/re/`,
 *   `@message = "t"`, `strcontains(@message, "t")`, and both sides of `and` (never `or` or `not`);
 * - from a regex, a run of literal characters it cannot match without (no alternation, no case folding);
 * - fields discovered from JSON are never used: JSON may escape any character of a value as `\uXXXX`, so a field's
 *   value need not appear as such in the bytes.
 * Masking only turns characters into `*`, so a masked message containing a term without `*` contains it in the
 * original too: with masking on, terms holding `*` are dropped.
 */
import type { Command, Expr } from './ast.js';

/** Most terms searched per chunk: each is a pass over the chunk's bytes. */
const MAX_TERMS = 3;

export function prefilterTerms(commands: readonly Command[], masking = false): string[] {
  const terms: string[] = [];
  for (const c of commands) {
    if (c.k === 'filter') {
      collect(c.expr, terms);
      continue;
    }
    if (c.k === 'display') continue;
    if (c.k === 'fields' && !c.items.some((i) => i.name === '@message' && !isMessage(i.expr))) continue;
    if (c.k === 'parse' && !(c.glob?.names ?? c.regex?.names ?? []).includes('@message')) continue;
    break;
  }
  const usable = [...new Set(terms)].filter((t) => t.length > 0 && !(masking && t.includes('*')));
  // The longest terms are the rarest, as a rule.
  usable.sort((a, b) => b.length - a.length);
  return usable.slice(0, MAX_TERMS);
}

function isMessage(e: Expr): boolean {
  return e.k === 'field' && e.name === '@message';
}

function collect(e: Expr, out: string[]): void {
  switch (e.k) {
    case 'bin':
      if (e.op === 'and') {
        collect(e.l, out);
        collect(e.r, out);
      } else if (e.op === '=') {
        if (isMessage(e.l) && e.r.k === 'str') out.push(e.r.v);
        else if (isMessage(e.r) && e.l.k === 'str') out.push(e.l.v);
      }
      return;
    case 'regex': {
      const t = regexLiteral(e.source);
      if (t) out.push(t);
      return;
    }
    case 'like': {
      if (e.negated || !isMessage(e.x)) return;
      if (e.pat.k === 'str') out.push(e.pat.v);
      else if (e.pat.k === 'regex') {
        const t = regexLiteral(e.pat.source);
        if (t) out.push(t);
      }
      return;
    }
    case 'call':
      if (e.fn === 'strcontains' && e.args.length === 2 && isMessage(e.args[0]!) && e.args[1]!.k === 'str') out.push(e.args[1]!.v);
      return;
    default:
      return;
  }
}

/**
 * The longest run of literal characters a regex cannot match without, or undefined. Conservative: any alternation or
 * `(?i)` gives up; groups, classes, `.`, anchors and escapes other than escaped punctuation end a run; a character
 * made optional by `?`, `*` or `{0…}` is dropped from its run.
 */
export function regexLiteral(source: string): string | undefined {
  if (source.startsWith('(?i)') || source.includes('|')) return undefined;
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    let lit: string | undefined;
    let width = 1;
    if (c === '\\') {
      const n = source[i + 1];
      if (n !== undefined && /[^A-Za-z0-9]/.test(n)) {
        lit = n;
        width = 2;
      } else {
        end();
        i++; // a class escape (\d, \w, \b, \u…): its own characters are not literal either
        if (n === 'u' || n === 'x' || n === 'c' || n === 'p' || n === 'P' || n === 'k') {
          // skip the escape's operand so its hex digits or name are not read as literals
          while (i + 1 < source.length && /[0-9A-Fa-f{}<>A-Za-z_]/.test(source[i + 1]!)) i++;
        }
        continue;
      }
    } else if ('()[]{}.^$*+?'.includes(c)) {
      if (c === '[') {
        // skip the class
        end();
        let j = i + 1;
        if (source[j] === '^') j++;
        if (source[j] === ']') j++;
        while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
        i = j;
        continue;
      }
      if (c === '(' || c === ')') {
        // A group may be optional as a whole (`(…)?`): what is inside it is not required, and nothing across it.
        end();
        if (c === '(') {
          let depth = 1;
          let j = i + 1;
          while (j < source.length && depth > 0) {
            if (source[j] === '\\') j++;
            else if (source[j] === '[') {
              j++;
              while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
            } else if (source[j] === '(') depth++;
            else if (source[j] === ')') depth--;
            j++;
          }
          i = j - 1;
        }
        continue;
      }
      if (c === '{') {
        const close = source.indexOf('}', i);
        if (close > i) i = close; // a counted quantifier's digits are no literal
      }
      end();
      continue;
    } else {
      lit = c;
    }
    // A quantifier after this character decides whether it is required.
    const q = source[i + width];
    if (q === '?' || q === '*' || (q === '{' && /^\{0[,}]/.test(source.slice(i + width)))) {
      end();
      continue;
    }
    run += lit;
    if (q === '+' || q === '{') end(); // required once, but what follows is not adjacent to it
  }
  end();
  return best.length > 0 ? best : undefined;
}
