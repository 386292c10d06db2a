/** Shared setup for the IAM and STS operation tests: a dev server, clients, documents and error assertions. */
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { Clock } from '../../../src/common/clock.js';
import { clientConfig, devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../../helpers/server.js';

export const ACCOUNT = devAccount;

export interface IamTestEnv {
  srv: TestServer;
  /** IAM as the account root (dev credentials). */
  iam: IAMClient;
  iamAs(creds: Creds): IAMClient;
  sts(creds?: Creds): STSClient;
  /** Restarts the server on the same data and points `iam`, `iamAs` and `sts` at it. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startIam(opts: { clock?: Clock } = {}): Promise<IamTestEnv> {
  const env: IamTestEnv = {
    srv: await startTestServer({ dev: true, clock: opts.clock }),
    iam: undefined as unknown as IAMClient,
    iamAs: (creds) => new IAMClient(cfg(creds)),
    sts: (creds = devCreds) => new STSClient(cfg(creds)),
    async restart() {
      env.srv = await env.srv.restart();
      env.iam = new IAMClient(cfg(devCreds));
    },
    dispose: () => env.srv.dispose(),
  };
  const cfg = (creds: Creds) => clientConfig(env.srv.url, creds, 'us-east-1', opts.clock);
  env.iam = new IAMClient(cfg(devCreds));
  return env;
}

/**
 * Asserts an AWS error by its wire code (`EntityAlreadyExists`; the SDK names the error after the model's shape,
 * `EntityAlreadyExistsException`, and keeps the code in `Code`), exact message and (optionally) HTTP status.
 */
export async function rejectsWith(p: Promise<unknown>, code: string, message: string, status?: number): Promise<void> {
  await assert.rejects(p, (err: Error & { Code?: string; $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(err.Code ?? err.name, code);
    assert.equal(err.message, message);
    if (status !== undefined) assert.equal(err.$metadata?.httpStatusCode, status);
    return true;
  });
}

/** An identity policy allowing `action` on `resource`. */
export function allowDoc(action: string | string[] = '*', resource: string | string[] = '*'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
}

/** A trust policy letting `principal` assume the role. */
export function trustDoc(principal: Record<string, string | string[]>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });
}

/** Creates a user and an access key for it. */
export async function userWithKey(iam: IAMClient, userName: string): Promise<Creds> {
  await iam.send(new CreateUserCommand({ UserName: userName }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

/** Lets a user perform `action` on its own user (IAM requires a permission even for that). */
export async function allowSelf(iam: IAMClient, userName: string, action: string): Promise<void> {
  const doc = allowDoc(action, `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`);
  await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: `self-${action.replace(':', '-')}`, PolicyDocument: doc }));
}

/** IAM returns policy documents URL-encoded; the SDK leaves them so. */
export function decodeDocument(doc: string | undefined): unknown {
  return JSON.parse(decodeURIComponent(doc ?? ''));
}
