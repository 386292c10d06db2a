/**
 * The parsed form of a CloudWatch Logs filter pattern. Plain data (no functions) so it can be logged, compared in
 * tests and stored; `compileFilter` turns it into a matcher.
 */
export type FilterAst = MatchAllAst | TermsAst | JsonAst | DelimitedAst;

/** The empty pattern, a blank one, or one made only of blank phrases (`" "`): every event matches. */
export interface MatchAllAst {
  readonly kind: 'all';
}

/** Unstructured terms: all `include` present, no `exclude` present; `optional` (`?term`) when they are alone. */
export interface TermsAst {
  readonly kind: 'terms';
  readonly include: readonly Term[];
  readonly exclude: readonly Term[];
  readonly optional: readonly Term[];
}

export type Term = TextTerm | RegexTerm;

/** A bare word or a quoted phrase, searched for as a case-sensitive substring. */
export interface TextTerm {
  readonly type: 'text';
  readonly text: string;
}

/** `%regex%`, searched for anywhere in the message. `source` is the text between the percent signs. */
export interface RegexTerm {
  readonly type: 'regex';
  readonly source: string;
}

/** `{ ... }`: conditions on the properties of a JSON event. */
export interface JsonAst {
  readonly kind: 'json';
  readonly expr: JsonExpr;
}

export type JsonExpr =
  | { readonly type: 'and'; readonly items: readonly JsonExpr[] }
  | { readonly type: 'or'; readonly items: readonly JsonExpr[] }
  | { readonly type: 'compare'; readonly selector: Selector; readonly op: CompareOp; readonly value: Value }
  | { readonly type: 'is'; readonly selector: Selector; readonly what: 'NULL' | 'TRUE' | 'FALSE' }
  | { readonly type: 'notExists'; readonly selector: Selector };

/** A property selector such as `$.users[0].email` or `$.items[*].id`. */
export interface Selector {
  /** As written in the pattern (used as the key of extracted values). */
  readonly text: string;
  readonly path: readonly PathSegment[];
}

export type PathSegment =
  | { readonly type: 'key'; readonly name: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'wildcard' };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * The right-hand side of a comparison. A `number` keeps its text too, since `=` against a string value compares
 * the text. A `string` may carry `*` wildcards at its start and end.
 */
export type Value =
  | { readonly type: 'string'; readonly text: string; readonly quoted: boolean }
  | { readonly type: 'number'; readonly text: string; readonly value: number }
  | { readonly type: 'regex'; readonly source: string };

/** `[a, b = 1, ..., c]`: positional fields of a space-delimited event. */
export interface DelimitedAst {
  readonly kind: 'delimited';
  readonly fields: readonly DelimitedField[];
  /** Where `...` stands among `fields` (the fields after it are matched from the end), or -1. */
  readonly ellipsisAt: number;
}

export interface DelimitedField {
  /** The field's name, or null for an empty entry (`[a,,b]`, a trailing comma). */
  readonly name: string | null;
  /** Conditions on this field, or null when any value will do. */
  readonly cond: FieldExpr | null;
}

export type FieldExpr =
  | { readonly type: 'and'; readonly items: readonly FieldExpr[] }
  | { readonly type: 'or'; readonly items: readonly FieldExpr[] }
  | { readonly type: 'compare'; readonly op: CompareOp; readonly value: Value };
