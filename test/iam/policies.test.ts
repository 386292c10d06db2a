import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DetachUserPolicyCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { Principal } from '../../src/auth/identity.js';
import { evaluate } from '../../src/auth/policy/index.js';
import { clientConfig, type Creds } from '../helpers/server.js';
import { ACCOUNT, allowDoc, rejectsWith, startIam, trustDoc, userWithKey, type IamTestEnv } from './ops/iamFixtures.js';

/** The identity policies IAM gives KMS (and, later, every service): IdentityPolicySource and principalExists. */
describe('IamPolicySource', () => {
  let env: IamTestEnv;
  let alice: Creds;
  let aliceId: string;
  const principal = (): Principal => ({ type: 'user', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/alice`, userId: aliceId, name: 'alice' });
  const allows = async (p: Principal, action: string) =>
    (await env.srv.server.app.iam.policies.policiesFor(p)).some(
      (c) => evaluate(c, { principal: { type: 'AWS', arn: p.arn, accountId: p.accountId }, action, resource: '*', context: {} }).allowed,
    );

  before(async () => {
    env = await startIam();
    alice = await userWithKey(env.iam, 'alice');
    aliceId = (await env.srv.server.app.store.iam.getUser(ACCOUNT, 'alice'))!.userId;
  });
  after(() => env.dispose());

  test('a user’s policies are its inline and attached ones plus its groups’, and changes are seen at once', async () => {
    await env.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'inline', PolicyDocument: allowDoc('s3:Inline') }));
    const managed = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'managed', PolicyDocument: allowDoc('s3:Managed') }))).Policy!.Arn!;
    await env.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: managed }));
    await env.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await env.iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'gi', PolicyDocument: allowDoc('s3:GroupInline') }));
    const groupManaged = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'gm', PolicyDocument: allowDoc('s3:GroupManaged') }))).Policy!.Arn!;
    await env.iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: groupManaged }));

    assert.equal(await allows(principal(), 's3:GroupInline'), false);
    await env.iam.send(new AddUserToGroupCommand({ GroupName: 'g', UserName: 'alice' }));
    for (const a of ['s3:Inline', 's3:Managed', 's3:GroupInline', 's3:GroupManaged']) assert.equal(await allows(principal(), a), true, a);
    assert.equal(await allows(principal(), 's3:Other'), false);

    await env.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'g', UserName: 'alice' }));
    assert.equal(await allows(principal(), 's3:GroupManaged'), false);
    await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: managed, PolicyDocument: allowDoc('s3:ManagedV2'), SetAsDefault: true }));
    assert.equal(await allows(principal(), 's3:Managed'), false);
    assert.equal(await allows(principal(), 's3:ManagedV2'), true);
    await env.iam.send(new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: managed }));
    assert.equal(await allows(principal(), 's3:ManagedV2'), false);
  });

  test('a role session has its role’s policies; the root has none to consult', async () => {
    await env.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }) }));
    await env.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: allowDoc('logs:RoleAction') }));
    const out = await env.sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'sess' }));
    const session: Principal = { type: 'assumed-role', accountId: ACCOUNT, arn: out.AssumedRoleUser!.Arn!, userId: out.AssumedRoleUser!.AssumedRoleId!, name: 'r' };
    assert.equal(await allows(session, 'logs:RoleAction'), true);
    assert.deepEqual(await env.srv.server.app.iam.policies.policiesFor({ type: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT }), []);
  });

  test('KMS asks IAM: a user may create a key only once an identity policy allows kms:CreateKey', async () => {
    const kms = new KMSClient(clientConfig(env.srv.url, alice));
    await rejectsWith(
      kms.send(new CreateKeyCommand({})),
      'AccessDeniedException',
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: kms:CreateKey on resource: * because no identity-based policy allows the kms:CreateKey action`,
    );
    await env.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'kms', PolicyDocument: allowDoc('kms:CreateKey') }));
    const key = await kms.send(new CreateKeyCommand({}));
    assert.equal(key.KeyMetadata!.KeyState, 'Enabled');
  });

  test('KMS key policies may name existing IAM users and roles only', async () => {
    const kms = new KMSClient(clientConfig(env.srv.url));
    const keyPolicy = (aws: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'named', Effect: 'Allow', Principal: { AWS: aws }, Action: 'kms:Encrypt', Resource: '*' },
        ],
      });
    await kms.send(new CreateKeyCommand({ Policy: keyPolicy(`arn:aws:iam::${ACCOUNT}:user/alice`) }));
    await kms.send(new CreateKeyCommand({ Policy: keyPolicy(`arn:aws:iam::${ACCOUNT}:role/r`) }));
    await kms.send(new CreateKeyCommand({ Policy: keyPolicy(`arn:aws:sts::${ACCOUNT}:assumed-role/r/any-session`) }));
    await rejectsWith(
      kms.send(new CreateKeyCommand({ Policy: keyPolicy(`arn:aws:iam::${ACCOUNT}:user/nobody`) })),
      'MalformedPolicyDocumentException',
      'Policy contains a statement with one or more invalid principals.',
    );
  });

  test('principals created before a restart are still known to exist after it', async () => {
    await env.restart();
    const kms = new KMSClient(clientConfig(env.srv.url));
    const key = await kms.send(
      new CreateKeyCommand({
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, Action: 'kms:Decrypt', Resource: '*' },
          ],
        }),
      }),
    );
    assert.ok(key.KeyMetadata!.KeyId);
  });
});
