/** One JSON line per request: request id, principal, operation, status, duration. Never secrets or payloads. */
export interface RequestLogEntry {
  requestId: string;
  service?: string;
  operation?: string;
  principal?: string;
  status: number;
  code?: string;
  ms: number;
}

export interface RequestLogger {
  request(entry: RequestLogEntry): void;
  /** A server-side fault: logged with its stack, never returned to the client. */
  fault(requestId: string, err: unknown): void;
}

export const silentLogger: RequestLogger = { request() {}, fault() {} };

export function jsonLineLogger(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): RequestLogger {
  return {
    request(entry) {
      out.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
    },
    fault(requestId, e) {
      const detail = e instanceof Error ? e.stack ?? e.message : String(e);
      err.write(JSON.stringify({ time: new Date().toISOString(), requestId, level: 'error', error: detail }) + '\n');
    },
  };
}
