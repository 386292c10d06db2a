/**
 * kill -9 during key-store writes: clients create keys, aliases, tags, policies, rotations and grants, and encrypt
 * under the new keys; the server is killed at a random moment and restarted. Every acknowledged key must exist
 * with its acknowledged alias, and every acknowledged ciphertext must decrypt to its plaintext.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  KMSClient,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { faultLines, log, removeDir, rng, sdkConfig, sleep, startChild, tempDir, type ChildServer, type FaultOptions, type HarnessResult } from './lib.js';

const NAME = 'kill-keystore';
const WORKERS = 4;

interface Acked {
  keyId: string;
  alias?: string;
  ciphertexts: { blob: Uint8Array; plain: string }[];
}

export async function killKeyStore(opts: FaultOptions): Promise<HarnessResult> {
  const dir = tempDir(NAME);
  const random = rng(opts.seed + 7);
  const acked: Acked[] = [];
  const problems: string[] = [];
  let srv: ChildServer = await startChild(dir);
  const cycles = Math.max(2, Math.ceil(opts.cycles / 2));
  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const kms = new KMSClient(sdkConfig(srv.url));
      let stop = false;
      let n = 0;
      const workers = Array.from({ length: WORKERS }, async (_, w) => {
        while (!stop) {
          try {
            const k = await kms.send(new CreateKeyCommand({ Description: `c${cycle}w${w}` }));
            const rec: Acked = { keyId: k.KeyMetadata!.KeyId!, ciphertexts: [] };
            acked.push(rec);
            const alias = `alias/c${cycle}-w${w}-${n++}`;
            await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: rec.keyId }));
            rec.alias = alias;
            await kms.send(new TagResourceCommand({ KeyId: rec.keyId, Tags: [{ TagKey: 'cycle', TagValue: String(cycle) }] }));
            await kms.send(new EnableKeyRotationCommand({ KeyId: rec.keyId }));
            const plain = `secret ${rec.keyId}`;
            const ct = await kms.send(new EncryptCommand({ KeyId: alias, Plaintext: Buffer.from(plain) }));
            rec.ciphertexts.push({ blob: ct.CiphertextBlob!, plain });
          } catch {
            return;
          }
        }
      });
      const runMs = 300 + Math.floor(random() * 1200);
      await sleep(runMs);
      await srv.kill9();
      stop = true;
      await Promise.all(workers);
      kms.destroy();
      srv = await startChild(dir);
      const check = new KMSClient(sdkConfig(srv.url));
      let bad = 0;
      for (const rec of acked) {
        try {
          const d = await check.send(new DescribeKeyCommand({ KeyId: rec.alias ?? rec.keyId }));
          if (d.KeyMetadata!.KeyId !== rec.keyId) throw new Error('alias points elsewhere');
          for (const c of rec.ciphertexts) {
            const p = await check.send(new DecryptCommand({ CiphertextBlob: c.blob }));
            if (Buffer.from(p.Plaintext!).toString() !== c.plain) throw new Error('wrong plaintext');
          }
        } catch (e) {
          bad++;
          if (problems.length < 5) problems.push(`${rec.keyId}: ${(e as Error).message}`);
        }
      }
      check.destroy();
      log(NAME, `cycle ${cycle}: killed after ${runMs} ms; ${acked.length} acknowledged keys so far, ${bad === 0 ? 'all there with their aliases, every ciphertext decrypts' : `${bad} inconsistent`}`);
    }
    for (const f of faultLines(srv).slice(0, 3)) log(NAME, `server fault: ${f.slice(0, 400)}`);
    return { ok: problems.length === 0, summary: `${cycles} kill -9 cycles, ${acked.length} acknowledged keys, ${problems.length === 0 ? '0 inconsistencies' : problems.join('; ')}` };
  } finally {
    await srv.stop();
    removeDir(dir);
  }
}
