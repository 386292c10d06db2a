/** The syntax tree of a CWLI query (grammar: `grammar.md`). Offsets are character offsets into the query string. */

export interface Span {
  start: number;
  end: number;
}

export type Expr =
  | ({ k: 'num'; v: number } & Span)
  | ({ k: 'str'; v: string } & Span)
  | ({ k: 'bool'; v: boolean } & Span)
  | ({ k: 'duration'; ms: number; unit: string; n: number } & Span)
  | ({ k: 'regex'; source: string; re: RegExp } & Span)
  | ({ k: 'field'; name: string } & Span)
  | ({ k: 'star' } & Span)
  | ({ k: 'call'; fn: string; args: Expr[] } & Span)
  | ({ k: 'bin'; op: BinOp; l: Expr; r: Expr } & Span)
  | ({ k: 'neg'; x: Expr } & Span)
  | ({ k: 'not'; x: Expr } & Span)
  | ({ k: 'like'; x: Expr; pat: Expr; negated: boolean } & Span)
  | ({ k: 'in'; x: Expr; list: Expr[]; negated: boolean } & Span);

export type BinOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '^';

/** An expression and the name of the field it makes (its alias, or its text). */
export interface Named {
  expr: Expr;
  name: string;
}

export type Command =
  | { k: 'fields'; items: Named[] }
  | { k: 'display'; names: string[] }
  | { k: 'filter'; expr: Expr }
  | { k: 'stats'; aggs: Named[]; by: Named[] }
  | { k: 'sort'; keys: { expr: Expr; desc: boolean }[] }
  | { k: 'limit'; n: number }
  | { k: 'dedup'; names: string[] }
  | { k: 'parse'; src: Expr; glob?: { parts: string[]; names: string[] }; regex?: { re: RegExp; names: string[] } }
  | { k: 'unnest'; src: string; into: string }
  | { k: 'pattern'; src: Expr }
  | { k: 'anomaly' };

export interface Query {
  commands: Command[];
}

export const AGGREGATES = new Set([
  'count',
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'pct',
  'stddev',
  'earliest',
  'latest',
  'sortsfirst',
  'sortslast',
]);
