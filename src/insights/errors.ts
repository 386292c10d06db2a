import { MalformedQueryException } from '../protocol/generated/logs.js';

/** AWS's refusal of a query that does not parse: the offending token with its line and position. */
export function malformed(query: string, start: number, end: number, token: string): MalformedQueryException {
  const before = query.slice(0, start);
  const line = before.split('\n').length;
  const position = start - (before.lastIndexOf('\n') + 1);
  const message = `unexpected symbol found ${token} at line ${line} and position ${position}`;
  return new MalformedQueryException(message, { queryCompileError: { location: { startCharOffset: start, endCharOffset: end }, message } });
}

/** A query that parses but asks for something the language does not allow (not AWS's wording; not found). */
export function invalidQuery(query: string, start: number, end: number, message: string): MalformedQueryException {
  return new MalformedQueryException(message, { queryCompileError: { location: { startCharOffset: start, endCharOffset: end }, message } });
}
