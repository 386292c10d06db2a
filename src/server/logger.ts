/** One JSON line per request: request id, principal, operation, status, duration. Never secrets or payloads. */
export interface RequestLogEntry {
  requestId: string;
  service?: string;
  operation?: string;
  principal?: string;
  /** The URL path (without the query) of a request that names no operation: a console file, a 404. */
  path?: string;
  status: number;
  code?: string;
  ms: number;
}

export interface RequestLogger {
  request(entry: RequestLogEntry): void;
  /** A server-side fault: logged with its stack, never returned to the client. */
  fault(requestId: string, err: unknown): void;
  /** Something the server did on its own (a key deleted by the scheduler, the scheduler lease taken or given up). */
  event?(name: string, detail: Record<string, string | number | boolean>): void;
  /** Writes out anything buffered (called on shutdown). */
  flush?(): void;
}

export const silentLogger: RequestLogger = { request() {}, fault() {} };

/** Lines buffered beyond this many bytes are written at once rather than at the end of the event-loop turn. */
const MAX_BUFFERED = 64 * 1024;
/** A logged path is cut after this many characters: a client chooses it. */
const MAX_PATH = 256;

let isoSecond = -1;
let isoPrefix = '';

/**
 * The wall-clock time in ISO-8601 with milliseconds. V8 formats dates slowly (several µs), so the part up to the
 * second is formatted once a second and the milliseconds are appended.
 */
function isoNow(): string {
  const ms = Date.now();
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 20); // 2026-11-23T12:49:05.
  }
  const frac = ms - second * 1000;
  return isoPrefix + (frac < 10 ? '00' : frac < 100 ? '0' : '') + frac + 'Z';
}

/** A JSON string literal; the values logged (ids, ARNs, operation names) rarely need JSON.stringify's escaping. */
function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Control characters, quote, backslash, and surrogates (a lone one must be escaped).
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

/**
 * The JSON line of a request, written out field by field: JSON.stringify of a spread object cost as much as the
 * rest of the logging. Every string is escaped, as the operation name and the principal come from clients.
 */
function requestLine(entry: RequestLogEntry): string {
  let line = `{"time":"${isoNow()}","requestId":${jsonString(entry.requestId)}`;
  if (entry.service !== undefined) line += `,"service":${jsonString(entry.service)}`;
  if (entry.operation !== undefined) line += `,"operation":${jsonString(entry.operation)}`;
  if (entry.principal !== undefined) line += `,"principal":${jsonString(entry.principal)}`;
  if (entry.path !== undefined) line += `,"path":${jsonString(entry.path.length > MAX_PATH ? entry.path.slice(0, MAX_PATH) + '…' : entry.path)}`;
  line += `,"status":${entry.status}`;
  if (entry.code !== undefined) line += `,"code":${jsonString(entry.code)}`;
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
    event(name, detail) {
      flush();
      err.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', event: name, ...detail }) + '\n');
    },
    flush,
  };
}
