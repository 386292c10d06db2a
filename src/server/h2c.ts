import type { Server } from 'node:http';
import { createServer as createHttp2Server, type Http2Server, type Http2ServerRequest, type ServerHttp2Session } from 'node:http2';
import type { Socket } from 'node:net';

/** What an HTTP/2 client sends first on a cleartext connection ("prior knowledge", RFC 9113 §3.4). */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/** HTTP/2 sessions idle this long (no stream open, nothing sent) are closed, as node's HTTP/1.1 keep-alive is. */
const H2_IDLE_MS = 65_000;
/** Concurrent streams per HTTP/2 connection (SETTINGS_MAX_CONCURRENT_STREAMS). */
const H2_MAX_STREAMS = 100;

export interface H2cOptions {
  /** A connection that sends nothing at all within this time is closed (node's headersTimeout does it for HTTP/1.1). */
  firstBytesTimeoutMs: number;
}

/**
 * Serves cleartext HTTP/2 (h2c with prior knowledge) on the port of an HTTP/1.1 server. The AWS SDKs use HTTP/2 for
 * event streams (some always, the JavaScript SDK when given its NodeHttp2Handler), and nothing in front of logseal
 * negotiates it (no TLS, so no ALPN): each new connection's first bytes decide. A connection that starts with the
 * HTTP/2 preface goes to an HTTP/2 session; any other goes, bytes untouched, to node's HTTP/1.1 handling, so HTTP/1.1
 * behaves exactly as before (limits, timeouts, hardening). HTTP/2 requests are emitted as the HTTP/1.1 server's own
 * `request` events (node's compatibility API), so they take the same path: routing, authentication, body limits,
 * connection tracking. The `Upgrade: h2c` dance of HTTP/1.1 is not served (no AWS SDK uses it).
 */
export function serveH2c(server: Server, opts: H2cOptions): Http2Server {
  const h2 = createHttp2Server({
    settings: { maxConcurrentStreams: H2_MAX_STREAMS, enablePush: false },
    // Header list bounded like node's HTTP/1.1 default (16 KiB of headers).
    maxHeaderListPairs: 256,
    maxSendHeaderBlockLength: 64 * 1024,
  });
  h2.setTimeout(H2_IDLE_MS, function onIdle(this: unknown, session?: unknown) {
    // Called with the idle session's socket: close politely (GOAWAY) rather than reset.
    (session as { close?: () => void } | undefined)?.close?.();
  });
  // Each session's own socket. A request's `socket` is a proxy that throws once its session is cleaned up, which
  // can come before the request's `close`; code that reads the socket then (connection tracking) gets the real one.
  const realSockets = new WeakMap<ServerHttp2Session, Socket>();
  let handing: Socket | undefined;
  h2.on('session', (session: ServerHttp2Session) => {
    if (handing) realSockets.set(session, handing);
    session.on('error', () => session.destroy());
  });
  h2.on('request', (req: Http2ServerRequest, res) => {
    const real = realSockets.get(req.stream.session as ServerHttp2Session);
    if (real) Object.defineProperty(req, 'socket', { value: real, configurable: true });
    server.emit('request', req, res);
  });

  // node's HTTP/1.1 server handles a socket in the `connection` listener its constructor adds (the first one). Take
  // it out, and hand each socket to it (or to HTTP/2) once the first bytes have said which protocol is spoken.
  const listeners = server.listeners('connection') as ((socket: Socket) => void)[];
  const http1 = listeners[0];
  if (!http1) throw new Error('the HTTP server has no connection listener');
  server.removeListener('connection', http1);
  server.prependListener('connection', (socket: Socket) => sniff(socket, opts.firstBytesTimeoutMs, (isH2) => {
    if (isH2) {
      // node's HTTP server accepts half-open connections (its parser handles the client's FIN); an HTTP/2 session
      // does not, so the client closing its side must close the socket, or the session would never see it go.
      socket.allowHalfOpen = false;
      handing = socket;
      try {
        h2.emit('connection', socket);
      } finally {
        handing = undefined;
      }
    }
    else http1.call(server, socket);
  }));
  return h2;
}

function sniff(socket: Socket, timeoutMs: number, route: (isH2: boolean) => void): void {
  let got: Buffer | undefined;
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  timer.unref();
  const cleanup = () => {
    clearTimeout(timer);
    socket.removeListener('data', onData);
    socket.removeListener('close', cleanup);
    socket.removeListener('end', onEnd);
  };
  // The client closed its side before sending anything (the server accepts half-open connections): close ours too.
  const onEnd = () => {
    cleanup();
    socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    got = got ? Buffer.concat([got, chunk]) : chunk;
    const n = Math.min(got.length, PREFACE.length);
    const isH2 = got.subarray(0, n).equals(PREFACE.subarray(0, n));
    // A prefix of the preface: wait for the rest (an HTTP/1.1 request line never starts with "PRI ").
    if (isH2 && got.length < PREFACE.length) return;
    cleanup();
    // Back into the socket's buffer: node's HTTP/1.1 parser takes it as the socket flows again; node's HTTP/2
    // session reads what is buffered on the tick after it starts, so the socket flows again only after that (a
    // paused socket would also never tell the session that the client closed the connection).
    socket.pause();
    socket.unshift(got);
    route(isH2);
    if (isH2) process.nextTick(() => socket.resume());
    else socket.resume();
  };
  socket.on('data', onData);
  socket.once('end', onEnd);
  socket.once('close', cleanup);
}
