import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { awsCli, awsCliSkipReason } from '../helpers/awsCli.js';
import { devAccount, devCreds, startTestServer, type TestServer } from '../helpers/server.js';

/** The key lifecycle as an operator drives it with the unmodified AWS CLI v2. */
describe('AWS CLI v2 key lifecycle', () => {
  let srv: TestServer;
  let dir: string;
  let keyId: string;
  let keyArn: string;

  before(async () => {
    srv = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'logseal-kms-cli-'));
  });
  after(async () => {
    await srv.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `aws kms …`; expects success unless told otherwise. */
  const kms = async (args: string[], expectOk = true) => {
    const r = await awsCli(srv.url, devCreds, ['kms', ...args]);
    if (expectOk) assert.equal(r.code, 0, r.stderr);
    return r;
  };
  const json = async (args: string[]) => JSON.parse((await kms([...args, '--output', 'json'])).stdout);
  const keyState = async () => (await json(['describe-key', '--key-id', keyId])).KeyMetadata.KeyState;

  test('create-key prints the new key', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    const out = await json(['create-key', '--description', 'cli lifecycle']);
    keyId = out.KeyMetadata.KeyId;
    keyArn = out.KeyMetadata.Arn;
    assert.equal(keyArn, `arn:aws:kms:us-east-1:${devAccount}:key/${keyId}`);
    assert.equal(out.KeyMetadata.KeyState, 'Enabled');
  });

  test('create-alias names the key, and a second alias with the same name is AlreadyExistsException', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    await kms(['create-alias', '--alias-name', 'alias/cli-lifecycle', '--target-key-id', keyId]);
    const dup = await kms(['create-alias', '--alias-name', 'alias/cli-lifecycle', '--target-key-id', keyId], false);
    assert.notEqual(dup.code, 0);
    assert.match(
      dup.stderr,
      /An error occurred \(AlreadyExistsException\) when calling the CreateAlias operation(?: \(reached max retries: 0\))?: An alias with the name arn:aws:kms:us-east-1:000000000000:alias\/cli-lifecycle already exists/,
    );
  });

  test('get-key-policy --output text writes the policy, and put-key-policy reads one back from file://', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    const got = await kms(['get-key-policy', '--key-id', keyId, '--policy-name', 'default', '--output', 'text']);
    const path = join(dir, 'policy.json');
    writeFileSync(path, got.stdout);
    const policy = JSON.parse(got.stdout);
    assert.equal(policy.Statement[0].Principal.AWS, `arn:aws:iam::${devAccount}:root`);

    policy.Statement[0].Sid = 'Edited with the CLI';
    writeFileSync(path, JSON.stringify(policy, null, 2));
    await kms(['put-key-policy', '--key-id', keyId, '--policy-name', 'default', '--policy', `file://${path}`]);
    const back = await kms(['get-key-policy', '--key-id', keyId, '--policy-name', 'default', '--output', 'text']);
    assert.equal(JSON.parse(back.stdout).Statement[0].Sid, 'Edited with the CLI');
  });

  test('enable-key-rotation turns automatic rotation on', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    await kms(['enable-key-rotation', '--key-id', keyId]);
    const status = await json(['get-key-rotation-status', '--key-id', keyId]);
    assert.equal(status.KeyRotationEnabled, true);
  });

  test('disable-key and enable-key switch the key state', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    await kms(['disable-key', '--key-id', keyId]);
    assert.equal(await keyState(), 'Disabled');
    await kms(['enable-key', '--key-id', keyArn]);
    assert.equal(await keyState(), 'Enabled');
  });

  test('schedule-key-deletion refuses 6 days with ValidationException and accepts 7', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    const six = await kms(['schedule-key-deletion', '--key-id', keyId, '--pending-window-in-days', '6'], false);
    assert.notEqual(six.code, 0);
    assert.match(
      six.stderr,
      /An error occurred \(ValidationException\) when calling the ScheduleKeyDeletion operation(?: \(reached max retries: 0\))?: PendingWindowInDays must be between 7 and 30$/m,
    );
    assert.equal(await keyState(), 'Enabled');

    const seven = await json(['schedule-key-deletion', '--key-id', keyId, '--pending-window-in-days', '7']);
    assert.equal(seven.KeyId, keyArn);
    assert.equal(seven.KeyState, 'PendingDeletion');
    assert.equal(seven.PendingWindowInDays, 7);
    assert.ok(seven.DeletionDate);
  });

  test('cancel-key-deletion brings the key back Disabled', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    const out = await json(['cancel-key-deletion', '--key-id', keyId]);
    assert.equal(out.KeyId, keyArn);
    assert.equal(await keyState(), 'Disabled');
  });
});
