import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IamGroup, IamRole, IamUser, ManagedPolicy } from '../../src/iam/model.js';
import type { Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const A = '111122223333';
const B = '444455556666';

function user(name: string, extra: Partial<IamUser> = {}): IamUser {
  const path = extra.path ?? '/';
  return { accountId: A, userId: `AIDA${name.toUpperCase().padEnd(17, 'X')}`, userName: name, path, arn: `arn:aws:iam::${A}:user${path}${name}`, createdAt: 1, tags: [], ...extra };
}

function group(name: string): IamGroup {
  return { accountId: A, groupId: `AGPA${name.toUpperCase().padEnd(17, 'X')}`, groupName: name, path: '/', arn: `arn:aws:iam::${A}:group/${name}`, createdAt: 1 };
}

function role(name: string, accountId = A): IamRole {
  return {
    accountId,
    roleId: `AROA${name.toUpperCase().padEnd(17, 'X')}`,
    roleName: name,
    path: '/',
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    createdAt: 1,
    assumeRolePolicy: '{}',
    maxSessionDuration: 3600,
    tags: [],
  };
}

function policy(name: string, path = '/'): ManagedPolicy {
  return {
    accountId: A,
    policyId: `ANPA${name.toUpperCase().padEnd(17, 'X')}`,
    policyName: name,
    path,
    arn: `arn:aws:iam::${A}:policy${path}${name}`,
    defaultVersionId: 'v1',
    nextVersion: 2,
    tags: [],
    createdAt: 1,
    updatedAt: 1,
  };
}

/** The behaviour every IamStore adapter must have; run against each adapter. */
export function iamStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  describe(`${name}: IamStore`, () => {
    test(
      'users are found by name in any case and by id, listed by name with a path prefix and pages',
      withStore(async (s) => {
        for (const u of [user('carol'), user('Alice'), user('bob', { path: '/eng/' }), user('dave', { path: '/engineering/' })]) await s.iam.putUser(u);
        await s.iam.putUser({ ...user('other'), accountId: B });
        assert.equal((await s.iam.getUser(A, 'ALICE'))?.userName, 'Alice');
        assert.equal((await s.iam.getUserById(A, user('bob').userId))?.userName, 'bob');
        assert.equal(await s.iam.getUser(A, 'other'), undefined);
        const all = await s.iam.listUsers(A, { limit: 10 });
        assert.deepEqual(all.items.map((u) => u.userName), ['Alice', 'bob', 'carol', 'dave']);
        assert.equal(all.next, undefined);
        assert.deepEqual((await s.iam.listUsers(A, { limit: 10, pathPrefix: '/eng/' })).items.map((u) => u.userName), ['bob']);
        assert.deepEqual((await s.iam.listUsers(A, { limit: 10, pathPrefix: '/eng' })).items.map((u) => u.userName), ['bob', 'dave']);
        const first = await s.iam.listUsers(A, { limit: 3 });
        assert.deepEqual(first.items.map((u) => u.userName), ['Alice', 'bob', 'carol']);
        assert.deepEqual((await s.iam.listUsers(A, { limit: 3, after: first.next })).items.map((u) => u.userName), ['dave']);
      }),
    );

    test(
      'a path prefix with LIKE wildcards matches literally',
      withStore(async (s) => {
        await s.iam.putUser(user('x', { path: '/a_b/' }));
        await s.iam.putUser(user('y', { path: '/aXb/' }));
        assert.deepEqual((await s.iam.listUsers(A, { limit: 10, pathPrefix: '/a_' })).items.map((u) => u.userName), ['x']);
        assert.deepEqual((await s.iam.listUsers(A, { limit: 10, pathPrefix: '/%' })).items, []);
      }),
    );

    test(
      'renaming a user re-points its access keys to the new ARN',
      withStore(async (s) => {
        await s.accounts.createAccount({ accountId: A, createdAt: 1 });
        const u = user('old');
        await s.iam.putUser(u);
        await s.accounts.putAccessKey({ accessKeyId: 'AKIAOLD', accountId: A, principalArn: u.arn, principalId: u.userId, status: 'Active', createdAt: 1, sealedSecret: Buffer.from([1]) });
        const renamed = { ...u, userName: 'new', arn: `arn:aws:iam::${A}:user/new` };
        await s.iam.putUser(renamed);
        assert.equal((await s.accounts.getAccessKey('AKIAOLD'))?.principalArn, renamed.arn);
        assert.equal(await s.iam.getUser(A, 'old'), undefined);
        assert.equal((await s.iam.getUser(A, 'new'))?.userId, u.userId);
      }),
    );

    test(
      'group membership: idempotent add, lists both ways, remove reports whether it removed',
      withStore(async (s) => {
        await s.iam.putUser(user('u1'));
        await s.iam.putUser(user('u2'));
        await s.iam.putGroup(group('zeta'));
        await s.iam.putGroup(group('alpha'));
        for (const g of ['zeta', 'alpha']) await s.iam.addGroupMember(A, group(g).groupId, user('u1').userId);
        await s.iam.addGroupMember(A, group('alpha').groupId, user('u1').userId);
        await s.iam.addGroupMember(A, group('alpha').groupId, user('u2').userId);
        assert.deepEqual((await s.iam.groupsOfUser(A, user('u1').userId)).map((g) => g.groupName), ['alpha', 'zeta']);
        const page = await s.iam.groupMembers(A, group('alpha').groupId, { limit: 1 });
        assert.deepEqual(page.items.map((u) => u.userName), ['u1']);
        assert.deepEqual((await s.iam.groupMembers(A, group('alpha').groupId, { limit: 1, after: page.next })).items.map((u) => u.userName), ['u2']);
        assert.equal(await s.iam.removeGroupMember(A, group('alpha').groupId, user('u2').userId), true);
        assert.equal(await s.iam.removeGroupMember(A, group('alpha').groupId, user('u2').userId), false);
      }),
    );

    test(
      'deleting an entity removes its memberships, inline policies and attachments',
      withStore(async (s) => {
        const u = user('gone');
        await s.iam.putUser(u);
        await s.iam.putGroup(group('g'));
        await s.iam.addGroupMember(A, group('g').groupId, u.userId);
        await s.iam.putInlinePolicy({ accountId: A, kind: 'user', ownerId: u.userId, policyName: 'p', document: '{}' });
        await s.iam.attachPolicy(A, 'user', u.userId, policy('mp').arn);
        await s.iam.deleteUser(A, u.userId);
        assert.equal(await s.iam.getUserById(A, u.userId), undefined);
        assert.deepEqual((await s.iam.groupMembers(A, group('g').groupId, { limit: 10 })).items, []);
        assert.deepEqual(await s.iam.listInlinePolicies(A, 'user', u.userId), []);
        assert.equal(await s.iam.attachmentCount(A, policy('mp').arn), 0);
      }),
    );

    test(
      'roles by name and id; principals lists every user and role of every account with its unique id',
      withStore(async (s) => {
        await s.iam.putRole(role('r1'));
        await s.iam.putRole(role('r2', B));
        await s.iam.putUser(user('u'));
        assert.equal((await s.iam.getRole(A, 'R1'))?.roleId, role('r1').roleId);
        assert.equal((await s.iam.getRoleById(B, role('r2', B).roleId))?.roleName, 'r2');
        const byArn = (a: { arn: string }, b: { arn: string }) => (a.arn < b.arn ? -1 : 1);
        assert.deepEqual(
          (await s.iam.principals()).sort(byArn),
          [
            { arn: role('r1').arn, id: role('r1').roleId },
            { arn: role('r2', B).arn, id: role('r2', B).roleId },
            { arn: user('u').arn, id: user('u').userId },
          ].sort(byArn),
        );
        await s.iam.deleteRole(A, role('r1').roleId);
        assert.equal(await s.iam.getRole(A, 'r1'), undefined);
        assert.deepEqual((await s.iam.listRoles(B, { limit: 10 })).items.map((r) => r.roleName), ['r2']);
      }),
    );

    test(
      'inline policies: put replaces, listed by name, delete reports whether it deleted',
      withStore(async (s) => {
        const put = (policyName: string, document: string) => s.iam.putInlinePolicy({ accountId: A, kind: 'role', ownerId: 'AROA1', policyName, document });
        await put('b', '1');
        await put('a', '2');
        await put('b', '3');
        assert.deepEqual((await s.iam.listInlinePolicies(A, 'role', 'AROA1')).map((p) => [p.policyName, p.document]), [
          ['a', '2'],
          ['b', '3'],
        ]);
        assert.equal((await s.iam.getInlinePolicy(A, 'role', 'AROA1', 'b'))?.document, '3');
        assert.equal(await s.iam.getInlinePolicy(A, 'user', 'AROA1', 'b'), undefined);
        assert.equal(await s.iam.deleteInlinePolicy(A, 'role', 'AROA1', 'b'), true);
        assert.equal(await s.iam.deleteInlinePolicy(A, 'role', 'AROA1', 'b'), false);
      }),
    );

    test(
      'managed policies, their versions (newest first) and attachments',
      withStore(async (s) => {
        const p = policy('Reader', '/team/');
        await s.iam.putPolicy(p);
        await s.iam.putPolicy(policy('writer'));
        for (const v of ['v1', 'v2', 'v3']) await s.iam.putPolicyVersion({ accountId: A, policyArn: p.arn, versionId: v, document: v, createdAt: 1 });
        assert.equal((await s.iam.getPolicyByName(A, 'READER'))?.arn, p.arn);
        assert.deepEqual((await s.iam.listPolicyVersions(A, p.arn)).map((v) => v.versionId), ['v3', 'v2', 'v1']);
        assert.equal(await s.iam.deletePolicyVersion(A, p.arn, 'v2'), true);
        assert.equal(await s.iam.deletePolicyVersion(A, p.arn, 'v2'), false);
        assert.equal((await s.iam.getPolicyVersion(A, p.arn, 'v3'))?.document, 'v3');

        await s.iam.attachPolicy(A, 'user', 'AIDA2', p.arn);
        await s.iam.attachPolicy(A, 'user', 'AIDA1', p.arn);
        await s.iam.attachPolicy(A, 'user', 'AIDA1', policy('writer').arn);
        await s.iam.attachPolicy(A, 'user', 'AIDA1', p.arn);
        assert.deepEqual(await s.iam.attachedPolicies(A, 'user', 'AIDA1'), [p.arn, policy('writer').arn]);
        assert.equal(await s.iam.attachmentCount(A, p.arn), 2);
        assert.deepEqual((await s.iam.listPolicies(A, { limit: 10 })).items.map((x) => x.policyName), ['Reader', 'writer']);
        assert.deepEqual((await s.iam.listPolicies(A, { limit: 10, pathPrefix: '/team/' })).items.map((x) => x.policyName), ['Reader']);
        await s.iam.detachPolicy(A, 'user', 'AIDA1', policy('writer').arn);
        assert.deepEqual((await s.iam.listPolicies(A, { limit: 10, onlyAttached: true })).items.map((x) => x.policyName), ['Reader']);
        assert.equal(await s.iam.detachPolicy(A, 'user', 'AIDA1', policy('writer').arn), false);

        await s.iam.deletePolicy(A, p.arn);
        assert.equal(await s.iam.getPolicy(A, p.arn), undefined);
        assert.deepEqual(await s.iam.listPolicyVersions(A, p.arn), []);
      }),
    );

    test(
      'every IAM write changes the account revision; reads and other accounts’ writes do not',
      withStore(async (s) => {
        assert.equal(await s.iam.revision(A), 0);
        const seen = new Set<number>([0]);
        const expectChange = async (write: () => Promise<unknown>) => {
          await write();
          const r = await s.iam.revision(A);
          assert.ok(!seen.has(r), `revision ${r} did not change`);
          seen.add(r);
        };
        await expectChange(() => s.iam.putUser(user('u')));
        await expectChange(() => s.iam.putGroup(group('g')));
        await expectChange(() => s.iam.addGroupMember(A, group('g').groupId, user('u').userId));
        await expectChange(() => s.iam.putInlinePolicy({ accountId: A, kind: 'user', ownerId: user('u').userId, policyName: 'p', document: '{}' }));
        await expectChange(() => s.iam.putPolicyVersion({ accountId: A, policyArn: policy('mp').arn, versionId: 'v1', document: '{}', createdAt: 1 }));
        await expectChange(() => s.iam.attachPolicy(A, 'user', user('u').userId, policy('mp').arn));
        await expectChange(() => s.iam.detachPolicy(A, 'user', user('u').userId, policy('mp').arn));
        await expectChange(() => s.iam.deleteUser(A, user('u').userId));
        const r = await s.iam.revision(A);
        await s.iam.getUser(A, 'u');
        await s.iam.putUser({ ...user('elsewhere'), accountId: B });
        assert.equal(await s.iam.revision(A), r);
      }),
    );

    test(
      'a failed transaction leaves entities and the revision unchanged',
      withStore(async (s) => {
        await s.iam.putUser(user('kept'));
        const r = await s.iam.revision(A);
        await assert.rejects(
          s.transaction(async () => {
            await s.iam.putUser(user('rolled-back'));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await s.iam.getUser(A, 'rolled-back'), undefined);
        assert.equal(await s.iam.revision(A), r);
      }),
    );

    test(
      'sessions round-trip and expired ones are purged',
      withStore(async (s) => {
        const base = { accountId: A, principal: { type: 'user' as const, arn: user('u').arn, userId: user('u').userId, name: 'u' }, sealedSecret: Buffer.from([1, 2]), tokenHash: Buffer.alloc(32, 7), createdAt: 1 };
        await s.iam.putSession({ ...base, accessKeyId: 'ASIAOLD', expiresAt: 100 });
        await s.iam.putSession({ ...base, accessKeyId: 'ASIANEW', expiresAt: 300 });
        const got = await s.iam.getSession('ASIANEW');
        assert.deepEqual(got, { ...base, accessKeyId: 'ASIANEW', expiresAt: 300 });
        assert.equal(await s.iam.deleteSessionsExpiredBefore(200), 1);
        assert.equal(await s.iam.getSession('ASIAOLD'), undefined);
        assert.ok(await s.iam.getSession('ASIANEW'));
      }),
    );
  });
}
