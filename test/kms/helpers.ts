/** Shared setup for the KMS operation tests: clients, keys and exact-error assertions. */
import assert from 'node:assert/strict';
import { CreateKeyCommand, KMSClient, type CreateKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { clientConfig, devCreds, type Creds, type TestServer } from '../helpers/server.js';

export function kmsClient(srv: TestServer, region = 'us-east-1', creds: Creds = devCreds): KMSClient {
  return new KMSClient(clientConfig(srv.url, creds, region));
}

export async function createKey(kms: KMSClient, input: CreateKeyCommandInput = {}): Promise<KeyMetadata> {
  const out = await kms.send(new CreateKeyCommand(input));
  return out.KeyMetadata!;
}

/** Awaits a rejected SDK call and checks the AWS error code and its exact message. */
export async function rejects(call: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(call, (err: Error) => {
    assert.equal(err.name, code, `${err.name}: ${err.message}`);
    assert.equal(err.message, message);
    return true;
  });
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export const ROOT = 'arn:aws:iam::000000000000:root';

/** A key policy statement list that keeps the dev root able to manage the key (so CreateKey's lockout check passes). */
export function keyPolicy(...statements: object[]): string {
  const admin = {
    Sid: 'admin',
    Effect: 'Allow',
    Principal: { AWS: ROOT },
    Action: ['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:DescribeKey', 'kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant'],
    Resource: '*',
  };
  return JSON.stringify({ Version: '2012-10-17', Statement: [admin, ...statements] });
}

/** A second account with its own root access key, for cross-account calls. */
export async function otherAccount(srv: TestServer): Promise<{ accountId: string; creds: Creds }> {
  const accountId = await srv.server.app.accounts.createAccount();
  const k = await srv.server.app.accounts.createRootAccessKey(accountId);
  return { accountId, creds: { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey } };
}

/**
 * For the errors AWS sends without a message (InvalidCiphertextException, KMSInvalidSignatureException,
 * KMSInvalidMacException): SDK v3 then reports its placeholder "UnknownError" as the message.
 */
export async function rejectsWithoutMessage(call: Promise<unknown>, code: string): Promise<void> {
  await rejects(call, code, 'UnknownError');
}
