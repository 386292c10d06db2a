/** Shared setup of the grant and import tests: a server, the dev account and further accounts with KMS clients. */
import assert from 'node:assert/strict';
import { CreateKeyCommand, KMSClient, type CreateKeyCommandInput } from '@aws-sdk/client-kms';
import type { Clock } from '../../../src/common/clock.js';
import { clientConfig, devAccount, type TestServer } from '../../helpers/server.js';

export interface Account {
  accountId: string;
  /** `arn:aws:iam::<id>:root` */
  arn: string;
  kms: KMSClient;
}

export function devAccountOf(srv: TestServer, clock?: Clock): Account {
  return { accountId: devAccount, arn: `arn:aws:iam::${devAccount}:root`, kms: new KMSClient(clientConfig(srv.url, undefined, 'us-east-1', clock)) };
}

/** A new account with a root access key, created through the server's AccountService. */
export async function newAccount(srv: TestServer, clock?: Clock): Promise<Account> {
  const accounts = srv.server.app.accounts;
  const accountId = await accounts.createAccount();
  const k = await accounts.createRootAccessKey(accountId);
  const creds = { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey };
  return { accountId, arn: `arn:aws:iam::${accountId}:root`, kms: new KMSClient(clientConfig(srv.url, creds, 'us-east-1', clock)) };
}

/** Creates a key and returns its id and ARN. */
export async function createKey(kms: KMSClient, input: CreateKeyCommandInput = {}): Promise<{ keyId: string; arn: string }> {
  const out = await kms.send(new CreateKeyCommand(input));
  return { keyId: out.KeyMetadata!.KeyId!, arn: out.KeyMetadata!.Arn! };
}

/** Asserts that `p` fails with the AWS error `name` and exactly `message`. */
export async function rejectsWith(p: Promise<unknown>, name: string, message: string): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    return true;
  });
}

/** The denial KMS sends when neither the key policy nor a grant allows the caller. */
export function notAuthorized(principalArn: string, action: string, keyArn: string): string {
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${keyArn} because no resource-based policy allows the ${action} action`;
}
