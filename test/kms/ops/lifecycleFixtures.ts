/** What the key-lifecycle operation tests share: a server with a KMS client, keys, a second account, errors. */
import { CreateKeyCommand, KMSClient, ReplicateKeyCommand, type CreateKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import type { Clock } from '../../../src/common/clock.js';
import { clientConfig, startTestServer, type Creds, type TestServer } from '../../helpers/server.js';

export interface KmsFixture {
  srv: TestServer;
  /** A client of the dev account in us-east-1. */
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
  const client = (o: { creds?: Creds; region?: string } = {}) => kmsClient(srv.url, o, opts.clock);
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

/**
 * A KMS client that signs every request with the server's time. The SDK corrects its clock offset from each
 * response's Date header (wall time), so with a moved test clock the offset is set again before every request.
 */
function kmsClient(url: string, o: { creds?: Creds; region?: string }, clock?: Clock): KMSClient {
  const c = new KMSClient(clientConfig(url, o.creds, o.region, clock));
  if (clock) {
    c.middlewareStack.add(
      (next) => (args) => {
        c.config.systemClockOffset = clock.now() - Date.now();
        return next(args);
      },
      { step: 'initialize', name: 'testClockOffset' },
    );
  }
  return c;
}

/** A key policy allowing only `actions` to the account root (no lockout-safe PutKeyPolicy unless listed). */
export function policyAllowing(accountId: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: actions, Resource: '*' }],
  });
}

/** Replicates a multi-Region primary key (named by its ARN) to `region` with ReplicateKey; returns the replica's ARN. */
export async function addReplica(f: KmsFixture, primaryArn: string, region: string): Promise<string> {
  const out = await f.kms.send(new ReplicateKeyCommand({ KeyId: primaryArn, ReplicaRegion: region }));
  return out.ReplicaKeyMetadata!.Arn!;
}
