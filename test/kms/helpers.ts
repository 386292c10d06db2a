/** Shared setup for the KMS operation tests: clients, keys and exact-error assertions. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CreateKeyCommand, KMSClient, type CreateKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { rootPrincipal, servicePrincipal, type Principal } from '../../src/auth/identity.js';
import type { RequestContext } from '../../src/common/operation.js';
import { clientConfig, devAccount, devCreds, type Creds, type TestServer } from '../helpers/server.js';

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

/**
 * An IAM user of the dev account, made through IAM itself, with an access key and (optionally) an inline identity
 * policy allowing `allow` on every resource.
 */
export async function iamUser(srv: TestServer, userName: string, allow?: string[]): Promise<{ arn: string; creds: Creds }> {
  const iam = new IAMClient(clientConfig(srv.url));
  try {
    const user = (await iam.send(new CreateUserCommand({ UserName: userName }))).User!;
    if (allow) {
      const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: allow, Resource: '*' }] };
      await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'kms', PolicyDocument: JSON.stringify(doc) }));
    }
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    return { arn: user.Arn!, creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
  } finally {
    iam.destroy();
  }
}

/** The request context of an in-process call (CloudWatch Logs calling KMS through `kmsApi`). */
export function inProcessContext(principal: Principal, extra: Partial<RequestContext> = {}): RequestContext {
  return {
    requestId: randomUUID(),
    principal,
    region: 'us-east-1',
    sourceIp: '',
    userAgent: 'logseal-test',
    time: Date.now(),
    secureTransport: true,
    ...extra,
  };
}

/** CloudWatch Logs of the dev account in us-east-1, as it calls KMS about the log group `group`. */
export function logsContext(group: string, account = devAccount): RequestContext {
  return inProcessContext(servicePrincipal('logs', 'us-east-1', account), {
    sourceAccount: account,
    sourceArn: `arn:aws:logs:us-east-1:${account}:log-group:${group}`,
  });
}

/** The dev account's root calling through another service (`kms:ViaService`), in-process. */
export function viaServiceContext(service: string): RequestContext {
  return inProcessContext(rootPrincipal(devAccount), { viaService: service });
}
