/**
 * The base of every error a client sees. `code` is the model's shape name (or the protocol-level code such as
 * `UnknownOperationException`), `message` is AWS's wording, `status` the HTTP status. `fault` tells the Query
 * protocol's `<Type>` (Sender for client errors, Receiver for server faults).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: 'client' | 'server';
  /** Extra members serialized beside `message` (for error shapes that model more fields). */
  readonly fields: Record<string, unknown>;

  constructor(code: string, message: string, opts: { status?: number; fault?: 'client' | 'server'; fields?: Record<string, unknown> } = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = opts.status ?? (opts.fault === 'server' ? 500 : 400);
    this.fault = opts.fault ?? (this.status >= 500 ? 'server' : 'client');
    this.fields = opts.fields ?? {};
  }
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}
