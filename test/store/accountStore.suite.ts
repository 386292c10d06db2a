import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/types.js';

/** The behaviour every AccountStore adapter must have; run against each adapter. */
export function accountStoreSuite(name: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>, opts: { skip?: string | false } = {}): void {
  if (opts.skip) {
    test(`${name}: every test of the suite`, { skip: opts.skip }, () => {});
    return;
  }
  const key = (id: string, account: string, arn = `arn:aws:iam::${account}:root`) => ({
    accessKeyId: id,
    accountId: account,
    principalArn: arn,
    principalId: account,
    status: 'Active' as const,
    createdAt: 1,
    sealedSecret: Buffer.from([1, 2, 3]),
  });

  test(`${name}: accounts and access keys round-trip`, async () => {
    const { store, cleanup } = await open();
    try {
      await store.accounts.createAccount({ accountId: '111122223333', createdAt: 5 });
      assert.deepEqual(await store.accounts.getAccount('111122223333'), { accountId: '111122223333', createdAt: 5 });
      assert.equal(await store.accounts.getAccount('999999999999'), undefined);
      await store.accounts.putAccessKey(key('AKIAAAAAAAAAAAAAAAAA', '111122223333'));
      await store.accounts.putAccessKey(key('AKIABBBBBBBBBBBBBBBB', '111122223333', 'arn:aws:iam::111122223333:user/alice'));
      const got = await store.accounts.getAccessKey('AKIAAAAAAAAAAAAAAAAA');
      assert.equal(got?.principalArn, 'arn:aws:iam::111122223333:root');
      assert.deepEqual(got?.sealedSecret, Buffer.from([1, 2, 3]));
      assert.equal((await store.accounts.listAccessKeys('111122223333')).length, 2);
      assert.equal((await store.accounts.listAccessKeys('111122223333', 'arn:aws:iam::111122223333:user/alice')).length, 1);
      assert.equal(await store.accounts.setAccessKeyStatus('AKIABBBBBBBBBBBBBBBB', 'Inactive'), true);
      assert.equal((await store.accounts.getAccessKey('AKIABBBBBBBBBBBBBBBB'))?.status, 'Inactive');
      assert.equal(await store.accounts.deleteAccessKey('AKIABBBBBBBBBBBBBBBB'), true);
      assert.equal(await store.accounts.deleteAccessKey('AKIABBBBBBBBBBBBBBBB'), false);
    } finally {
      await cleanup();
    }
  });

  test(`${name}: a failed transaction changes nothing`, async () => {
    const { store, cleanup } = await open();
    try {
      await assert.rejects(
        store.transaction(async () => {
          await store.accounts.createAccount({ accountId: '111122223333', createdAt: 1 });
          await store.accounts.putAccessKey(key('AKIAAAAAAAAAAAAAAAAA', '111122223333'));
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.accounts.getAccount('111122223333'), undefined);
      assert.equal(await store.accounts.getAccessKey('AKIAAAAAAAAAAAAAAAAA'), undefined);
    } finally {
      await cleanup();
    }
  });

  test(`${name}: reads outside a transaction do not see its uncommitted writes`, async () => {
    const { store, cleanup } = await open();
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let inside!: () => void;
      const started = new Promise<void>((r) => (inside = r));
      const tx = store.transaction(async () => {
        await store.accounts.createAccount({ accountId: '111122223333', createdAt: 1 });
        assert.ok(await store.accounts.getAccount('111122223333'), 'visible inside its own transaction');
        inside();
        await gate;
      });
      await started;
      assert.equal(await store.accounts.getAccount('111122223333'), undefined);
      // A write from elsewhere waits for the open transaction instead of joining it.
      const other = store.accounts.createAccount({ accountId: '444455556666', createdAt: 2 });
      release();
      await tx;
      await other;
      assert.ok(await store.accounts.getAccount('111122223333'));
      assert.ok(await store.accounts.getAccount('444455556666'));
    } finally {
      await cleanup();
    }
  });

  test(`${name}: a duplicate account is refused`, async () => {
    const { store, cleanup } = await open();
    try {
      await store.accounts.createAccount({ accountId: '111122223333', createdAt: 1 });
      await assert.rejects(store.accounts.createAccount({ accountId: '111122223333', createdAt: 2 }));
    } finally {
      await cleanup();
    }
  });
}
