import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/common/clock.js';
import type { RequestContext } from '../../src/common/operation.js';
import { rootPrincipal } from '../../src/auth/identity.js';
import { KmsCore } from '../../src/kms/core.js';
import type { GrantRecord, KeyMaterialRecord, KmsKey } from '../../src/kms/model.js';
import { NotFoundException } from '../../src/protocol/generated/kms.js';
import type { Keyring } from '../../src/store/keyring.js';
import type { Store } from '../../src/store/types.js';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const TTL_MS = 1_000;

function key(state: KmsKey['state']): KmsKey {
  return {
    accountId: ACCOUNT,
    region: REGION,
    keyId: KEY_ID,
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`,
    description: '',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'CUSTOMER',
    state,
    createdAt: 0,
    rotation: { enabled: false } as KmsKey['rotation'],
    policy: '{}',
    policyVersion: 1,
    tags: [],
    currentMaterialId: 'm1',
    version: 1,
  };
}

/**
 * The database as another instance leaves it: what is stored changes behind this instance's back, and every read
 * is counted, to tell a cache hit from a store read.
 */
function sharedDatabase() {
  const db = { key: key('Enabled') as KmsKey | undefined, material: Buffer.alloc(32, 7) as Buffer | undefined, grants: [] as GrantRecord[], reads: 0 };
  const kms = {
    getKey: async () => (db.reads++, db.key && { ...db.key }),
    getMaterial: async (): Promise<KeyMaterialRecord | undefined> => {
      db.reads++;
      return db.material && ({ accountId: ACCOUNT, region: REGION, keyId: KEY_ID, materialId: 'm1', createdAt: 0, origin: 'AWS_KMS', sealed: db.material } as unknown as KeyMaterialRecord);
    },
    listGrants: async () => (db.reads++, db.grants),
    getAlias: async () => (db.reads++, undefined),
  };
  const store = { kind: 'postgres', kms } as unknown as Store;
  const keyring = { open: (sealed: Buffer) => Buffer.from(sealed), seal: (b: Buffer) => b } as unknown as Keyring;
  return { db, store, keyring };
}

const ctx: RequestContext = {
  requestId: 'r',
  principal: rootPrincipal(ACCOUNT),
  region: REGION,
  sourceIp: '127.0.0.1',
  userAgent: '',
  time: 0,
  secureTransport: false,
};

describe('KMS key cache across instances sharing a database', () => {
  it('answers a cached key without reading the store, and sees a change made elsewhere once the TTL has passed', async () => {
    const { db, store, keyring } = sharedDatabase();
    const clock = new ManualClock();
    const core = new KmsCore({ store, keyring, clock, cacheTtlMs: TTL_MS });
    assert.equal((await core.resolve(KEY_ID, ctx)).key.state, 'Enabled');
    const reads = db.reads;
    const hit = core.resolve(KEY_ID, ctx);
    assert.ok(!(hit instanceof Promise), 'a cached key is answered at once');
    assert.equal(db.reads, reads);

    db.key = key('Disabled'); // another instance disables the key
    clock.advance(TTL_MS - 1);
    assert.equal((await core.resolve(KEY_ID, ctx)).key.state, 'Enabled', 'within the TTL the cached state stands');
    clock.advance(1);
    assert.equal((await core.resolve(KEY_ID, ctx)).key.state, 'Disabled');
    assert.ok(TTL_MS <= 5_000, 'the cross-instance bound of the project is 5 s');
  });

  it('stops finding a key deleted elsewhere once the TTL has passed, and serves no material of it after forgetKey', async () => {
    const { db, store, keyring } = sharedDatabase();
    const clock = new ManualClock();
    const core = new KmsCore({ store, keyring, clock, cacheTtlMs: TTL_MS });
    const { key: k } = await core.resolve(KEY_ID, ctx);
    assert.deepEqual(await core.material(k), Buffer.alloc(32, 7));

    db.key = undefined; // deleted by another instance's scheduler
    db.material = undefined;
    clock.advance(TTL_MS);
    await assert.rejects(async () => core.resolve(KEY_ID, ctx), NotFoundException);

    // On the instance that deletes it, the material cache is dropped at once.
    core.forgetKey(k);
    assert.equal(await core.material(k), undefined);
  });

  it('reads the grants again once the TTL has passed, and at once after forgetGrants', async () => {
    const { db, store, keyring } = sharedDatabase();
    const clock = new ManualClock();
    const core = new KmsCore({ store, keyring, clock, cacheTtlMs: TTL_MS });
    const { key: k } = await core.resolve(KEY_ID, ctx);
    assert.deepEqual(await core.grantsFor(k), []);
    const grant = { grantId: 'g' } as GrantRecord;
    db.grants = [grant];
    assert.deepEqual(core.grantsFor(k), [], 'cached, answered at once');
    core.forgetGrants(k);
    assert.deepEqual(await core.grantsFor(k), [grant]);
    db.grants = [];
    clock.advance(TTL_MS);
    assert.deepEqual(await core.grantsFor(k), []);
  });
});
