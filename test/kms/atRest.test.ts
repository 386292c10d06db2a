import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { clientConfig, devAccount, startTestServer } from '../helpers/server.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every form a secret could take on disk: raw bytes, hex, base64. */
function forms(secret: Buffer): Buffer[] {
  return [secret, Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('base64'))];
}

test('no data key, private key or key material reaches the data dir in plaintext, and keys survive a restart', async () => {
  let srv = await startTestServer();
  try {
    const kms = new KMSClient(clientConfig(srv.url));
    const sym = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const rsa = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    const hmac = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!;

    const secrets: { what: string; bytes: Buffer }[] = [];
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: sym.KeyId, KeySpec: 'AES_256', EncryptionContext: { app: 'at-rest' } }));
    secrets.push({ what: 'data key', bytes: Buffer.from(dataKey.Plaintext!) });
    const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: sym.KeyId, KeyPairSpec: 'ECC_NIST_P256' }));
    secrets.push({ what: 'data key pair private key', bytes: Buffer.from(pair.PrivateKeyPlaintext!) });
    const plaintext = Buffer.from('a plaintext that must never be stored: 7f1c0d2e');
    const blob = (await kms.send(new EncryptCommand({ KeyId: sym.KeyId, Plaintext: plaintext }))).CiphertextBlob!;
    secrets.push({ what: 'Encrypt plaintext', bytes: plaintext });

    const core = srv.server.app.kms;
    for (const meta of [sym, rsa, hmac]) {
      const key = await core.getKey(devAccount, 'us-east-1', meta.KeyId!);
      assert.ok(key, `key ${meta.KeyId} exists`);
      const material = await core.material(key);
      assert.ok(material && material.length >= 32, `key ${meta.KeySpec} has material`);
      secrets.push({ what: `key material of ${meta.KeySpec}`, bytes: material });
    }

    await srv.stop();
    const files = filesUnder(srv.dataDir);
    assert.ok(files.length > 0);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const s of secrets) {
        for (const form of forms(s.bytes)) assert.equal(bytes.indexOf(form), -1, `${s.what} found in plaintext in ${f}`);
      }
    }

    // The material was sealed, not lost: after a restart the same keys decrypt what they encrypted before.
    srv = await srv.restart();
    const again = new KMSClient(clientConfig(srv.url));
    const out = await again.send(new DecryptCommand({ CiphertextBlob: blob }));
    assert.deepEqual(Buffer.from(out.Plaintext!), plaintext);
    const dk = await again.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: { app: 'at-rest' } }));
    assert.deepEqual(Buffer.from(dk.Plaintext!), Buffer.from(dataKey.Plaintext!));
  } finally {
    await srv.dispose();
  }
});
