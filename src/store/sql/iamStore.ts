import type { EntityKind, IamGroup, IamRole, IamUser, InlinePolicy, ManagedPolicy, PolicyVersion, SessionRecord } from '../../iam/model.js';
import type { IamListOptions, IamStore, Page } from '../types.js';
import type { SqlDriver } from './driver.js';

type Doc = { doc: string; name_lower: string };

/** Users, groups and roles share one table layout: id, lower-cased name (unique), path, JSON document. */
const ENTITY_TABLES = { user: 'iam_users', group: 'iam_groups', role: 'iam_roles' } as const;

function docPage<T>(rows: Doc[], limit: number): Page<T> {
  const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as T);
  if (rows.length <= limit) return { items };
  return { items, next: rows[limit - 1]!.name_lower };
}

/** Rows with `path` starting with `prefix`: compared as a substring so that `%` or `_` in a prefix stay literal. */
function pathFilter(prefix: string | undefined): { sql: string; args: unknown[] } {
  if (prefix === undefined || prefix === '/') return { sql: '', args: [] };
  return { sql: ' AND substr(path, 1, ?) = ?', args: [prefix.length, prefix] };
}

interface SessionRow {
  access_key_id: string;
  account_id: string;
  principal: string;
  sealed_secret: Buffer;
  token_hash: Buffer;
  created_at: number;
  expires_at: number;
}

export class SqlIamStore implements IamStore {
  constructor(private readonly d: SqlDriver) {}

  async revision(accountId: string): Promise<number> {
    return (await this.d.get<{ revision: number }>('SELECT revision FROM iam_revisions WHERE account_id = ?', [accountId]))?.revision ?? 0;
  }

  /** Every IAM write goes through here so that the account's revision changes with it, in the same transaction. */
  private async change(accountId: string, fn: () => Promise<number | void>): Promise<number> {
    return this.d.atomic(async () => {
      const n = (await fn()) ?? 0;
      await this.d.exec(
        `INSERT INTO iam_revisions (account_id, revision) VALUES (?, 1)
         ON CONFLICT (account_id) DO UPDATE SET revision = iam_revisions.revision + 1`,
        [accountId],
      );
      return n;
    });
  }

  private async run(sql: string, params: readonly unknown[]): Promise<number> {
    return (await this.d.exec(sql, params)).changes;
  }

  // ---- users, groups, roles ----------------------------------------------------------------------------------------

  private putEntity(kind: EntityKind, accountId: string, id: string, name: string, path: string, doc: unknown): Promise<number> {
    return this.run(
      `INSERT INTO ${ENTITY_TABLES[kind]} (account_id, id, name_lower, path, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, id) DO UPDATE SET name_lower = excluded.name_lower, path = excluded.path, doc = excluded.doc`,
      [accountId, id, name.toLowerCase(), path, JSON.stringify(doc)],
    );
  }

  private async getEntity<T>(kind: EntityKind, accountId: string, name: string): Promise<T | undefined> {
    const r = await this.d.get<Doc>(`SELECT doc FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND name_lower = ?`, [accountId, name.toLowerCase()]);
    return r && (JSON.parse(r.doc) as T);
  }

  private async getEntityById<T>(kind: EntityKind, accountId: string, id: string): Promise<T | undefined> {
    const r = await this.d.get<Doc>(`SELECT doc FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND id = ?`, [accountId, id]);
    return r && (JSON.parse(r.doc) as T);
  }

  private async listEntities<T>(kind: EntityKind, accountId: string, opts: IamListOptions): Promise<Page<T>> {
    const f = pathFilter(opts.pathPrefix);
    const rows = await this.d.all<Doc>(
      `SELECT doc, name_lower FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND name_lower > ?${f.sql} ORDER BY name_lower LIMIT ?`,
      [accountId, opts.after ?? '', ...f.args, opts.limit + 1],
    );
    return docPage<T>(rows, opts.limit);
  }

  /** Removes an entity and everything hanging off it. */
  private async deleteEntity(kind: EntityKind, accountId: string, id: string): Promise<void> {
    await this.run(`DELETE FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND id = ?`, [accountId, id]);
    await this.run('DELETE FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ?', [accountId, kind, id]);
    await this.run('DELETE FROM iam_attachments WHERE account_id = ? AND owner_kind = ? AND owner_id = ?', [accountId, kind, id]);
    if (kind === 'user') await this.run('DELETE FROM iam_group_members WHERE account_id = ? AND user_id = ?', [accountId, id]);
    if (kind === 'group') await this.run('DELETE FROM iam_group_members WHERE account_id = ? AND group_id = ?', [accountId, id]);
  }

