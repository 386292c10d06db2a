/**
 * Encryption of stored query results: AES-256-GCM under a data key per query.
 *
 * - With a key associated with `arn:aws:logs:REGION:ACCOUNT:query-result:*`, the data key comes from KMS
 *   (GenerateDataKey / Decrypt) called in-process as `logs.<region>.amazonaws.com`, with the encryption context
 *   `{"aws:logs:arn": "arn:aws:logs:REGION:ACCOUNT:query-result:*"}` (the ARN AWS's key policy examples condition
 *   on) and `aws:SourceArn` the same ARN, so the key policy decides as on AWS.
 * - Without one, the data key is wrapped under the account's service-owned key, as log groups without a key are.
 *
 * Sealed data: u8 version(=1) | 12 iv | ciphertext | 16 tag, AAD binding the query id and the key, so results copied
 * to another query do not open. The data key is unwrapped on every read, so a disabled key stops reads at once.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { servicePrincipal } from '../auth/identity.js';
import type { RequestContext } from '../common/operation.js';
import type { LogsCore } from '../logs/core.js';
import { ENCRYPTION_CONTEXT_KEY } from '../logs/dataKeys.js';
import type { SealedResults } from './model.js';

const VERSION = 1;
const AAD_LABEL = 'logseal/insights/results/v1|';

export function queryResultArn(region: string, accountId: string): string {
  return `arn:aws:logs:${region}:${accountId}:query-result:*`;
}

const QUERY_RESULT_ARN_RE = /^arn:aws:logs:([a-z0-9-]+):(\d{12}):query-result:\*$/;

export function parseQueryResultArn(arn: string): { region: string; accountId: string } | undefined {
  const m = QUERY_RESULT_ARN_RE.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]! } : undefined;
}

export function resultEncryptionContext(accountId: string, region: string): Record<string, string> {
  return { [ENCRYPTION_CONTEXT_KEY]: queryResultArn(region, accountId) };
}

/** CloudWatch Logs calling KMS about the account's query results. */
export function resultKmsContext(ctx: Pick<RequestContext, 'requestId' | 'time'>, accountId: string, region: string): RequestContext {
  return {
    requestId: ctx.requestId,
    principal: servicePrincipal('logs', region, accountId),
    region,
    sourceIp: '',
    userAgent: 'logs.amazonaws.com',
    time: ctx.time,
    secureTransport: true,
    sourceAccount: accountId,
    sourceArn: queryResultArn(region, accountId),
  };
}

/**
 * The scope under which the service-owned key wraps a query's data key: `query-result:<id>` can never be a log group
 * name (a group name has no `:`), so results' keys and groups' keys can never be swapped.
 */
function serviceScope(accountId: string, region: string, queryId: string) {
  return { accountId, region, name: `query-result:${queryId}` };
}

function aad(queryId: string, keyArn: string | undefined): Buffer {
  return Buffer.from(`${AAD_LABEL}${queryId}|${keyArn ?? ''}`, 'utf8');
}

export interface ResultDataKey {
  plaintext: Buffer;
  wrapped: Buffer;
  keyArn?: string;
}

/** A fresh data key for a query's results. KMS refusals are thrown as KMS raised them. */
export async function newResultKey(
  core: LogsCore,
  ctx: Pick<RequestContext, 'requestId' | 'time'>,
  accountId: string,
  region: string,
  queryId: string,
  keyArn: string | undefined,
): Promise<ResultDataKey> {
  const kctx = resultKmsContext(ctx, accountId, region);
  if (keyArn === undefined) {
    const k = await core.dataKeys.forKey(serviceScope(accountId, region, queryId), undefined, kctx);
    return { plaintext: k.plaintext, wrapped: k.wrapped };
  }
  const out = await core.kms.generateDataKey({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: resultEncryptionContext(accountId, region) }, kctx);
  return { plaintext: Buffer.from(out.Plaintext!), wrapped: Buffer.from(out.CiphertextBlob!), keyArn };
}

export function sealResults(queryId: string, key: ResultDataKey, plaintext: Buffer): SealedResults {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
  cipher.setAAD(aad(queryId, key.keyArn));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const out: SealedResults = { wrappedKey: key.wrapped, data: Buffer.concat([Buffer.from([VERSION]), iv, ct, cipher.getAuthTag()]) };
  if (key.keyArn !== undefined) out.keyArn = key.keyArn;
  return out;
}

/** Unwraps the data key (asking KMS now) and decrypts the results. KMS refusals are thrown as KMS raised them. */
export async function openResults(
  core: LogsCore,
  ctx: Pick<RequestContext, 'requestId' | 'time'>,
  accountId: string,
  region: string,
  queryId: string,
  sealed: SealedResults,
): Promise<Buffer> {
  const kctx = resultKmsContext(ctx, accountId, region);
  let key: Buffer;
  if (sealed.keyArn === undefined) {
    key = await core.dataKeys.unwrapper(serviceScope(accountId, region, queryId), kctx)(undefined, sealed.wrappedKey);
  } else {
    const out = await core.kms.decrypt(
      { CiphertextBlob: sealed.wrappedKey, KeyId: sealed.keyArn, EncryptionContext: resultEncryptionContext(accountId, region) },
      kctx,
    );
    key = Buffer.from(out.Plaintext!);
  }
  const d = sealed.data;
  if (d.length < 1 + 12 + 16 || d[0] !== VERSION) throw new Error('unknown sealed results format');
  const decipher = createDecipheriv('aes-256-gcm', key, d.subarray(1, 13));
  decipher.setAAD(aad(queryId, sealed.keyArn));
  decipher.setAuthTag(d.subarray(d.length - 16));
  return Buffer.concat([decipher.update(d.subarray(13, d.length - 16)), decipher.final()]);
}
