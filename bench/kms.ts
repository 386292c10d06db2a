import { fmt, load, signRequest, spawnLogseal, type LoadResult, type SignedRequest } from './lib.js';

/**
 * The KMS hot path: GenerateDataKey and Decrypt over SigV4 at 64 keep-alive connections, against a key whose policy
 * has conditions (kms:CallerAccount and an encryption-context key), so authorization does real work on every call.
 * Targets: ≥ 30,000 req/s and p99 < 5 ms for each.
 */
const TARGET_RPS = 30_000;
const TARGET_P99_MS = 5;
const ACCOUNT = '000000000000';
const CONTEXT = { 'aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:bench` };

export async function kmsBench(seconds: number): Promise<boolean> {
  const logseal = await spawnLogseal();
  try {
    const keyId = await createConditionedKey(logseal.url);
    const gdk = await kmsRequest(logseal.url, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT });
    const blob = ((await send(logseal.url, gdk)) as { CiphertextBlob: string }).CiphertextBlob;
    const dec = await kmsRequest(logseal.url, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT });
    await send(logseal.url, dec);

    console.log(`KMS (SigV4, JSON 1.1), key policy with conditions, 64 keep-alive connections, ${seconds}s each:`);
    let ok = true;
    for (const [name, req] of [
      ['GenerateDataKey', gdk],
      ['Decrypt', dec],
    ] as const) {
      await load(logseal.url, req, 64, 2); // warm-up
      ok = report(name, await load(logseal.url, req, 64, seconds)) && ok;
    }
    return ok;
  } finally {
    await logseal.stop();
  }
}

function report(name: string, r: LoadResult): boolean {
  const rpsOk = r.rps >= TARGET_RPS;
  const p99Ok = r.p99 < TARGET_P99_MS;
  console.log(`  ${name.padEnd(16)} ${fmt(r.rps)} req/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`);
  console.log(
    `  ${''.padEnd(16)} ${fmt((r.rps / TARGET_RPS) * 100, 1)}% of ${fmt(TARGET_RPS)} req/s ${rpsOk ? 'OK' : 'BELOW TARGET'}; ` +
      `p99 ${fmt((r.p99 / TARGET_P99_MS) * 100, 1)}% of ${TARGET_P99_MS} ms ${p99Ok ? 'OK' : 'ABOVE TARGET'}`,
  );
  return rpsOk && p99Ok && r.non2xx === 0 && r.errors === 0;
}

/** A key whose policy grants the data-key operations only under conditions (the shape CloudWatch Logs keys take). */
export async function createConditionedKey(url: string): Promise<string> {
  const root = `arn:aws:iam::${ACCOUNT}:root`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'admin', Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:PutKeyPolicy', 'kms:DescribeKey'], Resource: '*' },
      {
        Sid: 'use',
        Effect: 'Allow',
        Principal: { AWS: root },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'],
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': ACCOUNT },
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` },
        },
      },
    ],
  };
  const out = (await send(url, await kmsRequest(url, 'CreateKey', { Policy: JSON.stringify(policy) }))) as { KeyMetadata: { Arn: string } };
  return out.KeyMetadata.Arn;
}

export function kmsRequest(url: string, operation: string, input: object): Promise<SignedRequest> {
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${operation}` };
  return signRequest(url, 'kms', headers, JSON.stringify(input));
}

export async function send(url: string, req: SignedRequest): Promise<unknown> {
  const res = await fetch(url + req.path, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${req.headers['x-amz-target']} failed: ${res.status} ${text}`);
  return JSON.parse(text);
}

