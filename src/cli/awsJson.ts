/**
 * A minimal AWS JSON 1.1 client for the `logseal` command (KMS and CloudWatch Logs calls of `logseal posture`),
 * signed with SigV4 over node:crypto. The AWS SDK is only a development dependency of logseal, and these few signed
 * POSTs do not justify making it a runtime one.
 */
import { createHash, createHmac } from 'node:crypto';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export class AwsCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const TARGET_PREFIX: Record<string, string> = { kms: 'TrentService', logs: 'Logs_20140328' };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export async function callJson(endpoint: string, region: string, creds: Credentials, service: 'kms' | 'logs', operation: string, input: unknown): Promise<any> {
  const url = new URL(endpoint);
  const body = JSON.stringify(input ?? {});
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-target': `${TARGET_PREFIX[service]}.${operation}`,
  };
  if (creds.sessionToken) headers['x-amz-security-token'] = creds.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = ['POST', url.pathname || '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256(body)].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date), region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  const res = await fetch(new URL(url.pathname || '/', url), { method: 'POST', headers, body });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const code = String(parsed.__type ?? 'Error').replace(/^.*#/, '');
    throw new AwsCallError(code, String(parsed.message ?? parsed.Message ?? ''), res.status);
  }
  return parsed;
}
