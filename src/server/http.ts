import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { requestId as newRequestId } from '../common/ids.js';
import { isStoreUnavailable } from '../store/errors.js';
import type { OperationDef, RequestContext } from '../common/operation.js';
import { authErrorFor } from '../auth/authErrors.js';
import type { Principal } from '../auth/identity.js';
import type { ResolvedCredential } from '../auth/credentials.js';
import { checkCredentialScope, parseAuth, SigV4Error, type ParsedAuth, type SigV4Request } from '../auth/sigv4.js';
import { AwsError } from '../protocol/errors.js';
import {
  decodeJsonInput,
  decodeQueryInput,
  encodeJsonError,
  encodeJsonOutput,
  encodeQueryError,
  encodeQueryOutput,
  services,
  type ServiceModel,
} from '../protocol/index.js';
import type { App } from './app.js';
import { BodyTooLargeError, readBody } from './body.js';
import {
  BodyBudget,
  bodyLimit,
  ConnectionTracker,
  DEFAULT_LIMITS,
  DISCARD_KEEP_ALIVE_BYTES,
  LINGER_MAX_BYTES,
  LINGER_MAX_MS,
  QUERY_BODY_LIMIT,
  type ServerLimits,
} from './limits.js';
import { isConsolePath, serveConsole } from './console.js';
import { OpenStreams, sendEventStream } from './eventStreamResponse.js';
import { serveH2c } from './h2c.js';
import { isEventStreamOutput, type EventStreamOutput } from '../common/eventStream.js';
import type { RequestLogEntry } from './logger.js';
import { andThen, attempt, type MaybePromise } from './maybeAsync.js';

const EMPTY_BODY = Buffer.alloc(0);

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
const jsonServices = new Map<string, ServiceModel>();
for (const s of Object.values(services)) if (s.protocol === 'json' && s.targetPrefix) jsonServices.set(s.targetPrefix, s);
const queryByVersion = new Map<string, ServiceModel>();
for (const s of Object.values(services)) if (s.protocol === 'query') queryByVersion.set(s.apiVersion, s);

interface Exchange {
  requestId: string;
  start: number;
  /** The injected clock's time when the request arrived: it dates the response. */
  now: number;
  log: RequestLogEntry;
}

let dateSecond = -1;
let dateHeader = '';

/**
 * The `Date` response header from the injected clock, not the wall clock: SDK clients correct their clock from it,
 * so a server whose time is moved (tests of deletion windows, expiry) must say its own time. Cached per second.
 */
function httpDate(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateHeader = new Date(second * 1000).toUTCString();
  }
  return dateHeader;
}

/** The HTTP server and the state its requests share: limits, and whether it is draining for shutdown. */
export interface HttpFront {
  readonly server: Server;
  readonly limits: ServerLimits;
  readonly connections: ConnectionTracker;
  readonly budget: BodyBudget;
  /** Set on shutdown: every response then carries `Connection: close`. */
  draining: boolean;
  /** Event streams being sent (Live Tail); a shutdown ends them. */
  readonly streams: OpenStreams;
}

/**
 * The HTTP front: routes by `X-Amz-Target` (AWS JSON 1.1) or `Action` (AWS Query), authenticates, runs the operation.
 * A request whose credential is cached and whose operation answers synchronously is served without a single promise
 * (see maybeAsync.ts); the response is logged when it is sent.
 *
 * Nothing unauthenticated is held in memory: the Authorization header (or presigned query) is checked — present, well
 * formed, scope, date, known access key — before a byte of the body is read; the body is then read up to the
 * operation's limit, against a server-wide budget of body bytes in flight, and the signature checked over it.
 */
export function createHttpServer(app: App, limits: ServerLimits = DEFAULT_LIMITS): HttpFront {
  const server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 }, (req, res) => handle(front, app, req, res));
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // HTTP/2 without TLS on the same port, for the SDKs' event streams (see h2c.ts); HTTP/1.1 is handled as before.
  serveH2c(server, { firstBytesTimeoutMs: limits.headersTimeoutMs });
  const front: HttpFront = {
    server,
    limits,
    connections: new ConnectionTracker(server, limits.maxConnections),
    budget: new BodyBudget(limits.maxInFlightBodyBytes),
    draining: false,
    streams: new OpenStreams(),
  };
  return front;
}

