/**
 * The database cannot be reached (connection refused or lost, the server shutting down, no connection within the
 * timeout). Requests that meet it are answered 503 ServiceUnavailableException; nothing was changed by them.
 */
export class StoreUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`the database is unavailable: ${reason}`);
  }
}

export function isStoreUnavailable(err: unknown): err is StoreUnavailableError {
  return err instanceof StoreUnavailableError;
}
