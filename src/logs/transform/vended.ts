/**
 * The built-in parsers for AWS vended log formats (they must be a transformer's first processor and read the whole
 * `@message`). Field names follow each format's own documentation (VPC flow logs' default format, Route 53 query
 * logs, CloudFront standard logs' W3C header, RDS for PostgreSQL's `log_line_prefix` `%t:%r:%u@%d:[%p]:`, AWS WAF's
 * JSON); AWS does not publish the exact keys its parsers emit for all of them, so ours may differ in naming.
 */
import { isObject, type Json, type JsonObject } from './event.js';

const VPC_FIELDS = ['version', 'account_id', 'interface_id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log_status'];
const VPC_NUMERIC = new Set(['version', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end']);

const ROUTE53_FIELDS = ['version', 'queryTimestamp', 'hostedZoneId', 'queryName', 'queryType', 'responseCode', 'protocol', 'edgeLocation', 'resolverIp', 'ednsClientSubnet'];

const CLOUDFRONT_FIELDS = [
  'date', 'time', 'x-edge-location', 'sc-bytes', 'c-ip', 'cs-method', 'cs(Host)', 'cs-uri-stem', 'sc-status', 'cs(Referer)', 'cs(User-Agent)',
  'cs-uri-query', 'cs(Cookie)', 'x-edge-result-type', 'x-edge-request-id', 'x-host-header', 'cs-protocol', 'cs-bytes', 'time-taken', 'x-forwarded-for',
  'ssl-protocol', 'ssl-cipher', 'x-edge-response-result-type', 'cs-protocol-version', 'fle-status', 'fle-encrypted-fields', 'c-port',
  'time-to-first-byte', 'x-edge-detailed-result-type', 'sc-content-type', 'sc-content-len', 'sc-range-start', 'sc-range-end',
];

function numeric(s: string): Json {
  return /^-?\d+(?:\.\d+)?$/.test(s) ? Number(s) : s;
}

/** Space-separated VPC flow log records in the default format (version 2, 14 fields). */
function parseVPC(m: string): JsonObject | undefined {
  const parts = m.trim().split(/ +/);
  if (parts.length !== VPC_FIELDS.length) return undefined;
  const out: JsonObject = {};
  VPC_FIELDS.forEach((f, i) => {
    const v = parts[i]!;
    out[f] = VPC_NUMERIC.has(f) && v !== '-' ? numeric(v) : v;
  });
  return out;
}

function parseRoute53(m: string): JsonObject | undefined {
  const parts = m.trim().split(/ +/);
  if (parts.length < ROUTE53_FIELDS.length - 1 || parts.length > ROUTE53_FIELDS.length) return undefined;
  const out: JsonObject = {};
  ROUTE53_FIELDS.forEach((f, i) => {
    if (parts[i] !== undefined) out[f] = parts[i]!;
  });
  return out;
}

function parseCloudfront(m: string): JsonObject | undefined {
  if (m.startsWith('#')) return undefined;
  const parts = m.split('\t');
  if (parts.length < 20) return undefined;
  const out: JsonObject = {};
  parts.forEach((v, i) => {
    const f = CLOUDFRONT_FIELDS[i];
    if (f !== undefined) out[f] = numeric(v);
  });
  return out;
}

// `2019-03-10 03:54:59 UTC:10.0.0.123(52834):postgres@logs:[20175]:ERROR:  message`
const POSTGRES = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [A-Z]+):([^:(]*)(?:\((\d+)\))?:([^@:]*)@([^:]*):\[(\d+)\]:([A-Z0-9]+):\s*([\s\S]*)$/;

function parsePostgres(m: string): JsonObject | undefined {
  const r = POSTGRES.exec(m);
  if (!r) return undefined;
  const out: JsonObject = { logTime: r[1]!, host: r[2]! };
  if (r[3] !== undefined) out['port'] = Number(r[3]);
  out['userName'] = r[4]!;
  out['databaseName'] = r[5]!;
  out['processId'] = Number(r[6]);
  out['logLevel'] = r[7]!;
  out['message'] = r[8]!;
  return out;
}

/** AWS WAF's JSON records, with the request's header list also made a map (`httpRequest.headers.<name>`). */
function parseWAF(m: string): JsonObject | undefined {
  let v: unknown;
  try {
    v = JSON.parse(m);
  } catch {
    return undefined;
  }
  if (!isObject(v)) return undefined;
  const req = v['httpRequest'];
  if (isObject(req) && Array.isArray(req['headers'])) {
    const headers: JsonObject = {};
    for (const h of req['headers']) if (isObject(h) && typeof h['name'] === 'string') headers[h['name']] = h['value'] ?? null;
    req['headers'] = headers;
  }
  return v;
}

export const VENDED_PARSERS: Readonly<Record<string, (message: string) => JsonObject | undefined>> = {
  parseVPC,
  parseRoute53,
  parseCloudfront,
  parsePostgres,
  parseWAF,
};