function handle(front: HttpFront, app: App, req: IncomingMessage, res: ServerResponse): void {
  const requestId = newRequestId();
  const ex: Exchange = { requestId, start: performance.now(), now: app.clock.now(), log: { requestId, status: 0, ms: 0 } };
  guard(app, req, res, ex, front, () => route(front, app, req, res, ex));
}

/** Runs a step of a request; anything that escapes it is our fault, and the client gets a generic 500. */
function guard(app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange, front: HttpFront, step: () => MaybePromise<void>): void {
  const fault = (err: unknown) => {
    if (isStoreUnavailable(err)) {
      if (!res.headersSent) sendJsonError(front, app, req, res, ex, serviceUnavailable());
      return;
    }
    app.logger.fault(ex.requestId, err);
    if (!res.headersSent) {
      sendJsonError(front, app, req, res, ex, internalFailure());
    } else if (ex.log.status === 0) {
      ex.log.status = res.statusCode;
      logRequest(app, ex);
    }
  };
  try {
    const pending = step();
    if (pending !== undefined) pending.catch(fault);
  } catch (err) {
    fault(err);
  }
}

function route(front: HttpFront, app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange): MaybePromise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const target = req.headers['x-amz-target'];
  if (req.method === 'GET' && path === '/_logseal/health') {
    // Health answers even when the server is at its limits: it holds nothing.
    return health(front, app, req, res, ex);
  } else if (typeof target === 'string') {
    if (front.connections.overLimit(req)) return sendJsonError(front, app, req, res, ex, throttling('json'), true);
    handleJson(front, app, req, res, ex, path, query, target);
  } else if ((req.method === 'POST' && isForm(req)) || (req.method === 'GET' && /(^|&)Action=/.test(query))) {
    if (front.connections.overLimit(req)) return sendQueryError(front, app, req, res, ex, services.sts, throttling('query'), true);
    handleQuery(front, app, req, res, ex, path, query);
  } else if (req.method === 'GET' && isConsolePath(path)) {
    ex.log.path = path;
    return serveConsole(res, path, query, app.dev, app.regions.extra).then((status) => {
      ex.log.status = status;
      logRequest(app, ex);
    });
  } else if (req.method === 'POST') {
    ex.log.path = path;
    sendJsonError(front, app, req, res, ex, unknownOperation());
  } else {
    ex.log.path = path;
    send(front, app, req, res, ex, 404, 'application/json', '{"message":"Not Found"}');
  }
}

