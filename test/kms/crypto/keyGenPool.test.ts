import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { describe, test } from 'node:test';
import { KeyGenBusyError } from '../../../src/kms/crypto/errors.js';
import { KeyGenPool, type KeyGenJob } from '../../../src/kms/crypto/keyGenPool.js';

const der = { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } };
const rsa = (bits: number): KeyGenJob => ({ type: 'rsa', options: { modulusLength: bits, publicExponent: 65537, ...der } });
const ec: KeyGenJob = { type: 'ec', options: { namedCurve: 'prime256v1', ...der } };

describe('KeyGenPool', () => {
  test('generates DER key pairs on its workers', async () => {
    const pool = new KeyGenPool({ workers: 1 });
    try {
      const pair = await pool.generate(rsa(2048));
      assert.equal(createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength, 2048);
      assert.ok(pair.privateKey.length > 1000);
    } finally {
      await pool.close();
    }
  });

  test('runs ECC jobs ahead of waiting RSA jobs, and refuses jobs beyond its queue', async () => {
    const pool = new KeyGenPool({ workers: 1, maxQueued: 3 });
    try {
      const order: string[] = [];
      const track = (name: string, p: Promise<unknown>) => p.then(() => order.push(name));
      const jobs = [track('rsa-running', pool.generate(rsa(2048))), track('rsa-waiting', pool.generate(rsa(2048))), track('ec-1', pool.generate(ec)), track('ec-2', pool.generate(ec))];
      assert.deepEqual(pool.load, { running: 1, queued: 3 });
      await assert.rejects(pool.generate(ec), KeyGenBusyError);
      await Promise.all(jobs);
      assert.deepEqual(order, ['rsa-running', 'ec-1', 'ec-2', 'rsa-waiting']);
    } finally {
      await pool.close();
    }
  });

  test('reports a generation error to its caller and goes on', async () => {
    const pool = new KeyGenPool({ workers: 1 });
    try {
      await assert.rejects(pool.generate({ type: 'ec', options: { namedCurve: 'no-such-curve', ...der } }));
      await pool.generate(ec);
    } finally {
      await pool.close();
    }
  });

  test('close rejects what has not run', async () => {
    const pool = new KeyGenPool({ workers: 1 });
    const running = assert.rejects(pool.generate(rsa(4096)), /closed/);
    const waiting = assert.rejects(pool.generate(rsa(4096)), /closed/);
    await pool.close();
    await running;
    await waiting;
  });
});
