import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateGrantCommand,
  DecryptCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GenerateDataKeyCommand,
  PutKeyPolicyCommand,
  RevokeGrantCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { DeleteUserPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { ManualClock } from '../../src/common/clock.js';
import type { RequestContext } from '../../src/common/operation.js';
import type { Principal } from '../../src/auth/identity.js';
import { KmsCore } from '../../src/kms/core.js';
import type { GrantRecord, KeyMaterialRecord, KmsKey } from '../../src/kms/model.js';
import { generateDataKey } from '../../src/kms/ops/generateDataKey.js';
import type { Keyring } from '../../src/store/keyring.js';
import type { Store } from '../../src/store/types.js';
import { clientConfig, startTestServer, type TestServer } from '../helpers/server.js';
import { createKey, iamUser, keyPolicy, kmsClient, ROOT } from './helpers.js';

/**
 * Key-policy and IAM-policy decisions are remembered per policy version and per the exact inputs they read
 * (src/auth/policy/decisionCache.ts). These tests first let a decision be remembered (the same request twice), then
 * change one input and check that the next request is decided on the new one: on the instance that made the change at
 * once, and on another instance within the 5 s bound of decision 0014.
 */
const GROUP = 'arn:aws:logs:us-east-1:000000000000:log-group:';
const useUnderCondition = {
  Sid: 'use',
  Effect: 'Allow',
  Principal: { AWS: ROOT },
  Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
  Resource: '*',
  Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `${GROUP}app-*` } },
};

describe('KMS decisions on the instance that changes their inputs', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  const gdk = (client: KMSClient, keyId: string, group = 'app-1') =>
    client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { 'aws:logs:arn': GROUP + group } }));
  const denied = { name: 'AccessDeniedException' };

  it('applies a replaced key policy to the next request', async () => {
    const key = await createKey(kms, { Policy: keyPolicy(useUnderCondition) });
    await gdk(kms, key.KeyId!);
    await gdk(kms, key.KeyId!);
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: keyPolicy() }));
    await assert.rejects(gdk(kms, key.KeyId!), denied);
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: keyPolicy(useUnderCondition) }));
    await gdk(kms, key.KeyId!);
  });

  it('decides each request on its own condition values', async () => {
    const key = await createKey(kms, { Policy: keyPolicy(useUnderCondition) });
    const out = await gdk(kms, key.KeyId!);
    await gdk(kms, key.KeyId!);
    await assert.rejects(gdk(kms, key.KeyId!, 'db'), denied);
    await gdk(kms, key.KeyId!, 'app-2');
    // Decrypt reads the same key from the request's encryption context.
    await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { 'aws:logs:arn': GROUP + 'app-1' } }));
    await assert.rejects(kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { 'aws:logs:arn': GROUP + 'db' } })), denied);
  });

  it('refuses a disabled key at once and serves it again once enabled', async () => {
    const key = await createKey(kms, { Policy: keyPolicy(useUnderCondition, { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:EnableKey', Resource: '*' }) });
    await gdk(kms, key.KeyId!);
    await gdk(kms, key.KeyId!);
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await assert.rejects(gdk(kms, key.KeyId!), { name: 'DisabledException' });
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    await gdk(kms, key.KeyId!);
  });

  it('lets a grant allow at once, and its revocation refuse at once', async () => {
    const alice = await iamUser(srv, 'decision-alice');
    const asAlice = kmsClient(srv, 'us-east-1', alice.creds);
    try {
      const key = await createKey(kms, { Policy: keyPolicy({ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:RevokeGrant', Resource: '*' }) });
      await assert.rejects(gdk(asAlice, key.KeyId!), denied);
      await assert.rejects(gdk(asAlice, key.KeyId!), denied);
      const { GrantId } = await kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: alice.arn, Operations: ['GenerateDataKey'] }));
      await gdk(asAlice, key.KeyId!);
      await gdk(asAlice, key.KeyId!);
      await kms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId }));
      await assert.rejects(gdk(asAlice, key.KeyId!), denied);
    } finally {
      asAlice.destroy();
    }
  });

  it('applies a removed IAM policy to the next request', async () => {
    const bob = await iamUser(srv, 'decision-bob', ['kms:GenerateDataKey']);
    const asBob = kmsClient(srv, 'us-east-1', bob.creds);
    const iam = new IAMClient(clientConfig(srv.url));
    try {
      // The key policy delegates to the account: bob's own IAM policy decides.
      const key = await createKey(kms, { Policy: keyPolicy({ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:GenerateDataKey', Resource: '*' }) });
      await gdk(asBob, key.KeyId!);
      await gdk(asBob, key.KeyId!);
      await iam.send(new DeleteUserPolicyCommand({ UserName: 'decision-bob', PolicyName: 'kms' }));
      await assert.rejects(gdk(asBob, key.KeyId!), denied);
    } finally {
      asBob.destroy();
      iam.destroy();
    }
  });
});

// ---- across instances sharing a database ---------------------------------------------------------------------

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
const TTL_MS = 1_000;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

function policyFor(principals: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'kms:GenerateDataKey', Resource: '*' }],
  });
}

