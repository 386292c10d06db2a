import { AwsError } from '../../protocol/errors.js';

/** AWS's generic rejection for a pattern that does not follow the grammar. */
export const INVALID_FILTER_PATTERN = 'Invalid filter pattern';

/**
 * A malformed filter pattern. It is an `InvalidParameterException` so the Logs operations can let it reach the
 * client as is; the message is AWS's wording (the pattern text may appear in it, log data never does).
 */
export class FilterPatternError extends AwsError {
  constructor(message: string = INVALID_FILTER_PATTERN) {
    super('InvalidParameterException', message, { status: 400 });
    this.name = 'FilterPatternError';
  }
}

/** AWS names the offending characters of an unquoted term, e.g. `Invalid character(s) in term ':'`. */
export function invalidTerm(text: string): FilterPatternError {
  return new FilterPatternError(`Invalid character(s) in term '${text}'`);
}