  async putUser(u: IamUser): Promise<void> {
    await this.change(u.accountId, async () => {
      await this.putEntity('user', u.accountId, u.userId, u.userName, u.path, u);
      // The user's access keys name it by ARN; a rename or a new path changes the ARN.
      await this.run('UPDATE access_keys SET principal_arn = ? WHERE account_id = ? AND principal_id = ?', [u.arn, u.accountId, u.userId]);
    });
  }

  getUser(accountId: string, userName: string): Promise<IamUser | undefined> {
    return this.getEntity('user', accountId, userName);
  }

  getUserById(accountId: string, userId: string): Promise<IamUser | undefined> {
    return this.getEntityById('user', accountId, userId);
  }

  listUsers(accountId: string, opts: IamListOptions): Promise<Page<IamUser>> {
    return this.listEntities('user', accountId, opts);
  }

  async deleteUser(accountId: string, userId: string): Promise<void> {
    await this.change(accountId, () => this.deleteEntity('user', accountId, userId));
  }

  async putGroup(g: IamGroup): Promise<void> {
    await this.change(g.accountId, () => this.putEntity('group', g.accountId, g.groupId, g.groupName, g.path, g));
  }

  getGroup(accountId: string, groupName: string): Promise<IamGroup | undefined> {
    return this.getEntity('group', accountId, groupName);
  }

  listGroups(accountId: string, opts: IamListOptions): Promise<Page<IamGroup>> {
    return this.listEntities('group', accountId, opts);
  }

  async deleteGroup(accountId: string, groupId: string): Promise<void> {
    await this.change(accountId, () => this.deleteEntity('group', accountId, groupId));
  }