function isForm(req: IncomingMessage): boolean {
  const ct = req.headers['content-type'];
  return typeof ct === 'string' && ct.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/**
 * AWS JSON 1.1 requests must say so: `Content-Type: application/x-amz-json-1.1` (parameters such as a charset are
 * allowed). Every AWS client sends it. What AWS's JSON front end answers for another content type is not documented;
 * this answers as AWS's Smithy server framework does for its JSON protocols (see UNSUPPORTED_MEDIA_TYPE).
 */
function hasJsonContentType(req: IncomingMessage): boolean {
  const ct = req.headers['content-type'];
  if (typeof ct !== 'string') return false;
  const semi = ct.indexOf(';');
  return (semi < 0 ? ct : ct.slice(0, semi)).trim().toLowerCase() === JSON_CONTENT_TYPE;
}

/** The declared Content-Length, or undefined (chunked, or none). */
function declaredLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function handleJson(
  front: HttpFront,
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  path: string,
  query: string,
  target: string,
): void {
  const dot = target.indexOf('.');
  const service = dot > 0 ? jsonServices.get(target.slice(0, dot)) : undefined;
  const operation = dot > 0 ? target.slice(dot + 1) : '';
  if (!service) {
    sendJsonError(front, app, req, res, ex, unknownOperation());
    return;
  }
  ex.log.service = service.name;
  ex.log.operation = operation;
  const def: OperationDef | undefined = Object.hasOwn(app.operations[service.name], operation)
    ? app.operations[service.name][operation]
    : undefined;
  const known = def !== undefined && service.operations.has(operation);
  const limit = bodyLimit(known ? service.name : undefined, def?.maxBodyBytes);
  const failed = (err: unknown): void => {
    if (err instanceof AwsError) sendJsonError(front, app, req, res, ex, err);
    else if (err instanceof BodyTooLargeError) sendTooLarge(front, app, req, res, ex, err.limit);
    else if (isStoreUnavailable(err)) sendJsonError(front, app, req, res, ex, serviceUnavailable());
    else throw err;
  };
  const answer = (pre: PreAuthenticated, body: Buffer): MaybePromise<void> => {
    const auth = verifySignature(app, req, path, query, body, pre, 'json', service.name);
    ex.log.principal = auth.principal.arn;
    if (!known) throw unknownOperation();
    if (!hasJsonContentType(req)) throw unsupportedMediaType();
    const input = def.decodeJson ? def.decodeJson(body) : decodeJsonInput(service, operation, body);
    return andThen(run(app, def, input, context(app, req, ex, auth)), (output) => {
      if (isEventStreamOutput(output)) sendStream(front, app, req, res, ex, output);
      else send(front, app, req, res, ex, 200, JSON_CONTENT_TYPE, encodeJsonOutput(service, operation, output));
    });
  };
  withAuthenticatedBody(front, app, req, res, ex, path, query, 'json', service.name, limit, answer, failed);
}

function handleQuery(front: HttpFront, app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange, path: string, query: string): void {
  // Before the body is read, the credential scope names the service (or, for a GET, the query's Version); a request
  // with neither is answered as STS, the Query service every caller can use.
  let service: ServiceModel = queryServiceBeforeBody(req, query) ?? services.sts;
  const failed = (err: unknown): void => {
    if (err instanceof AwsError) sendQueryError(front, app, req, res, ex, service, err);
    else if (err instanceof BodyTooLargeError) sendTooLarge(front, app, req, res, ex, err.limit);
    else if (isStoreUnavailable(err)) sendQueryError(front, app, req, res, ex, service, serviceUnavailable());
    else throw err;
  };
  const answer = (pre: PreAuthenticated, body: Buffer): MaybePromise<void> => {
    const params = new URLSearchParams(req.method === 'POST' ? body.toString('utf8') : query);
    service = queryService(req, query, params);
    const action = params.get('Action') ?? '';
    ex.log.service = service.name;
    ex.log.operation = action;
    const auth = verifySignature(app, req, path, query, body, pre, 'query', service.name);
    ex.log.principal = auth.principal.arn;
    if (action === '') throw new AwsError('MissingAction', 'Missing Action');
    const table = app.operations[service.name];
    const def = Object.hasOwn(table, action) ? table[action] : undefined;
    if (!def || !service.operations.has(action)) {
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? service.apiVersion}`);
    }
    const input = decodeQueryInput(service, action, params);
    return andThen(run(app, def, input, context(app, req, ex, auth)), (output) => {
      send(front, app, req, res, ex, 200, 'text/xml', encodeQueryOutput(service, action, output, ex.requestId));
    });
  };
  const limit = req.method === 'POST' ? (queryServiceBeforeBody(req, query) ? bodyLimit(service.name, undefined) : QUERY_BODY_LIMIT) : 0;
  withAuthenticatedBody(front, app, req, res, ex, path, query, 'query', service.name, limit, answer, failed);
}

/**
 * Authenticates from the headers alone, then reserves the body's bytes from the server's budget, reads the body
 * (up to `limit`) and answers with it. What the protocol answers itself (AWS errors, a body too large) goes to
 * `failed`, which rethrows anything else as a fault.
 */
function withAuthenticatedBody(
  front: HttpFront,
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  path: string,
  query: string,
  protocol: 'json' | 'query',
  serviceName: string,
  limit: number,
  answer: (pre: PreAuthenticated, body: Buffer) => MaybePromise<void>,
  failed: (err: unknown) => void,
): void {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) {
    sendTooLarge(front, app, req, res, ex, limit);
    return;
  }
  guard(app, req, res, ex, front, () =>
    attempt(
      () =>
        andThen(preAuthenticate(app, req, path, query, protocol, serviceName), (pre) => {
          if (!bodyExpected(req, declared)) return answer(pre, EMPTY_BODY);
          const reserved = declared ?? limit;
          if (!front.budget.reserve(reserved)) throw throttling(protocol);
          res.once('close', () => front.budget.release(reserved));
          readBody(req, limit, (bodyErr, body) =>
            guard(app, req, res, ex, front, () =>
              attempt(() => {
                if (bodyErr) throw bodyErr;
                return answer(pre, body);
              }, failed),
            ),
          );
        }),
      failed,
    ),
  );
}

function bodyExpected(req: IncomingMessage, declared: number | undefined): boolean {
  if (declared !== undefined) return declared > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** The Query service named by the request before its body is read: the credential scope, or a GET's Version. */
function queryServiceBeforeBody(req: IncomingMessage, query: string): ServiceModel | undefined {
  const scoped = scopedQueryService(req, query);
  if (scoped) return scoped;
  if (req.method === 'GET') return queryByVersion.get(new URLSearchParams(query).get('Version') ?? '');
  return undefined;
}

function scopedQueryService(req: IncomingMessage, query: string): ServiceModel | undefined {
  const auth = req.headers.authorization;
  let credential = '';
  if (typeof auth === 'string') credential = auth;
  else {
    const m = query.match(/X-Amz-Credential=([^&]*)/);
    if (m) {
      try {
        credential = decodeURIComponent(m[1]!);
      } catch {
        credential = '';
      }
    }
  }
  const scoped = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([a-z0-9-]+)\/aws4_request/.exec(typeof auth === 'string' ? credential : `Credential=${credential}`);
  if (scoped && (scoped[1] === 'iam' || scoped[1] === 'sts')) return services[scoped[1]];
  return undefined;
}

/** IAM and STS share the Query protocol: the credential scope names the service; without one, the Version does. */
function queryService(req: IncomingMessage, query: string, params: URLSearchParams): ServiceModel {
  return scopedQueryService(req, query) ?? queryByVersion.get(params.get('Version') ?? '') ?? services.sts;
}

interface Authenticated {
  principal: Principal;
  region: string;
}

/** What is known of a request's caller before its body is read: a well-formed, fresh SigV4 header and its key. */
interface PreAuthenticated {
  auth: ParsedAuth;
  cred: ResolvedCredential;
}

function sigv4Request(req: IncomingMessage, path: string, query: string, body: Buffer): SigV4Request {
  return { method: req.method ?? 'GET', path, query, headers: signedHeaderSource(req), body };
}

/**
 * Every check that needs no body, in AWS's order: the Authorization header (or presigned query) is there and well
 * formed, the scope names this service, the date is in its window, the access key is known and active, a session
 * token matches. Only then is the body read (its signature is checked by verifySignature).
 */
function preAuthenticate(
  app: App,
  req: IncomingMessage,
  path: string,
  query: string,
  protocol: 'json' | 'query',
  serviceName: string,
): MaybePromise<PreAuthenticated> {
  return attempt(
    () => {
      const auth = parseAuth(sigv4Request(req, path, query, EMPTY_BODY));
      // AWS's order: the scope and the date are checked before the access key is looked up.
      checkCredentialScope(auth, { service: serviceName, isRegion: app.regions.has });
      app.verifier.checkFreshness(auth);
      const cached = app.credentials.cached(auth.accessKeyId);
      if (cached !== null) return known(app, auth, cached);
      return app.credentials.resolve(auth.accessKeyId).then((cred) => known(app, auth, cred));
    },
    (err) => {
      if (err instanceof SigV4Error) throw authErrorFor(err, protocol, serviceName);
      throw err;
    },
  );
}

function known(app: App, auth: ParsedAuth, cred: ResolvedCredential | undefined): PreAuthenticated {
  if (!cred || !cred.active) throw new SigV4Error('unknown-key', 'unknown access key');
  // Temporary credentials need their session token, and only until they expire.
  app.credentials.checkSessionToken(cred, auth.securityToken);
  return { auth, cred };
}

function verifySignature(
  app: App,
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  pre: PreAuthenticated,
  protocol: 'json' | 'query',
  serviceName: string,
): Authenticated {
  try {
    app.verifier.verify(sigv4Request(req, path, query, body), pre.auth, pre.cred.secretAccessKey);
  } catch (err) {
    if (err instanceof SigV4Error) throw authErrorFor(err, protocol, serviceName);
    throw err;
  }
  return { principal: pre.cred.principal, region: pre.auth.region };
}

/**
 * The request's headers for SigV4, which signs every value of a repeated header. node's `headers` (built for every
 * request anyway) joins or drops repeats, so it serves only when no name repeats; otherwise `headersDistinct`.
 */
function signedHeaderSource(req: IncomingMessage): SigV4Request['headers'] {
  // HTTP/2 carries the host as `:authority` (clients sign it as `host`), and its header names are unique.
  if (req.httpVersionMajor === 2) return { ...req.headers, host: req.headers.host ?? req.headers[':authority'] };
  const headers = req.headers;
  let names = 0;
  for (const _ in headers) names++;
  return names * 2 === req.rawHeaders.length ? headers : req.headersDistinct;
}

function context(app: App, req: IncomingMessage, ex: Exchange, auth: Authenticated): RequestContext {
  return {
    requestId: ex.requestId,
    principal: auth.principal,
    region: auth.region,
    sourceIp: req.socket.remoteAddress ?? '',
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : '',
    time: app.clock.now(),
    secureTransport: false,
  };
}

function run(app: App, def: OperationDef, input: unknown, ctx: RequestContext): MaybePromise<unknown> {
  if (def.readOnly) return def.handler(input, ctx);
  return app.store.transaction(async () => def.handler(input, ctx));
}

/**
 * `GET /_logseal/health`: 200 while the database answers, else 503, so that a load balancer stops sending requests
 * to an instance that cannot serve them. Reports which store and whether this instance runs the scheduled jobs.
 */
async function health(front: HttpFront, app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange): Promise<void> {
  const h = await app.store.coordination.health();
  const body = JSON.stringify({
    status: h.ok ? 'ok' : 'unavailable',
    database: { kind: h.kind, ok: h.ok, ...(h.detail !== undefined ? { detail: h.detail } : {}) },
    scheduler: h.leader ? 'leader' : 'follower',
  });
  send(front, app, req, res, ex, h.ok ? 200 : 503, 'application/json', body);
}

/** The database is unreachable: nothing was done, the client may retry (AWS SDKs retry 503 by themselves). */
function serviceUnavailable(): AwsError {
  return new AwsError('ServiceUnavailableException', 'The service is unavailable: its database cannot be reached. Please retry.', { status: 503 });
}

function internalFailure(): AwsError {
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', { status: 500 });
}

/** AWS JSON services answer an operation they do not have with a bare `{"__type":"UnknownOperationException"}`. */
function unknownOperation(): AwsError {
  return new AwsError('UnknownOperationException', '');
}

/** Smithy's server framework for AWS's JSON protocols answers a missing or wrong Content-Type so (HTTP 415). */
function unsupportedMediaType(): AwsError {
  return new AwsError('UnsupportedMediaTypeException', '', { status: 415 });
}

/**
 * Over the server's connection or body-bytes limit: AWS's throttling error, `ThrottlingException` for its JSON
 * services and `Throttling` for its Query services, both "Rate exceeded" with HTTP 400. SDKs retry it with backoff.
 */
function throttling(protocol: 'json' | 'query'): AwsError {
  return new AwsError(protocol === 'json' ? 'ThrottlingException' : 'Throttling', 'Rate exceeded', { status: 400 });
}

/**
 * A body over its limit gets what AWS's front end answers (seen from SQS and Step Functions): HTTP 413, a plain-text
 * `HTTP content length exceeded N bytes.` and `Connection: close`. It is not in the protocol's error shape, as on AWS.
 */
function sendTooLarge(front: HttpFront, app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange, limit: number): void {
  ex.log.code = 'RequestEntityTooLarge';
  send(front, app, req, res, ex, 413, 'text; charset=utf-8', `HTTP content length exceeded ${limit} bytes.`, true);
}

/**
 * Answers the request and logs it. When the request's body has not all arrived (a refusal before or while reading
 * it), a small rest is discarded on a connection kept open; a large or unknown rest gets `Connection: close`, and
 * the connection lingers: half-closed after the answer, the rest read and thrown away up to LINGER_MAX_BYTES /
 * LINGER_MAX_MS, then closed, so the client reads the answer rather than a reset.
 */
function send(
  front: HttpFront,
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  status: number,
  contentType: string,
  body: string,
  close = false,
): void {
  ex.log.status = status;
  const headers: Record<string, string | number> = {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': ex.requestId,
    Date: httpDate(ex.now),
  };
  const declared = declaredLength(req);
  // HTTP/2 has no `Connection` header: each request is a stream, and a refused one is reset by node after the answer.
  const h2 = req.httpVersionMajor === 2;
  if (!req.complete && bodyExpected(req, declared) && !h2) {
    if (close || declared === undefined || declared > DISCARD_KEEP_ALIVE_BYTES) {
      close = true;
      lingerOnClose(req);
    }
  }
  if ((close || front.draining) && !h2) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
  logRequest(app, ex);
}

/** Answers with an event stream (StartLiveTail); the request is logged when the stream ends. */
function sendStream(front: HttpFront, app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange, output: EventStreamOutput): void {
  ex.log.status = 200;
  const headers: Record<string, string | number> = { 'x-amzn-RequestId': ex.requestId, Date: httpDate(ex.now) };
  if (front.draining && req.httpVersionMajor !== 2) headers.Connection = 'close';
  sendEventStream(req, res, headers, output, front.streams, () => logRequest(app, ex));
}

const lingering = Symbol('logseal.lingering');

/**
 * Makes the connection's close (node calls `destroySoon` once a `Connection: close` answer is written) a lingering
 * one: FIN after the answer, then the unread body is drained and discarded, within bounds, before the socket goes.
 */
function lingerOnClose(req: IncomingMessage): void {
  const socket = req.socket as Socket & { [lingering]?: boolean };
  if (socket[lingering]) return;
  socket[lingering] = true;
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end();
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (timer) clearTimeout(timer);
      if (this.writableFinished) this.destroy();
      else this.once('finish', () => this.destroy());
    };
    if (req.complete || this.readableEnded) return stop();
    timer = setTimeout(stop, LINGER_MAX_MS);
    timer.unref();
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > LINGER_MAX_BYTES) stop();
    });
    req.once('end', stop);
    req.once('error', stop);
    this.once('end', stop);
    this.once('error', stop);
    req.resume();
  };
}

function logRequest(app: App, ex: Exchange): void {
  ex.log.ms = Math.round((performance.now() - ex.start) * 100) / 100;
  app.logger.request(ex.log);
}

function sendJsonError(front: HttpFront, app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange, err: AwsError, close = false): void {
  ex.log.code = err.code;
  send(front, app, req, res, ex, err.status, JSON_CONTENT_TYPE, encodeJsonError(err), close);
}

function sendQueryError(
  front: HttpFront,
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  service: ServiceModel,
  err: AwsError,
  close = false,
): void {
  ex.log.code = err.code;
  send(front, app, req, res, ex, err.status, 'text/xml', encodeQueryError(service, err, ex.requestId), close);
}
