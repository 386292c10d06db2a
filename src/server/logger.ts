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
  /** Writes out anything buffered (called on shutdown). */
  flush?(): void;
}

export const silentLogger: RequestLogger = { request() {}, fault() {} };

/** Lines buffered beyond this many bytes are written at once rather than at the end of the event-loop turn. */
const MAX_BUFFERED = 64 * 1024;

/**
 * Request lines are gathered and written once per event-loop turn: a write to stdout is a system call (synchronous
 * for files and pipes), and one per request cost more than the rest of the logging. Faults are written at once.
 */
export function jsonLineLogger(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): RequestLogger {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    out.write(chunk);
  };
  return {
    request(entry) {
      pending += JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n';
      if (pending.length >= MAX_BUFFERED) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    fault(requestId, e) {
      flush();
      const detail = e instanceof Error ? e.stack ?? e.message : String(e);
      err.write(JSON.stringify({ time: new Date().toISOString(), requestId, level: 'error', error: detail }) + '\n');
    },
    flush,
  };
}