  async addGroupMember(accountId: string, groupId: string, userId: string): Promise<void> {
    await this.change(accountId, () =>
      this.run('INSERT INTO iam_group_members (account_id, group_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [accountId, groupId, userId]),
    );
  }

  async removeGroupMember(accountId: string, groupId: string, userId: string): Promise<boolean> {
    return (
      (await this.change(accountId, () =>
        this.run('DELETE FROM iam_group_members WHERE account_id = ? AND group_id = ? AND user_id = ?', [accountId, groupId, userId]),
      )) > 0
    );
  }

  async groupsOfUser(accountId: string, userId: string): Promise<IamGroup[]> {
    const rows = await this.d.all<Doc>(
      `SELECT g.doc FROM iam_group_members m JOIN iam_groups g ON g.account_id = m.account_id AND g.id = m.group_id
       WHERE m.account_id = ? AND m.user_id = ? ORDER BY g.name_lower`,
      [accountId, userId],
    );
    return rows.map((r) => JSON.parse(r.doc) as IamGroup);
  }

  async groupMembers(accountId: string, groupId: string, opts: IamListOptions): Promise<Page<IamUser>> {
    const rows = await this.d.all<Doc>(
      `SELECT u.doc, u.name_lower FROM iam_group_members m JOIN iam_users u ON u.account_id = m.account_id AND u.id = m.user_id
       WHERE m.account_id = ? AND m.group_id = ? AND u.name_lower > ? ORDER BY u.name_lower LIMIT ?`,
      [accountId, groupId, opts.after ?? '', opts.limit + 1],
    );
    return docPage<IamUser>(rows, opts.limit);
  }

  async putRole(r: IamRole): Promise<void> {
    await this.change(r.accountId, () => this.putEntity('role', r.accountId, r.roleId, r.roleName, r.path, r));
  }

  getRole(accountId: string, roleName: string): Promise<IamRole | undefined> {
    return this.getEntity('role', accountId, roleName);
  }

  getRoleById(accountId: string, roleId: string): Promise<IamRole | undefined> {
    return this.getEntityById('role', accountId, roleId);
  }

  listRoles(accountId: string, opts: IamListOptions): Promise<Page<IamRole>> {
    return this.listEntities('role', accountId, opts);
  }

  async deleteRole(accountId: string, roleId: string): Promise<void> {
    await this.change(accountId, () => this.deleteEntity('role', accountId, roleId));
  }

  async principals(): Promise<{ arn: string; id: string }[]> {
    const arn = this.d.dialect.jsonText('doc', 'arn');
    return this.d.all<{ arn: string; id: string }>(
      `SELECT ${arn} AS arn, ${this.d.dialect.jsonText('doc', 'userId')} AS id FROM iam_users
       UNION ALL SELECT ${arn} AS arn, ${this.d.dialect.jsonText('doc', 'roleId')} AS id FROM iam_roles`,
    );
  }

  // ---- inline policies --------------------------------------------------------------------------------------------

  async putInlinePolicy(ip: InlinePolicy): Promise<void> {
    await this.change(ip.accountId, () =>
      this.run(
        `INSERT INTO iam_inline_policies (account_id, owner_kind, owner_id, policy_name, document) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, owner_kind, owner_id, policy_name) DO UPDATE SET document = excluded.document`,
        [ip.accountId, ip.kind, ip.ownerId, ip.policyName, ip.document],
      ),
    );
  }

  async getInlinePolicy(accountId: string, kind: EntityKind, ownerId: string, policyName: string): Promise<InlinePolicy | undefined> {
    const r = await this.d.get<{ document: string }>(
      'SELECT document FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ? AND policy_name = ?',
      [accountId, kind, ownerId, policyName],
    );
    return r && { accountId, kind, ownerId, policyName, document: r.document };
  }

  async listInlinePolicies(accountId: string, kind: EntityKind, ownerId: string): Promise<InlinePolicy[]> {
    const rows = await this.d.all<{ policy_name: string; document: string }>(
      'SELECT policy_name, document FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ? ORDER BY policy_name',
      [accountId, kind, ownerId],
    );
    return rows.map((r) => ({ accountId, kind, ownerId, policyName: r.policy_name, document: r.document }));
  }

  async deleteInlinePolicy(accountId: string, kind: EntityKind, ownerId: string, policyName: string): Promise<boolean> {
    return (
      (await this.change(accountId, () =>
        this.run('DELETE FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ? AND policy_name = ?', [
          accountId,
          kind,
          ownerId,
          policyName,
        ]),
      )) > 0
    );
  }

  // ---- managed policies -------------------------------------------------------------------------------------------

  async putPolicy(mp: ManagedPolicy): Promise<void> {
    await this.change(mp.accountId, () =>
      this.run(
        `INSERT INTO iam_policies (account_id, arn, name_lower, path, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, arn) DO UPDATE SET doc = excluded.doc`,
        [mp.accountId, mp.arn, mp.policyName.toLowerCase(), mp.path, JSON.stringify(mp)],
      ),
    );
  }

  async getPolicy(accountId: string, arn: string): Promise<ManagedPolicy | undefined> {
    const r = await this.d.get<Doc>('SELECT doc FROM iam_policies WHERE account_id = ? AND arn = ?', [accountId, arn]);
    return r && (JSON.parse(r.doc) as ManagedPolicy);
  }

  async getPolicyByName(accountId: string, policyName: string): Promise<ManagedPolicy | undefined> {
    const r = await this.d.get<Doc>('SELECT doc FROM iam_policies WHERE account_id = ? AND name_lower = ?', [accountId, policyName.toLowerCase()]);
    return r && (JSON.parse(r.doc) as ManagedPolicy);
  }

  async listPolicies(accountId: string, opts: IamListOptions & { onlyAttached?: boolean }): Promise<Page<ManagedPolicy>> {
    const f = pathFilter(opts.pathPrefix);
    const attached = opts.onlyAttached
      ? ' AND EXISTS (SELECT 1 FROM iam_attachments a WHERE a.account_id = iam_policies.account_id AND a.policy_arn = iam_policies.arn)'
      : '';
    const rows = await this.d.all<Doc>(
      `SELECT doc, name_lower FROM iam_policies WHERE account_id = ? AND name_lower > ?${f.sql}${attached} ORDER BY name_lower LIMIT ?`,
      [accountId, opts.after ?? '', ...f.args, opts.limit + 1],
    );
    return docPage<ManagedPolicy>(rows, opts.limit);
  }

  async deletePolicy(accountId: string, arn: string): Promise<void> {
    await this.change(accountId, async () => {
      await this.run('DELETE FROM iam_policies WHERE account_id = ? AND arn = ?', [accountId, arn]);
      await this.run('DELETE FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ?', [accountId, arn]);
    });
  }

  async putPolicyVersion(v: PolicyVersion): Promise<void> {
    await this.change(v.accountId, () =>
      this.run(
        `INSERT INTO iam_policy_versions (account_id, policy_arn, version_id, document, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, policy_arn, version_id) DO UPDATE SET document = excluded.document`,
        [v.accountId, v.policyArn, v.versionId, v.document, v.createdAt],
      ),
    );
  }

  async getPolicyVersion(accountId: string, arn: string, versionId: string): Promise<PolicyVersion | undefined> {
    const r = await this.d.get<{ document: string; created_at: number }>(
      'SELECT document, created_at FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ? AND version_id = ?',
      [accountId, arn, versionId],
    );
    return r && { accountId, policyArn: arn, versionId, document: r.document, createdAt: r.created_at };
  }

  async listPolicyVersions(accountId: string, arn: string): Promise<PolicyVersion[]> {
    const rows = await this.d.all<{ version_id: string; document: string; created_at: number }>(
      `SELECT version_id, document, created_at FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ?
       ORDER BY ${this.d.dialect.insertionOrder} DESC`,
      [accountId, arn],
    );
    return rows.map((r) => ({ accountId, policyArn: arn, versionId: r.version_id, document: r.document, createdAt: r.created_at }));
  }

  async deletePolicyVersion(accountId: string, arn: string, versionId: string): Promise<boolean> {
    return (
      (await this.change(accountId, () =>
        this.run('DELETE FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ? AND version_id = ?', [accountId, arn, versionId]),
      )) > 0
    );
  }

  // ---- attachments ------------------------------------------------------------------------------------------------

  async attachPolicy(accountId: string, kind: EntityKind, ownerId: string, policyArn: string): Promise<void> {
    await this.change(accountId, () =>
      this.run('INSERT INTO iam_attachments (account_id, owner_kind, owner_id, policy_arn) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        accountId,
        kind,
        ownerId,
        policyArn,
      ]),
    );
  }

