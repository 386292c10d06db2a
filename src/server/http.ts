import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { requestId as newRequestId } from '../common/ids.js';
import type { OperationDef, RequestContext } from '../common/operation.js';
import { authErrorFor } from '../auth/authErrors.js';
import type { Principal } from '../auth/identity.js';
import { checkCredentialScope, parseAuth, SigV4Error, type SigV4Request } from '../auth/sigv4.js';
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
import type { RequestLogEntry } from './logger.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

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

/** The HTTP front: routes by `X-Amz-Target` (AWS JSON 1.1) or `Action` (AWS Query), authenticates, runs the operation. */
export function createHttpServer(app: App): Server {
  const server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 }, (req, res) => {
    void handle(app, req, res);
  });
  server.headersTimeout = 60_000;
  server.requestTimeout = 300_000;
  return server;
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ex: Exchange = { requestId: newRequestId(), start: performance.now(), now: app.clock.now(), log: { requestId: '', status: 0, ms: 0 } };
  ex.log.requestId = ex.requestId;
  try {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      await handleJson(app, req, res, ex, path, query, target);
    } else if (req.method === 'GET' && path === '/_logseal/health') {
      send(res, ex, 200, 'application/json', '{"status":"ok"}');
    } else if ((req.method === 'POST' && isForm(req)) || (req.method === 'GET' && /(^|&)Action=/.test(query))) {
      await handleQuery(app, req, res, ex, path, query);
    } else if (req.method === 'POST') {
      sendJsonError(res, ex, unknownOperation());
    } else {
      send(res, ex, 404, 'application/json', '{"message":"Not Found"}');
    }
  } catch (err) {
    // Anything that escaped the protocol handlers is our fault; the client gets a generic 500.
    app.logger.fault(ex.requestId, err);
    if (!res.headersSent) sendJsonError(res, ex, new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', { status: 500 }));
  } finally {
    ex.log.ms = Math.round((performance.now() - ex.start) * 100) / 100;
    app.logger.request(ex.log);
  }
}

function isForm(req: IncomingMessage): boolean {
  const ct = req.headers['content-type'];
  return typeof ct === 'string' && ct.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

async function handleJson(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  path: string,
  query: string,
  target: string,
): Promise<void> {
  const dot = target.indexOf('.');
  const service = dot > 0 ? jsonServices.get(target.slice(0, dot)) : undefined;
  const operation = dot > 0 ? target.slice(dot + 1) : '';
  if (!service) {
    sendJsonError(res, ex, unknownOperation());
    return;
  }
  ex.log.service = service.name;
  ex.log.operation = operation;
  const def: OperationDef | undefined = Object.hasOwn(app.operations[service.name], operation)
    ? app.operations[service.name][operation]
    : undefined;
  try {
    const body = await readBody(req, def?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    const auth = await authenticate(app, req, path, query, body, 'json', service.name);
    ex.log.principal = auth.principal.arn;
    if (!def || !service.operations.has(operation)) throw unknownOperation();
    const input = decodeJsonInput(service, operation, body);
    const output = await run(app, def, input, context(app, req, ex, auth));
    send(res, ex, 200, JSON_CONTENT_TYPE, encodeJsonOutput(service, operation, output));
  } catch (err) {
    if (err instanceof AwsError) sendJsonError(res, ex, err);
    else if (err instanceof BodyTooLargeError) sendJsonError(res, ex, tooLarge(err), true);
    else throw err;
  }
}

async function handleQuery(app: App, req: IncomingMessage, res: ServerResponse, ex: Exchange, path: string, query: string): Promise<void> {
  let service: ServiceModel = services.sts;
  try {
    const body = req.method === 'POST' ? await readBody(req, DEFAULT_MAX_BODY_BYTES) : Buffer.alloc(0);
    const params = new URLSearchParams(req.method === 'POST' ? body.toString('utf8') : query);
    service = queryService(req, query, params);
    const action = params.get('Action') ?? '';
    ex.log.service = service.name;
    ex.log.operation = action;
    const auth = await authenticate(app, req, path, query, body, 'query', service.name);
    ex.log.principal = auth.principal.arn;
    if (action === '') throw new AwsError('MissingAction', 'Missing Action');
    const table = app.operations[service.name];
    const def = Object.hasOwn(table, action) ? table[action] : undefined;
    if (!def || !service.operations.has(action)) {
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? service.apiVersion}`);
    }
    const input = decodeQueryInput(service, action, params);
    const output = await run(app, def, input, context(app, req, ex, auth));
    send(res, ex, 200, 'text/xml', encodeQueryOutput(service, action, output, ex.requestId));
  } catch (err) {
    if (err instanceof AwsError) sendQueryError(res, ex, service, err);
    else if (err instanceof BodyTooLargeError) sendQueryError(res, ex, service, tooLarge(err), true);
    else throw err;
  }
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

async function authenticate(
  app: App,
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  protocol: 'json' | 'query',
  serviceName: string,
): Promise<Authenticated> {
  const sreq: SigV4Request = { method: req.method ?? 'GET', path, query, headers: req.headersDistinct, body };
  try {
    const auth = parseAuth(sreq);
    // AWS's order: the scope and the date are checked before the access key is looked up.
    checkCredentialScope(auth, { service: serviceName });
    app.verifier.checkFreshness(auth);
    let cred = app.credentials.cached(auth.accessKeyId);
    if (cred === null) cred = await app.credentials.resolve(auth.accessKeyId);
    if (!cred || !cred.active) throw new SigV4Error('unknown-key', 'unknown access key');
    // Temporary credentials need their session token, and only until they expire.
    app.credentials.checkSessionToken(cred, auth.securityToken);
    app.verifier.verify(sreq, auth, cred.secretAccessKey);
    return { principal: cred.principal, region: auth.region };
  } catch (err) {
    if (err instanceof SigV4Error) throw authErrorFor(err, protocol, serviceName);
    throw err;
  }
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

async function run(app: App, def: OperationDef, input: unknown, ctx: RequestContext): Promise<unknown> {
  if (def.readOnly) return def.handler(input, ctx);
  return app.store.transaction(async () => def.handler(input, ctx));
}

/** AWS's JSON services answer an operation they do not have with a bare `{"__type":"UnknownOperationException"}`. */
function unknownOperation(): AwsError {
  return new AwsError('UnknownOperationException', '');
}

function tooLarge(err: BodyTooLargeError): AwsError {
  return new AwsError('RequestEntityTooLargeException', `Request body exceeds the limit of ${err.limit} bytes.`, { status: 413 });
}

function send(res: ServerResponse, ex: Exchange, status: number, contentType: string, body: string, close = false): void {
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
}

function sendJsonError(res: ServerResponse, ex: Exchange, err: AwsError, close = false): void {
  ex.log.code = err.code;
  send(res, ex, err.status, JSON_CONTENT_TYPE, encodeJsonError(err), close);
}

function sendQueryError(res: ServerResponse, ex: Exchange, service: ServiceModel, err: AwsError, close = false): void {
  ex.log.code = err.code;
  send(res, ex, err.status, 'text/xml', encodeQueryError(service, err, ex.requestId), close);
}
