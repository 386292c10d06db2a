import type { OperationDef } from '../../src/common/operation.js';
import { AwsError } from '../../src/protocol/errors.js';
import type { ServiceName } from '../../src/protocol/index.js';
import type { TestServer } from '../helpers/server.js';

/**
 * Lets a test drive the protocol layer of an operation whose service is not implemented yet through a real server:
 * if the server has no handler for `operation`, one is added that answers `{}`. Model validation runs before any
 * handler, so a request that fails validation gets the same answer either way. Operations that exist are left alone.
 */
export function ensureOperation(srv: TestServer, service: ServiceName, operation: string): void {
  const table = srv.server.app.operations[service] as Record<string, OperationDef>;
  if (!Object.hasOwn(table, operation)) table[operation] = { handler: () => ({}), readOnly: true };
}

/** What an SDK v3 client surfaces for a service error. */
export interface SdkError {
  name: string;
  message: string;
  status: number | undefined;
}

/** Runs an SDK call that must fail and returns the error as the SDK surfaces it. */
export async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded but an error was expected');
}

/** The error a decoder throws, as `{ code, message, status }`; fails the test when it does not throw an AwsError. */
export function thrown(decode: () => unknown): { code: string; message: string; status: number } {
  try {
    decode();
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    return { code: e.code, message: e.message, status: e.status };
  }
  throw new Error('the input was accepted but an error was expected');
}
