/**
 * What one client may take from everyone else: connections, request bytes held in memory, time. See
 * docs/decisions/0012-hardening.md for the figures and why.
 */
import type { Server, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface ServerLimits {
  /** Open connections before new requests are answered with the throttling error (health excepted). */
  maxConnections: number;
  /** Request body bytes held in memory at once, across every request; beyond it, the throttling error. */
  maxInFlightBodyBytes: number;
  /** Time allowed to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time allowed to receive a whole request (headers and body). */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxConnections: 512,
  maxInFlightBodyBytes: 64 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
};

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The largest body each service takes when its operation sets no limit of its own (PutLogEvents does: up to 1 MiB of
 * messages, several times that once JSON-escaped). Derived from the models' largest inputs, with room for JSON or
 * form escaping: KMS's largest are a 32 KiB key policy and 6 KiB wrapped key material; CloudWatch Logs' are policy
 * documents, query strings and test messages of a few KiB each times their list maxima; IAM's is a 128 KiB policy
 * document, form-encoded; STS's an AssumeRole with its 2 KiB session policy, ten policy ARNs and fifty tags.
 */
const SERVICE_BODY_LIMIT: Readonly<Record<string, number>> = {
  kms: 256 * KiB,
  logs: 1 * MiB,
  iam: 1 * MiB,
  sts: 128 * KiB,
};

/** A target no service has: its body is read only to check the signature before the error. */
export const UNKNOWN_OPERATION_BODY_LIMIT = 64 * KiB;

/** The body limit of a service's operation (`own` is the operation's own limit, if it has one). */
export function bodyLimit(service: string | undefined, own: number | undefined): number {
  if (own !== undefined) return own;
  if (service === undefined) return UNKNOWN_OPERATION_BODY_LIMIT;
  return SERVICE_BODY_LIMIT[service] ?? UNKNOWN_OPERATION_BODY_LIMIT;
}

/** The largest body any Query request may carry before its Action is known (the largest Query service's). */
export const QUERY_BODY_LIMIT = Math.max(SERVICE_BODY_LIMIT.iam!, SERVICE_BODY_LIMIT.sts!);

/**
 * A refused request whose body is still coming is answered, then its connection is half-closed and the rest of the
 * body read and thrown away, up to these bounds, so the client reads the answer instead of a reset (closing a socket
 * with unread data makes the kernel send RST, which can destroy the answer before the client reads it).
 */
export const LINGER_MAX_BYTES = 16 * MiB;
export const LINGER_MAX_MS = 10_000;
/** A refused body at most this large is discarded on a connection kept open (no new connection for the client). */
export const DISCARD_KEEP_ALIVE_BYTES = 64 * KiB;

/** Body bytes reserved by requests in flight, against `maxInFlightBodyBytes`. No pool: bytes are only counted. */
export class BodyBudget {
  private used = 0;
  constructor(readonly max: number) {}

  /** Reserves `n` bytes; false when they would exceed the budget. A single request may always use an empty budget. */
  reserve(n: number): boolean {
    if (this.used > 0 && this.used + n > this.max) return false;
    this.used += n;
    return true;
  }

  release(n: number): void {
    this.used -= n;
  }

  inUse(): number {
    return this.used;
  }
}

const overLimit = Symbol('logseal.overConnectionLimit');
const busy = Symbol('logseal.busy');
type TrackedSocket = Socket & { [overLimit]?: boolean; [busy]?: number };

/**
 * Counts connections: beyond `max`, a connection's requests get the throttling error and the connection is closed;
 * at twice `max`, node drops new connections before reading anything. Also tracks which connections are between
 * requests, for the drain on shutdown.
 */
export class ConnectionTracker {
  private readonly sockets = new Set<TrackedSocket>();

  constructor(server: Server, readonly max: number) {
    server.maxConnections = max * 2;
    server.on('connection', (socket: TrackedSocket) => {
      this.sockets.add(socket);
      if (this.sockets.size > max) socket[overLimit] = true;
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res) => {
      const socket = req.socket as TrackedSocket;
      socket[busy] = (socket[busy] ?? 0) + 1;
      res.once('close', () => {
        socket[busy] = (socket[busy] ?? 1) - 1;
      });
    });
  }

  /** True when the request's connection is beyond the limit. */
  overLimit(req: IncomingMessage): boolean {
    return (req.socket as TrackedSocket)[overLimit] === true;
  }

  count(): number {
    return this.sockets.size;
  }

  /**
   * Half-closes every connection that is between requests (a FIN, not a reset: a request already on its way is still
   * read, and the kernel does not answer it with RST), and destroys it shortly after.
   */
  closeIdle(graceMs = 1000): void {
    for (const s of this.sockets) {
      if ((s[busy] ?? 0) > 0 || s.destroyed) continue;
      s.end();
      setTimeout(() => s.destroy(), graceMs).unref();
    }
  }

  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
  }
}

/** Parses the limits from flags and environment (both optional); throws with a clear message on a bad value. */
export function limitsFrom(values: Partial<Record<'max-connections' | 'max-inflight-bytes' | 'headers-timeout' | 'request-timeout', string>>, env: NodeJS.ProcessEnv): ServerLimits {
  const num = (flag: string, envName: string, fallback: number, scale = 1): number => {
    const text = (values as Record<string, string | undefined>)[flag] ?? env[envName];
    if (text === undefined || text === '') return Math.round(fallback * scale);
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`invalid --${flag} / ${envName} '${text}': a positive number is needed`);
    return Math.round(n * scale);
  };
  return {
    maxConnections: num('max-connections', 'LOGSEAL_MAX_CONNECTIONS', DEFAULT_LIMITS.maxConnections),
    maxInFlightBodyBytes: num('max-inflight-bytes', 'LOGSEAL_MAX_INFLIGHT_BYTES', DEFAULT_LIMITS.maxInFlightBodyBytes),
    headersTimeoutMs: num('headers-timeout', 'LOGSEAL_HEADERS_TIMEOUT', DEFAULT_LIMITS.headersTimeoutMs / 1000, 1000),
    requestTimeoutMs: num('request-timeout', 'LOGSEAL_REQUEST_TIMEOUT', DEFAULT_LIMITS.requestTimeoutMs / 1000, 1000),
  };
}