  async detachPolicy(accountId: string, kind: EntityKind, ownerId: string, policyArn: string): Promise<boolean> {
    return (
      (await this.change(accountId, () =>
        this.run('DELETE FROM iam_attachments WHERE account_id = ? AND owner_kind = ? AND owner_id = ? AND policy_arn = ?', [
          accountId,
          kind,
          ownerId,
          policyArn,
        ]),
      )) > 0
    );
  }

  async attachedPolicies(accountId: string, kind: EntityKind, ownerId: string): Promise<string[]> {
    const rows = await this.d.all<{ policy_arn: string }>(
      `SELECT policy_arn FROM iam_attachments WHERE account_id = ? AND owner_kind = ? AND owner_id = ? ORDER BY ${this.d.dialect.insertionOrder}`,
      [accountId, kind, ownerId],
    );
    return rows.map((r) => r.policy_arn);
  }

  async attachmentCount(accountId: string, policyArn: string): Promise<number> {
    return (await this.d.get<{ n: number }>('SELECT COUNT(*) AS n FROM iam_attachments WHERE account_id = ? AND policy_arn = ?', [accountId, policyArn]))!.n;
  }

  // ---- STS sessions -----------------------------------------------------------------------------------------------

  async putSession(x: SessionRecord): Promise<void> {
    await this.run(
      `INSERT INTO iam_sessions (access_key_id, account_id, principal, sealed_secret, token_hash, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [x.accessKeyId, x.accountId, JSON.stringify(x.principal), x.sealedSecret, x.tokenHash, x.createdAt, x.expiresAt],
    );
  }

  async getSession(accessKeyId: string): Promise<SessionRecord | undefined> {
    const r = await this.d.get<SessionRow>('SELECT * FROM iam_sessions WHERE access_key_id = ?', [accessKeyId]);
    return (
      r && {
        accessKeyId: r.access_key_id,
        accountId: r.account_id,
        principal: JSON.parse(r.principal) as SessionRecord['principal'],
        sealedSecret: r.sealed_secret,
        tokenHash: r.token_hash,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
      }
    );
  }

  async deleteSessionsExpiredBefore(time: number): Promise<number> {
    return this.run('DELETE FROM iam_sessions WHERE expires_at < ?', [time]);
  }
}
