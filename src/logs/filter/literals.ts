/**
 * The text every event a filter pattern matches must contain, as clauses of alternatives: an event matches only if,
 * for every clause, it contains one of the clause's strings (as a case-sensitive substring of its message). Used to
 * skip chunks whose sketch rules a clause out (src/logs/sketch.ts) and to search a chunk's bytes before decoding.
 * Only what is certain is derived, so skipping never drops an event the pattern matches:
 * - required terms (`ERROR`, `"a phrase"`) each make a clause; a regex term `%…%` makes one with the run of plain
 *   characters every match of it holds (the literal the regex itself searches for first), when it has one;
 * - `?a ?b` (optional terms alone) makes one clause `a or b`, unless one of them requires nothing;
 * - exclusions (`-term`) and `?term`s beside required terms (AWS ignores those) require nothing;
 * - JSON (`{ … }`) and space-delimited (`[…]`) patterns require nothing: JSON may spell any character of a value as
 *   a `\uXXXX` escape, and a delimited field may hold anything;
 * - masking (decision 0016) only turns characters into `*`: a masked message holding a string without `*` holds it in
 *   the original too, so with masking on (`masking`), strings holding `*` are left out.
 * Insights' prefilter (src/insights/prefilter.ts) derives the same notion from a query; both are fed to the sketch.
 */
import type { FilterAst, Term } from './ast.js';
import { regexRequiredLiteral } from './regex.js';

export function requiredLiterals(ast: FilterAst, masking = false): string[][] {
  if (ast.kind !== 'terms') return [];
  const usable = (s: string) => s.length > 0 && !(masking && s.includes('*'));
  if (ast.include.length === 0 && ast.exclude.length === 0) {
    const alts = ast.optional.map(literalOf);
    return alts.length > 0 && alts.every(usable) ? [alts] : [];
  }
  return ast.include
    .map(literalOf)
    .filter(usable)
    .map((s) => [s]);
}

function literalOf(t: Term): string {
  return t.type === 'text' ? t.text : regexRequiredLiteral(t.source);
}
