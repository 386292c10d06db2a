import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GrantRecord, KeyMaterialRecord, KmsKey } from '../../src/kms/model.js';
import type { Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const A = '111122223333';
const R = 'us-east-1';

function key(keyId: string, extra: Partial<KmsKey> = {}): KmsKey {
  return {
    accountId: A,
    region: R,
    keyId,
    arn: `arn:aws:kms:${R}:${A}:key/${keyId}`,
    description: '',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'CUSTOMER',
    state: 'Enabled',
    createdAt: 1,
    rotation: { enabled: false },
    policy: '{}',
    policyVersion: 1,
    tags: [],
    version: 1,
    ...extra,
  } as KmsKey;
}

function material(keyId: string, materialId: string, createdAt: number): KeyMaterialRecord {
  return { accountId: A, region: R, keyId, materialId, createdAt, origin: 'CREATE', sealed: Buffer.from(materialId) };
}

function grant(grantId: string, keyId: string, retiringPrincipal?: string): GrantRecord {
  const g: GrantRecord = { grantId, accountId: A, region: R, keyId, granteePrincipal: 'arn:aws:iam::111122223333:role/r', issuingAccount: A, operations: ['Decrypt'], createdAt: 1 };
  if (retiringPrincipal) g.retiringPrincipal = retiringPrincipal;
  return g;
}

/** The behaviour every KmsStore adapter must have; run against each adapter. */
export function kmsStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  test(
    `${name}: keys list in creation order page by page; an update keeps the key's place`,
    withStore(async (s) => {
      for (const id of ['k1', 'k2', 'k3']) await s.kms.putKey(key(id));
      await s.kms.putKey(key('k1', { description: 'changed', version: 2 }));
      const first = await s.kms.listKeys(A, R, 2);
      assert.deepEqual(first.items.map((k) => k.keyId), ['k1', 'k2']);
      assert.equal(first.items[0]!.description, 'changed');
      const second = await s.kms.listKeys(A, R, 2, first.next);
      assert.deepEqual(second.items.map((k) => k.keyId), ['k3']);
      assert.equal(second.next, undefined);
      assert.equal(await s.kms.getKey(A, R, 'nope'), undefined);
    }),
  );

  test(
    `${name}: keys due for deletion or rotation are found by time`,
    withStore(async (s) => {
      await s.kms.putKey(key('gone', { state: 'PendingDeletion', deletionDate: 100 }));
      await s.kms.putKey(key('later', { state: 'PendingDeletion', deletionDate: 500 }));
      await s.kms.putKey(key('rotating', { rotation: { enabled: true, nextRotation: 200 } } as Partial<KmsKey>));
      await s.kms.putKey(key('idle'));
      assert.deepEqual((await s.kms.keysDue(300, 10)).map((k) => k.keyId), ['gone', 'rotating']);
    }),
  );

  test(
    `${name}: material lists oldest first, material of one millisecond in the order stored, and an update keeps its place`,
    withStore(async (s) => {
      await s.kms.putMaterial(material('k', 'm-b', 5));
      await s.kms.putMaterial(material('k', 'm-a', 5));
      await s.kms.putMaterial(material('k', 'm-0', 1));
      await s.kms.putMaterial({ ...material('k', 'm-b', 5), sealed: Buffer.from('resealed') });
      const list = await s.kms.listMaterials(A, R, 'k');
      assert.deepEqual(list.map((m) => m.materialId), ['m-0', 'm-b', 'm-a']);
      assert.deepEqual((await s.kms.getMaterial(A, R, 'k', 'm-b'))?.sealed, Buffer.from('resealed'));
      await s.kms.deleteMaterials(A, R, 'k');
      assert.deepEqual(await s.kms.listMaterials(A, R, 'k'), []);
    }),
  );

  test(
    `${name}: aliases by name, per key, and grants in creation order with their retiring principals`,
    withStore(async (s) => {
      for (const [n, k] of [['alias/b', 'k1'], ['alias/a', 'k2'], ['alias/c', 'k1']] as const) {
        await s.kms.putAlias({ accountId: A, region: R, aliasName: n, targetKeyId: k, createdAt: 1, updatedAt: 1 });
      }
      const page = await s.kms.listAliases(A, R, 2);
      assert.deepEqual(page.items.map((a) => a.aliasName), ['alias/a', 'alias/b']);
      assert.deepEqual((await s.kms.listAliases(A, R, 2, page.next)).items.map((a) => a.aliasName), ['alias/c']);
      assert.deepEqual((await s.kms.listAliases(A, R, 10, undefined, 'k1')).items.map((a) => a.aliasName), ['alias/b', 'alias/c']);
      assert.equal(await s.kms.deleteAlias(A, R, 'alias/a'), true);
      assert.equal(await s.kms.deleteAlias(A, R, 'alias/a'), false);

      await s.kms.putGrant(grant('g2', 'k1', 'arn:aws:iam::111122223333:role/ops'));
      await s.kms.putGrant(grant('g1', 'k1'));
      await s.kms.putGrant(grant('g3', 'k2', 'arn:aws:iam::111122223333:role/ops'));
      assert.deepEqual((await s.kms.listGrants(A, R, 'k1')).map((g) => g.grantId), ['g2', 'g1']);
      assert.deepEqual((await s.kms.listRetirableGrants(R, 'arn:aws:iam::111122223333:role/ops')).map((g) => g.grantId), ['g2', 'g3']);
      assert.equal((await s.kms.findGrant('g3'))?.keyId, 'k2');
      assert.equal(await s.kms.getGrant(A, R, 'k1', 'g3'), undefined);
      assert.equal(await s.kms.deleteGrant('g2'), true);
      assert.deepEqual((await s.kms.listGrants(A, R, 'k1')).map((g) => g.grantId), ['g1']);
    }),
  );

  test(
    `${name}: deleting a key removes its material, aliases, grants and import parameters`,
    withStore(async (s) => {
      await s.kms.putKey(key('k'));
      await s.kms.putMaterial(material('k', 'm', 1));
      await s.kms.putAlias({ accountId: A, region: R, aliasName: 'alias/k', targetKeyId: 'k', createdAt: 1, updatedAt: 1 });
      await s.kms.putGrant(grant('g', 'k'));
      await s.kms.putImportParameters({
        accountId: A,
        region: R,
        keyId: 'k',
        tokenId: 't',
        wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        wrappingKeySpec: 'RSA_2048',
        sealedPrivateKey: Buffer.from('private'),
        expiresAt: 9,
      });
      assert.deepEqual((await s.kms.getImportParameters(A, R, 'k'))?.sealedPrivateKey, Buffer.from('private'));
      await s.kms.deleteKey(A, R, 'k');
      assert.equal(await s.kms.getKey(A, R, 'k'), undefined);
      assert.deepEqual(await s.kms.listMaterials(A, R, 'k'), []);
      assert.equal(await s.kms.getAlias(A, R, 'alias/k'), undefined);
      assert.equal(await s.kms.findGrant('g'), undefined);
      assert.equal(await s.kms.getImportParameters(A, R, 'k'), undefined);
    }),
  );

  test(
    `${name}: the keyring's place is taken once (insert keeps the first value)`,
    withStore(async (s) => {
      assert.equal(await s.meta.insert('x', Buffer.from('first')), true);
      assert.equal(await s.meta.insert('x', Buffer.from('second')), false);
      assert.deepEqual(await s.meta.get('x'), Buffer.from('first'));
    }),
  );
}
