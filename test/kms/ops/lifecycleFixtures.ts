/** What the key-lifecycle operation tests share: a server with a KMS client, keys, a second account, errors. */
import assert from 'node:assert/strict';
import { CreateKeyCommand, KMSClient, type CreateKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import type { Clock } from '../../../src/common/clock.js';
import { materialAad } from '../../../src/kms/core.js';
import { copyMaterial, familyOf, saveFamilyConfig } from '../../../src/kms/ops/lifecycleHelpers.js';
import type { KmsKey } from '../../../src/kms/model.js';
import { clientConfig, startTestServer, type Creds, type TestServer } from '../../helpers/server.js';

export interface KmsFixture {
  srv: TestServer;
  kms: KMSClient;
  /** A client for another region or credentials of the same server. */
  client(opts?: { creds?: Creds; region?: string }): KMSClient;
  createKey(input?: CreateKeyCommandInput, kms?: KMSClient): Promise<KeyMetadata>;
  /** A second account with its root's access key. */
  otherAccount(): Promise<Creds & { accountId: string }>;
  dispose(): Promise<void>;
}

export async function startKms(opts: { clock?: Clock } = {}): Promise<KmsFixture> {
  const srv = await startTestServer({ dev: true, clock: opts.clock });
  const client = (o: { creds?: Creds; region?: string } = {}) => new KMSClient(clientConfig(srv.url, o.creds, o.region, opts.clock));
  const kms = client();
  return {
    srv,
    kms,
    client,
    async createKey(input = {}, k = kms) {
      const out = await k.send(new CreateKeyCommand(input));
      return out.KeyMetadata!;
    },
    async otherAccount() {
      const accountId = await srv.server.app.accounts.createAccount();
      const key = await srv.server.app.accounts.createRootAccessKey(accountId);
      return { accountId, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    },
    dispose: () => srv.dispose(),
  };
}

/** Asserts that `p` fails with AWS's error `code` and exactly `message`. */
export async function rejectsWith(p: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(p, (err: Error) => {
    assert.equal(err.name, code, `${err.name}: ${err.message}`);
    assert.equal(err.message, message);
    return true;
  });
}

/** A key policy allowing only `actions` to the account root (no lockout-safe PutKeyPolicy unless listed). */
export function policyAllowing(accountId: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: actions, Resource: '*' }],
  });
}

/**
 * Makes a replica of a multi-Region primary in `region` directly in the store (ReplicateKey is another operation's
 * business): the replica shares the primary's key id and material, and the family lists it on every member.
 */
export async function addReplica(srv: TestServer, primaryArn: string, region: string): Promise<void> {
  const core = srv.server.app.kms;
  const [, , , primaryRegion, accountId, resource] = primaryArn.split(':');
  const keyId = resource!.slice('key/'.length);
  const primary = (await core.store.kms.getKey(accountId!, primaryRegion!, keyId))!;
  const replica: KmsKey = { ...primary, region, arn: primaryArn.replace(`:${primaryRegion}:`, `:${region}:`), version: 0 };
  await core.store.transaction(async () => {
    await core.store.kms.putKey(replica);
    for (const m of await core.store.kms.listMaterials(accountId!, primaryRegion!, keyId)) {
      await copyMaterial(core, replica, m, core.keyring.open(m.sealed, materialAad(m)));
    }
    const family = await familyOf(core, primary);
    await saveFamilyConfig(core, [...family, replica], primaryRegion!, [...primary.multiRegion!.replicaRegions, region]);
  });
}
