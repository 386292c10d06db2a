export type {
  CompareOp,
  DelimitedAst,
  DelimitedField,
  FieldExpr,
  FilterAst,
  JsonAst,
  JsonExpr,
  MatchAllAst,
  PathSegment,
  RegexTerm,
  Selector,
  Term,
  TermsAst,
  TextTerm,
  Value,
} from './ast.js';
export { FilterPatternError, INVALID_FILTER_PATTERN } from './errors.js';
export {
  parseFilterPattern,
  MAX_REGEX_PER_PATTERN,
  MAX_WILDCARDS_PER_PATTERN,
  MAX_WILDCARDS_PER_SELECTOR,
} from './parser.js';
export { compileFilter, compileExtractor, extractFields, splitFields } from './compile.js';
export type { ExtractedFields, FilterMatcher } from './compile.js';
export { compileRegex, regexRequiredLiteral, validateRegex } from './regex.js';
export { requiredLiterals } from './literals.js';
export type { CompiledRegex } from './regex.js';

import { compileFilter, type FilterMatcher } from './compile.js';
import { parseFilterPattern } from './parser.js';

/** Parses and compiles in one step; throws `FilterPatternError` for a malformed pattern. */
export function filterMatcher(pattern: string): FilterMatcher {
  return compileFilter(parseFilterPattern(pattern));
}
