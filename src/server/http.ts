import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { requestId as newRequestId } from '../common/ids.js';
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
import { isConsolePath, serveConsole } from './console.js';
import type { RequestLogEntry } from './logger.js';
import { andThen, attempt, type MaybePromise } from './maybeAsync.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
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

/**
 * The HTTP front: routes by `X-Amz-Target` (AWS JSON 1.1) or `Action` (AWS Query), authenticates, runs the operation.
 * A request whose credential is cached and whose operation answers synchronously is served without a single promise
 * (see maybeAsync.ts); the response is logged when it is sent.
 */
export function createHttpServer(app: App): Server {
  const server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 }, (req, res) => handle(app, req, res));
  server.headersTimeout = 60_000;
  server.requestTimeout = 300_000;
  return server;
}

function handle(app: App, req: IncomingMessage, res: ServerResponse): void {
  const requestId = newRequestId();
  const ex: Exchange = { requestId, start: performance.now(), now: app.clock.now(), log: { requestId, status: 0, ms: 0 } };
  guard(app, res, ex, () => route(app, req, res, ex));
}

/** Runs a step of a request; anything that escapes it is our fault, and the client gets a generic 500. */
function guard(app: App, res: ServerResponse, ex: Exchange, step: () => MaybePromise<void>): void {
  const fault = (err: unknown) => {
    app.logger.fault(ex.requestId, err);
    if (!res.headersSent) {
      sendJsonError(app, res, ex, internalFailure());
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

function route(app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange): MaybePromise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    handleJson(app, req, res, ex, path, query, target);
  } else if (req.method === 'GET' && path === '/_logseal/health') {
    send(app, res, ex, 200, 'application/json', '{"status":"ok"}');
  } else if ((req.method === 'POST' && isForm(req)) || (req.method === 'GET' && /(^|&)Action=/.test(query))) {
    handleQuery(app, req, res, ex, path, query);
  } else if (req.method === 'GET' && isConsolePath(path)) {
    ex.log.path = path;
    return serveConsole(res, path, query, app.dev).then((status) => {
      ex.log.status = status;
      logRequest(app, ex);
    });
  } else if (req.method === 'POST') {
    ex.log.path = path;
    sendJsonError(app, res, ex, unknownOperation());
  } else {
    ex.log.path = path;
    send(app, res, ex, 404, 'application/json', '{"message":"Not Found"}');
  }
}

function isForm(req: IncomingMessage): boolean {
  const ct = req.headers['content-type'];
  return typeof ct === 'string' && ct.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function handleJson(
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
    sendJsonError(app, res, ex, unknownOperation());
    return;
  }
  ex.log.service = service.name;
  ex.log.operation = operation;
  const def: OperationDef | undefined = Object.hasOwn(app.operations[service.name], operation)
    ? app.operations[service.name][operation]
    : undefined;
  const failed = (err: unknown): void => {
    if (err instanceof AwsError) sendJsonError(app, res, ex, err);
    else if (err instanceof BodyTooLargeError) sendJsonError(app, res, ex, tooLarge(err), true);
    else throw err;
  };
  const answer = (body: Buffer): MaybePromise<void> =>
    andThen(authenticate(app, req, path, query, body, 'json', service.name), (auth) => {
      ex.log.principal = auth.principal.arn;
      if (!def || !service.operations.has(operation)) throw unknownOperation();
      const input = decodeJsonInput(service, operation, body);
      return andThen(run(app, def, input, context(app, req, ex, auth)), (output) => {
        send(app, res, ex, 200, JSON_CONTENT_TYPE, encodeJsonOutput(service, operation, output));
      });
    });
  withBody(app, req, res, ex, def?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, answer, failed);
}

function handleQuery(app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange, path: string, query: string): void {
  let service: ServiceModel = services.sts;
  const failed = (err: unknown): void => {
    if (err instanceof AwsError) sendQueryError(app, res, ex, service, err);
    else if (err instanceof BodyTooLargeError) sendQueryError(app, res, ex, service, tooLarge(err), true);
    else throw err;
  };
  const answer = (body: Buffer): MaybePromise<void> => {
    const params = new URLSearchParams(req.method === 'POST' ? body.toString('utf8') : query);
    service = queryService(req, query, params);
    const action = params.get('Action') ?? '';
    ex.log.service = service.name;
    ex.log.operation = action;
    return andThen(authenticate(app, req, path, query, body, 'query', service.name), (auth) => {
      ex.log.principal = auth.principal.arn;
      if (action === '') throw new AwsError('MissingAction', 'Missing Action');
      const table = app.operations[service.name];
      const def = Object.hasOwn(table, action) ? table[action] : undefined;
      if (!def || !service.operations.has(action)) {
        throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? service.apiVersion}`);
      }
      const input = decodeQueryInput(service, action, params);
      return andThen(run(app, def, input, context(app, req, ex, auth)), (output) => {
        send(app, res, ex, 200, 'text/xml', encodeQueryOutput(service, action, output, ex.requestId));
      });
    });
  };
  if (req.method === 'POST') withBody(app, req, res, ex, DEFAULT_MAX_BODY_BYTES, answer, failed);
  else guard(app, res, ex, () => attempt(() => answer(EMPTY_BODY), failed));
}

/**
 * Reads the body, then answers with it. What the protocol answers itself (AWS errors, a body too large) goes to
 * `failed`, which rethrows anything else as a fault.
 */
function withBody(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  limit: number,
  answer: (body: Buffer) => MaybePromise<void>,
  failed: (err: unknown) => void,
): void {
  readBody(req, limit, (bodyErr, body) =>
    guard(app, res, ex, () =>
      attempt(() => {
        if (bodyErr) throw bodyErr;
        return answer(body);
      }, failed),
    ),
  );
}

/** IAM and STS share the Query protocol: the credential scope names the service; without one, the Version does. */
function queryService(req: IncomingMessage, query: string, params: URLSearchParams): ServiceModel {
  const auth = req.headers.authorization;
  const scoped = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([a-z0-9-]+)\/aws4_request/.exec(
    typeof auth === 'string' ? auth : decodeURIComponent(query.match(/X-Amz-Credential=([^&]*)/)?.[1] ?? ''),
  );
  if (scoped && (scoped[1] === 'iam' || scoped[1] === 'sts')) return services[scoped[1]];
  return queryByVersion.get(params.get('Version') ?? '') ?? services.sts;
}

interface Authenticated {
  principal: Principal;
  region: string;
}

function authenticate(
  app: App,
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  protocol: 'json' | 'query',
  serviceName: string,
): MaybePromise<Authenticated> {
  const sreq: SigV4Request = { method: req.method ?? 'GET', path, query, headers: signedHeaderSource(req), body };
  return attempt(
    () => {
      const auth = parseAuth(sreq);
      // AWS's order: the scope and the date are checked before the access key is looked up.
      checkCredentialScope(auth, { service: serviceName, isRegion: app.regions.has });
      app.verifier.checkFreshness(auth);
      const cached = app.credentials.cached(auth.accessKeyId);
      if (cached !== null) return accept(app, sreq, auth, cached);
      return app.credentials.resolve(auth.accessKeyId).then((cred) => accept(app, sreq, auth, cred));
    },
    (err) => {
      if (err instanceof SigV4Error) throw authErrorFor(err, protocol, serviceName);
      throw err;
    },
  );
}

function accept(app: App, sreq: SigV4Request, auth: ParsedAuth, cred: ResolvedCredential | undefined): Authenticated {
  if (!cred || !cred.active) throw new SigV4Error('unknown-key', 'unknown access key');
  // Temporary credentials need their session token, and only until they expire.
  app.credentials.checkSessionToken(cred, auth.securityToken);
  app.verifier.verify(sreq, auth, cred.secretAccessKey);
  return { principal: cred.principal, region: auth.region };
}

/**
 * The request's headers for SigV4, which signs every value of a repeated header. node's `headers` (built for every
 * request anyway) joins or drops repeats, so it serves only when no name repeats; otherwise `headersDistinct`.
 */
function signedHeaderSource(req: IncomingMessage): SigV4Request['headers'] {
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

function internalFailure(): AwsError {
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', { status: 500 });
}

/** AWS's JSON services answer an operation they do not have with a bare `{"__type":"UnknownOperationException"}`. */
function unknownOperation(): AwsError {
  return new AwsError('UnknownOperationException', '');
}

function tooLarge(err: BodyTooLargeError): AwsError {
  return new AwsError('RequestEntityTooLargeException', `Request body exceeds the limit of ${err.limit} bytes.`, { status: 413 });
}

/** Answers the request and logs it. */
function send(app: App, res: ServerResponse, ex: Exchange, status: number, contentType: string, body: string, close = false): void {
  ex.log.status = status;
  const headers: Record<string, string | number> = {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': ex.requestId,
    Date: httpDate(ex.now),
  };
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
  logRequest(app, ex);
}

function logRequest(app: App, ex: Exchange): void {
  ex.log.ms = Math.round((performance.now() - ex.start) * 100) / 100;
  app.logger.request(ex.log);
}

function sendJsonError(app: App, res: ServerResponse, ex: Exchange, err: AwsError, close = false): void {
  ex.log.code = err.code;
  send(app, res, ex, err.status, JSON_CONTENT_TYPE, encodeJsonError(err), close);
}

function sendQueryError(app: App, res: ServerResponse, ex: Exchange, service: ServiceModel, err: AwsError, close = false): void {
  ex.log.code = err.code;
  send(app, res, ex, err.status, 'text/xml', encodeQueryError(service, err, ex.requestId), close);
}