function key(policy: string, policyVersion: number, state: KmsKey['state'] = 'Enabled'): KmsKey {
  return {
    accountId: ACCOUNT,
    region: REGION,
    keyId: KEY_ID,
    arn: KEY_ARN,
    description: '',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'CUSTOMER',
    state,
    createdAt: 0,
    rotation: { enabled: false } as KmsKey['rotation'],
    policy,
    policyVersion,
    tags: [],
    currentMaterialId: 'm1',
    version: policyVersion,
  };
}

/** What another instance changes: the stored key and its grants. */
function sharedDatabase() {
  const db = { key: key(policyFor([ALICE]), 1), grants: [] as GrantRecord[] };
  const kms = {
    getKey: async () => ({ ...db.key }),
    getMaterial: async (): Promise<KeyMaterialRecord> =>
      ({ accountId: ACCOUNT, region: REGION, keyId: KEY_ID, materialId: 'm1', createdAt: 0, origin: 'AWS_KMS', sealed: Buffer.alloc(32, 7) }) as unknown as KeyMaterialRecord,
    listGrants: async () => db.grants,
    getAlias: async () => undefined,
  };
  const store = { kind: 'postgres', kms } as unknown as Store;
  const keyring = { open: (sealed: Buffer) => Buffer.from(sealed), seal: (b: Buffer) => b } as unknown as Keyring;
  return { db, store, keyring };
}

const alice: Principal = { type: 'user', accountId: ACCOUNT, arn: ALICE, userId: 'AIDAALICE', name: 'alice' };
const ctx = (clock: ManualClock): RequestContext => ({
  requestId: 'r',
  principal: alice,
  region: REGION,
  sourceIp: '127.0.0.1',
  userAgent: '',
  time: clock.now(),
  secureTransport: false,
});

describe('KMS decisions on another instance sharing the database', () => {
  const setup = () => {
    const shared = sharedDatabase();
    const clock = new ManualClock();
    // IAM's index of users: alice is AIDAALICE (key policies bind the users they name to their ids).
    const principals = { idOf: (arn: string) => (arn === ALICE ? 'AIDAALICE' : undefined), arnOf: (id: string) => (id === 'AIDAALICE' ? ALICE : undefined) };
    const core = new KmsCore({ store: shared.store, keyring: shared.keyring, clock, cacheTtlMs: TTL_MS, principals });
    const call = async () => generateDataKey(core, { KeyId: KEY_ID, KeySpec: 'AES_256' }, ctx(clock));
    return { ...shared, clock, call };
  };

  it('applies a key policy changed elsewhere within the bound', async () => {
    const { db, clock, call } = setup();
    await call();
    await call();
    db.key = key(policyFor([`arn:aws:iam::${ACCOUNT}:user/bob`]), 2);
    clock.advance(TTL_MS);
    await assert.rejects(call(), { name: 'AccessDeniedException' });
    assert.ok(TTL_MS <= 5_000);
  });

  it('applies a grant given and revoked elsewhere within the bound', async () => {
    const { db, clock, call } = setup();
    db.key = key(policyFor([`arn:aws:iam::${ACCOUNT}:user/bob`]), 2);
    await assert.rejects(call(), { name: 'AccessDeniedException' });
    await assert.rejects(call(), { name: 'AccessDeniedException' });
    db.grants = [
      {
        grantId: 'g',
        accountId: ACCOUNT,
        region: REGION,
        keyId: KEY_ID,
        granteePrincipal: ALICE,
        granteePrincipalId: 'AIDAALICE',
        issuingAccount: ACCOUNT,
        operations: ['GenerateDataKey'],
        createdAt: 0,
      },
    ];
    clock.advance(TTL_MS);
    await call();
    db.grants = [];
    clock.advance(TTL_MS);
    await assert.rejects(call(), { name: 'AccessDeniedException' });
  });

  it('applies a key disabled elsewhere within the bound', async () => {
    const { db, clock, call } = setup();
    await call();
    await call();
    db.key = key(policyFor([ALICE]), 1, 'Disabled');
    clock.advance(TTL_MS);
    await assert.rejects(call(), { name: 'DisabledException' });
  });
});
