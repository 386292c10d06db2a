import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ACCOUNT_ID, rootPrincipal } from '../src/auth/identity.js';
import type { RequestContext } from '../src/common/operation.js';
import { startServer } from '../src/server/index.js';
import { decodeJsonInput, services } from '../src/protocol/index.js';
import { createConditionedKey, kmsRequest, send } from './kms.js';
import { fmt } from './lib.js';

/**
 * The KMS hot path without HTTP: the GenerateDataKey, Decrypt and Encrypt handlers (the wrapped operation table the
 * server calls, with the same key policy with conditions as `percore`) called in a loop in this process, CPU µs per
 * call (`process.cpuUsage`, best of ROUNDS). This is where `node --cpu-prof` is accurate (no I/O): run it as
 * `node --cpu-prof dist/bench/run.js kmshandlers`.
 */
const ROUNDS = 5;

export async function kmsHandlersBench(seconds: number): Promise<boolean> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logseal-bench-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, dev: true, env: {} });
  try {
    const u = server.url;
    const context = { 'aws:logs:arn': `arn:aws:logs:us-east-1:${DEV_ACCOUNT_ID}:log-group:bench` };
    const keyId = await createConditionedKey(u);
    const gdkReq = await kmsRequest(u, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context });
    const blob = ((await send(u, gdkReq)) as { CiphertextBlob: string }).CiphertextBlob;
    const kms = services.kms;
    const ops = server.app.operations.kms;
    const inputs: [string, unknown][] = [
      ['GenerateDataKey', decodeJsonInput(kms, 'GenerateDataKey', Buffer.from(JSON.stringify({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context })))],
      ['Decrypt', decodeJsonInput(kms, 'Decrypt', Buffer.from(JSON.stringify({ CiphertextBlob: blob, EncryptionContext: context })))],
      ['Encrypt', decodeJsonInput(kms, 'Encrypt', Buffer.from(JSON.stringify({ KeyId: keyId, Plaintext: Buffer.alloc(32, 7).toString('base64'), EncryptionContext: context })))],
    ];
    const ctx = (): RequestContext => ({
      requestId: 'bench',
      principal: rootPrincipal(DEV_ACCOUNT_ID),
      region: 'us-east-1',
      sourceIp: '127.0.0.1',
      userAgent: 'bench',
      time: Date.now(),
      secureTransport: false,
    });
    const perRound = Math.max(2_000, Math.round(seconds * 5_000));
    const best = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, input] of inputs) {
        const handler = ops[name]!.handler;
        const start = process.cpuUsage();
        for (let i = 0; i < perRound; i++) await handler(input, ctx());
        const used = process.cpuUsage(start);
        const us = (used.user + used.system) / perRound;
        best.set(name, Math.min(best.get(name) ?? Infinity, us));
      }
    }
    console.log(`KMS handlers in-process (no HTTP), CPU µs per call, best of ${ROUNDS} rounds of ${perRound}:`);
    for (const [name] of inputs) console.log(`  ${name.padEnd(18)} ${fmt(best.get(name)!, 2).padStart(6)} µs/call`);
    return true;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
