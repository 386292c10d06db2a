import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Creds } from './server.js';

export interface RawRequest {
  url: string;
  service: string;
  region?: string;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  creds?: Creds;
  signingDate?: Date;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The headers to send for `r`: signed with the SDK's own SigV4 signer, or unsigned when `creds` is absent. */
export async function signedHeaders(r: RawRequest): Promise<Record<string, string>> {
  const u = new URL(r.url);
  const headers: Record<string, string> = { host: u.host, ...r.headers };
  let out = headers;
  if (r.creds) {
    const signer = new SignatureV4({ service: r.service, region: r.region ?? 'us-east-1', credentials: r.creds, sha256: Sha256 });
    const req = new HttpRequest({
      method: r.method ?? 'POST',
      protocol: u.protocol,
      hostname: u.hostname,
      port: Number(u.port),
      path: r.path ?? '/',
      query: r.query,
      headers,
      body: r.body ?? '',
    });
    out = (await signer.sign(req, { signingDate: r.signingDate ?? new Date() })).headers as Record<string, string>;
  }
  const sendHeaders = { ...out };
  delete sendHeaders.host;
  return sendHeaders;
}

/** Signs a request (see `signedHeaders`) and sends it as is. */
export async function sendRaw(r: RawRequest): Promise<RawResponse> {
  const u = new URL(r.url);
  const qs = r.query ? '?' + new URLSearchParams(r.query).toString() : '';
  const res = await fetch(`${u.origin}${r.path ?? '/'}${qs}`, {
    method: r.method ?? 'POST',
    headers: await signedHeaders(r),
    body: (r.method ?? 'POST') === 'GET' ? undefined : (r.body ?? ''),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A signed AWS JSON 1.1 call: `target` is e.g. `TrentService.CreateKey`. */
export function jsonCall(url: string, target: string, body: unknown, creds?: Creds, extra: Partial<RawRequest> = {}): Promise<RawResponse> {
  const service = target.startsWith('TrentService.') ? 'kms' : 'logs';
  return sendRaw({
    url,
    service,
    creds,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    ...extra,
  });
}

/** A signed AWS Query call (IAM or STS). */
export function queryCall(url: string, service: 'iam' | 'sts', params: Record<string, string>, creds?: Creds, extra: Partial<RawRequest> = {}): Promise<RawResponse> {
  const version = service === 'iam' ? '2010-05-08' : '2011-06-15';
  return sendRaw({
    url,
    service,
    creds,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: version, ...params }).toString(),
    ...extra,
  });
}

/** The `<Code>` of a Query ErrorResponse. */
export function xmlErrorCode(xml: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}

export function xmlErrorMessage(xml: string): string | undefined {
  return /<Message>([^<]*)<\/Message>/.exec(xml)?.[1];
}
