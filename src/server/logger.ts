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

let isoMs = -1;
let isoTime = '';

/** The wall-clock time in ISO-8601, formatted once per millisecond (many requests share one under load). */
function isoNow(): string {
  const ms = Date.now();
  if (ms !== isoMs) {
    isoMs = ms;
    isoTime = new Date(ms).toISOString();
  }
  return isoTime;
}

/**
 * The JSON line of a request, written out field by field: JSON.stringify of a spread object cost as much as the
 * rest of the logging. Strings go through JSON.stringify, as the operation name and the principal come from clients.
 */
function requestLine(entry: RequestLogEntry): string {
  let line = `{"time":"${isoNow()}","requestId":${JSON.stringify(entry.requestId)}`;
  if (entry.service !== undefined) line += `,"service":${JSON.stringify(entry.service)}`;
  if (entry.operation !== undefined) line += `,"operation":${JSON.stringify(entry.operation)}`;
  if (entry.principal !== undefined) line += `,"principal":${JSON.stringify(entry.principal)}`;
  line += `,"status":${entry.status}`;
  if (entry.code !== undefined) line += `,"code":${JSON.stringify(entry.code)}`;
  return line + `,"ms":${entry.ms}}\n`;
}

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
      pending += requestLine(entry);
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
