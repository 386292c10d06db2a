/**
 * Test fixtures shared by the key, alias and multi-Region operation tests: one real server, SDK v3 KMS clients for
 * any Region, a second account with its own root credentials, and an assertion on AWS error code and message.
 */
import assert from 'node:assert/strict';
import { KMSClient } from '@aws-sdk/client-kms';
import type { Clock } from '../../../src/common/clock.js';
import { clientConfig, devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../../helpers/server.js';

export const HOME = 'us-east-1';
export const AWAY = 'eu-west-1';
export const THIRD = 'ap-southeast-2';
export const ACCOUNT = devAccount;

export interface KmsTestEnv {
  srv: TestServer;
  /** A client of the dev account (or of `creds`) in `region`. */
  kms(region?: string, creds?: Creds): KMSClient;
  /** A second account and its root credentials (created once). */
  otherAccount(): Promise<{ accountId: string; creds: Creds }>;
  dispose(): Promise<void>;
}

export async function startKms(opts: { clock?: Clock } = {}): Promise<KmsTestEnv> {
  const srv = await startTestServer({ clock: opts.clock });
  const clients: KMSClient[] = [];
  let other: { accountId: string; creds: Creds } | undefined;
  return {
    srv,
    kms(region = HOME, creds = devCreds) {
      const c = new KMSClient(clientConfig(srv.url, creds, region, opts.clock));
      clients.push(c);
      return c;
    },
    async otherAccount() {
      if (!other) {
        const accounts = srv.server.app.accounts;
        const accountId = await accounts.createAccount();
        const key = await accounts.createRootAccessKey(accountId);
        other = { accountId, creds: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } };
      }
      return other;
    },
    async dispose() {
      for (const c of clients) c.destroy();
      await srv.dispose();
    },
  };
}

/** Asserts that `p` fails with AWS's error `code` and exactly `message` (as the SDK surfaces them). */
export async function rejectsWith(p: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, code);
    assert.equal(e.message, message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

export function keyArnOf(keyId: string, region = HOME, account = ACCOUNT): string {
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

export function aliasArnOf(aliasName: string, region = HOME, account = ACCOUNT): string {
  return `arn:aws:kms:${region}:${account}:${aliasName}`;
}

/** A key policy: the account root may do everything, then the given extra statements. */
export function policyWith(...statements: object[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }, ...statements],
  });
}
