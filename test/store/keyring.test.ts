import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDataDir } from '../../src/store/index.js';
import { Keyring, MasterKeyMismatchError, SealedValueError } from '../../src/store/keyring.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'logseal-keyring-'));
}

test('sealed values open only with the same place (AAD) and the same keyring', async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 'db'));
  try {
    const ring = await Keyring.open(store.meta, randomBytes(32));
    const sealed = ring.seal(Buffer.from('secret-value'), 'access-key/A/secret');
    assert.equal(ring.open(sealed, 'access-key/A/secret').toString(), 'secret-value');
    assert.throws(() => ring.open(sealed, 'access-key/B/secret'), SealedValueError);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    assert.throws(() => ring.open(flipped, 'access-key/A/secret'), SealedValueError);
    assert.throws(() => ring.open(sealed.subarray(0, 10), 'access-key/A/secret'), SealedValueError);
    assert.ok(!sealed.includes(Buffer.from('secret-value')));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('values sealed before a rotation still open after it and after reopening', async () => {
  const dir = tempDir();
  const master = randomBytes(32);
  const store = new SqliteStore(join(dir, 'db'));
  try {
    const ring = await Keyring.open(store.meta, master);
    const before = ring.seal(Buffer.from('one'), 'x');
    assert.equal(await ring.rotate(), 2);
    const after = ring.seal(Buffer.from('two'), 'x');
    assert.equal(after.readUInt32BE(1), 2);
    const reopened = await Keyring.open(store.meta, master);
    assert.equal(reopened.activeTerm, 2);
    assert.equal(reopened.open(before, 'x').toString(), 'one');
    assert.equal(reopened.open(after, 'x').toString(), 'two');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a different master key cannot open the keyring', async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 'db'));
  try {
    await Keyring.open(store.meta, randomBytes(32));
    await assert.rejects(Keyring.open(store.meta, randomBytes(32)), MasterKeyMismatchError);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the data dir gets a 0600 master.key once, and refuses to start without it when it holds data', async () => {
  const dir = tempDir();
  try {
    const first = await openDataDir(dir, {});
    assert.equal(first.masterKey.origin, 'created');
    await first.store.close();
    const path = join(dir, 'master.key');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').length, 32);
    const second = await openDataDir(dir, {});
    assert.equal(second.masterKey.origin, 'file');
    await second.store.close();
    const saved = readFileSync(path, 'utf8').trim();
    unlinkSync(path);
    await assert.rejects(openDataDir(dir, {}), /master\.key is missing/);
    const third = await openDataDir(dir, { LOGSEAL_MASTER_KEY: saved });
    assert.equal(third.masterKey.origin, 'env');
    await third.store.close();
    await assert.rejects(openDataDir(dir, { LOGSEAL_MASTER_KEY: randomBytes(32).toString('base64') }), MasterKeyMismatchError);
    await assert.rejects(openDataDir(dir, { LOGSEAL_MASTER_KEY: 'too-short' }), /base64-encoded 256-bit key/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
