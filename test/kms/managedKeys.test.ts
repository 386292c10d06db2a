import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { rootPrincipal } from '../../src/auth/identity.js';
import { kmsApi } from '../../src/kms/api.js';
import { managedKeyPolicy } from '../../src/kms/managedKeys.js';
import type { RequestContext } from '../../src/common/operation.js';
import { ACCOUNT, HOME, aliasArnOf, keyArnOf, rejectsWith, startKms, type KmsTestEnv } from './ops/regionalClients.js';

const rootArn = `arn:aws:iam::${ACCOUNT}:root`;

describe('AWS managed keys', () => {
  let env: KmsTestEnv;
  let kms: KMSClient;

  before(async () => {
    env = await startKms();
    kms = env.kms();
  });
  after(() => env.dispose());

  test('DescribeKey of a predefined alias creates its AWS managed key once', async () => {
    const before = await kms.send(new ListAliasesCommand({}));
    assert.deepEqual(
      before.Aliases!.find((a) => a.AliasName === 'alias/aws/logs'),
      { AliasName: 'alias/aws/logs', AliasArn: aliasArnOf('alias/aws/logs') },
    );
    const [first, again] = await Promise.all([
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/logs' })),
      kms.send(new DescribeKeyCommand({ KeyId: aliasArnOf('alias/aws/logs') })),
    ]);
    const meta = first.KeyMetadata!;
    assert.equal(again.KeyMetadata!.KeyId, meta.KeyId);
    assert.equal(meta.KeyManager, 'AWS');
    assert.equal(meta.KeyState, 'Enabled');
    assert.equal(meta.KeySpec, 'SYMMETRIC_DEFAULT');
    assert.equal(meta.Arn, keyArnOf(meta.KeyId!));
    assert.equal(meta.Description, 'Default master key that protects my CloudWatch Logs data when no other key is defined');
    const listed = (await kms.send(new ListAliasesCommand({}))).Aliases!.find((a) => a.AliasName === 'alias/aws/logs')!;
    assert.equal(listed.TargetKeyId, meta.KeyId);
    const keys = (await kms.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId);
    assert.ok(keys.includes(meta.KeyId));
    assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/logs' }))).KeyMetadata!.KeyId, meta.KeyId);
  });

  test("carries AWS's managed-key policy: usable through its service only, metadata readable by the account", async () => {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: meta.KeyId, PolicyName: 'default' }))).Policy!;
    assert.equal(policy, managedKeyPolicy(ACCOUNT, HOME, 'alias/aws/s3'));
    const doc = JSON.parse(policy);
    assert.equal(doc.Id, 'auto-s3-2');
    assert.deepEqual(doc.Statement[0].Condition, { StringEquals: { 'kms:ViaService': `s3.${HOME}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT } });
    assert.deepEqual(doc.Statement[1].Principal, { AWS: rootArn });
    assert.equal((await kms.send(new GetKeyRotationStatusCommand({ KeyId: meta.KeyId }))).KeyRotationEnabled, true);
  });

  test('refuses direct use of an AWS managed key with AccessDeniedException', async () => {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }))).KeyMetadata!;
    const denied = (action: string) =>
      `User: ${rootArn} is not authorized to perform: ${action} on resource: ${meta.Arn} because no resource-based policy allows the ${action} action`;
    await rejectsWith(kms.send(new EncryptCommand({ KeyId: 'alias/aws/ebs', Plaintext: Buffer.from('x') })), 'AccessDeniedException', denied('kms:Encrypt'));
    await rejectsWith(kms.send(new DisableKeyCommand({ KeyId: meta.KeyId })), 'AccessDeniedException', denied('kms:DisableKey'));
    await rejectsWith(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: meta.KeyId, PendingWindowInDays: 7 })),
      'AccessDeniedException',
      denied('kms:ScheduleKeyDeletion'),
    );
    await rejectsWith(
      kms.send(new PutKeyPolicyCommand({ KeyId: meta.KeyId, PolicyName: 'default', Policy: '{}' })),
      'AccessDeniedException',
      denied('kms:PutKeyPolicy'),
    );
  });

  test('lets a principal of the account use the key through its service (kms:ViaService)', async () => {
    const api = kmsApi(env.srv.server.app.kms);
    const ctx = (viaService?: string): RequestContext => ({
      requestId: 'r',
      principal: rootPrincipal(ACCOUNT),
      region: HOME,
      sourceIp: '127.0.0.1',
      userAgent: 't',
      time: Date.now(),
      secureTransport: true,
      ...(viaService ? { viaService } : {}),
    });
    const out = await api.encrypt({ KeyId: 'alias/aws/kinesis', Plaintext: Buffer.from('record') }, ctx(`kinesis.${HOME}.amazonaws.com`));
    const back = await api.decrypt({ CiphertextBlob: out.CiphertextBlob! }, ctx(`kinesis.${HOME}.amazonaws.com`));
    assert.equal(Buffer.from(back.Plaintext!).toString(), 'record');
    await assert.rejects(api.decrypt({ CiphertextBlob: out.CiphertextBlob! }, ctx(`s3.${HOME}.amazonaws.com`)), { name: 'AccessDeniedException' });
  });

  test('answers NotFoundException for an alias/aws/ name that is not predefined, and creates nothing', async () => {
    await rejectsWith(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/nosuchservice' })),
      'NotFoundException',
      `Alias ${aliasArnOf('alias/aws/nosuchservice')} is not found.`,
    );
  });

  test("never creates a key in another account through an alias ARN", async () => {
    const { accountId, creds } = await env.otherAccount();
    const foreign = aliasArnOf('alias/aws/glue', HOME, accountId);
    await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: foreign })), { name: 'NotFoundException' });
    const theirs = await env.kms(HOME, creds).send(new ListAliasesCommand({}));
    assert.equal(theirs.Aliases!.find((a) => a.AliasName === 'alias/aws/glue')!.TargetKeyId, undefined);
  });
});
