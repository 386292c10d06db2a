import type { EntityKind, IamGroup, IamRole, IamUser, InlinePolicy, ManagedPolicy, PolicyVersion, SessionRecord } from '../../iam/model.js';
import type Database from 'better-sqlite3';
import type { IamListOptions, IamStore, Page } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

type Prepare = (sql: string) => Database.Statement;
type Doc = { doc: string; name_lower: string };

/** Users, groups and roles share one table layout: id, lower-cased name (unique), path, JSON document. */
const ENTITY_TABLES = { user: 'iam_users', group: 'iam_groups', role: 'iam_roles' } as const;

function page<T>(rows: Doc[], limit: number): Page<T> {
  const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as T);
  if (rows.length <= limit) return { items };
  return { items, next: rows[limit - 1]!.name_lower };
}

/** Rows with `path` starting with `prefix`: a range on the path so that `%` or `_` in a prefix stay literal. */
function pathFilter(prefix: string | undefined): { sql: string; args: string[] } {
  if (prefix === undefined || prefix === '/') return { sql: '', args: [] };
  return { sql: ' AND substr(path, 1, ?) = ?', args: [String(prefix.length), prefix] };
}

export class SqliteIamStore implements IamStore {
  constructor(private readonly s: SqliteStore) {}

  async revision(accountId: string): Promise<number> {
    const r = this.s.readStmt('SELECT revision FROM iam_revisions WHERE account_id = ?').get(accountId) as { revision: number } | undefined;
    return r?.revision ?? 0;
  }

  /** Every IAM write goes through here so that the account's revision changes with it, in the same transaction. */
  private async change(accountId: string, fn: (p: Prepare) => void): Promise<void> {
    await this.s.write((p) => {
      fn(p);
      p(
        `INSERT INTO iam_revisions (account_id, revision) VALUES (?, 1)
         ON CONFLICT (account_id) DO UPDATE SET revision = revision + 1`,
      ).run(accountId);
    });
  }

  private async changed(accountId: string, fn: (p: Prepare) => number): Promise<boolean> {
    let n = 0;
    await this.change(accountId, (p) => {
      n = fn(p);
    });
    return n > 0;
  }

  // ---- users, groups, roles ----------------------------------------------------------------------------------------

  private putEntity(kind: EntityKind, accountId: string, id: string, name: string, path: string, doc: unknown, p: Prepare): void {
    p(
      `INSERT INTO ${ENTITY_TABLES[kind]} (account_id, id, name_lower, path, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, id) DO UPDATE SET name_lower = excluded.name_lower, path = excluded.path, doc = excluded.doc`,
    ).run(accountId, id, name.toLowerCase(), path, JSON.stringify(doc));
  }

  private getEntity<T>(kind: EntityKind, accountId: string, name: string): T | undefined {
    const r = this.s.readStmt(`SELECT doc FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND name_lower = ?`).get(accountId, name.toLowerCase()) as
      | Doc
      | undefined;
    return r && (JSON.parse(r.doc) as T);
  }

  private getEntityById<T>(kind: EntityKind, accountId: string, id: string): T | undefined {
    const r = this.s.readStmt(`SELECT doc FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND id = ?`).get(accountId, id) as Doc | undefined;
    return r && (JSON.parse(r.doc) as T);
  }

  private listEntities<T>(kind: EntityKind, accountId: string, opts: IamListOptions): Page<T> {
    const f = pathFilter(opts.pathPrefix);
    const rows = this.s
      .readStmt(`SELECT doc, name_lower FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND name_lower > ?${f.sql} ORDER BY name_lower LIMIT ?`)
      .all(accountId, opts.after ?? '', ...f.args, opts.limit + 1) as Doc[];
    return page<T>(rows, opts.limit);
  }

  /** Removes an entity and everything hanging off it. */
  private deleteEntity(kind: EntityKind, accountId: string, id: string, p: Prepare): void {
    p(`DELETE FROM ${ENTITY_TABLES[kind]} WHERE account_id = ? AND id = ?`).run(accountId, id);
    p('DELETE FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ?').run(accountId, kind, id);
    p('DELETE FROM iam_attachments WHERE account_id = ? AND owner_kind = ? AND owner_id = ?').run(accountId, kind, id);
    if (kind === 'user') p('DELETE FROM iam_group_members WHERE account_id = ? AND user_id = ?').run(accountId, id);
    if (kind === 'group') p('DELETE FROM iam_group_members WHERE account_id = ? AND group_id = ?').run(accountId, id);
  }

  async putUser(u: IamUser): Promise<void> {
    await this.change(u.accountId, (p) => {
      this.putEntity('user', u.accountId, u.userId, u.userName, u.path, u, p);
      // The user's access keys name it by ARN; a rename or a new path changes the ARN.
      p('UPDATE access_keys SET principal_arn = ? WHERE account_id = ? AND principal_id = ?').run(u.arn, u.accountId, u.userId);
    });
  }

  async getUser(accountId: string, userName: string): Promise<IamUser | undefined> {
    return this.getEntity('user', accountId, userName);
  }

  async getUserById(accountId: string, userId: string): Promise<IamUser | undefined> {
    return this.getEntityById('user', accountId, userId);
  }

  async listUsers(accountId: string, opts: IamListOptions): Promise<Page<IamUser>> {
    return this.listEntities('user', accountId, opts);
  }

  async deleteUser(accountId: string, userId: string): Promise<void> {
    await this.change(accountId, (p) => this.deleteEntity('user', accountId, userId, p));
  }

  async putGroup(g: IamGroup): Promise<void> {
    await this.change(g.accountId, (p) => this.putEntity('group', g.accountId, g.groupId, g.groupName, g.path, g, p));
  }

  async getGroup(accountId: string, groupName: string): Promise<IamGroup | undefined> {
    return this.getEntity('group', accountId, groupName);
  }

  async listGroups(accountId: string, opts: IamListOptions): Promise<Page<IamGroup>> {
    return this.listEntities('group', accountId, opts);
  }

  async deleteGroup(accountId: string, groupId: string): Promise<void> {
    await this.change(accountId, (p) => this.deleteEntity('group', accountId, groupId, p));
  }

  async addGroupMember(accountId: string, groupId: string, userId: string): Promise<void> {
    await this.change(accountId, (p) =>
      p('INSERT OR IGNORE INTO iam_group_members (account_id, group_id, user_id) VALUES (?, ?, ?)').run(accountId, groupId, userId),
    );
  }

  async removeGroupMember(accountId: string, groupId: string, userId: string): Promise<boolean> {
    return this.changed(accountId, (p) =>
      p('DELETE FROM iam_group_members WHERE account_id = ? AND group_id = ? AND user_id = ?').run(accountId, groupId, userId).changes,
    );
  }

  async groupsOfUser(accountId: string, userId: string): Promise<IamGroup[]> {
    const rows = this.s
      .readStmt(
        `SELECT g.doc FROM iam_group_members m JOIN iam_groups g ON g.account_id = m.account_id AND g.id = m.group_id
         WHERE m.account_id = ? AND m.user_id = ? ORDER BY g.name_lower`,
      )
      .all(accountId, userId) as Doc[];
    return rows.map((r) => JSON.parse(r.doc) as IamGroup);
  }

  async groupMembers(accountId: string, groupId: string, opts: IamListOptions): Promise<Page<IamUser>> {
    const rows = this.s
      .readStmt(
        `SELECT u.doc, u.name_lower FROM iam_group_members m JOIN iam_users u ON u.account_id = m.account_id AND u.id = m.user_id
         WHERE m.account_id = ? AND m.group_id = ? AND u.name_lower > ? ORDER BY u.name_lower LIMIT ?`,
      )
      .all(accountId, groupId, opts.after ?? '', opts.limit + 1) as Doc[];
    return page<IamUser>(rows, opts.limit);
  }

  async putRole(r: IamRole): Promise<void> {
    await this.change(r.accountId, (p) => this.putEntity('role', r.accountId, r.roleId, r.roleName, r.path, r, p));
  }

  async getRole(accountId: string, roleName: string): Promise<IamRole | undefined> {
    return this.getEntity('role', accountId, roleName);
  }

  async getRoleById(accountId: string, roleId: string): Promise<IamRole | undefined> {
    return this.getEntityById('role', accountId, roleId);
  }

  async listRoles(accountId: string, opts: IamListOptions): Promise<Page<IamRole>> {
    return this.listEntities('role', accountId, opts);
  }

  async deleteRole(accountId: string, roleId: string): Promise<void> {
    await this.change(accountId, (p) => this.deleteEntity('role', accountId, roleId, p));
  }

  async principals(): Promise<{ arn: string; id: string }[]> {
    return this.s
      .readStmt(
        "SELECT json_extract(doc, '$.arn') AS arn, json_extract(doc, '$.userId') AS id FROM iam_users UNION ALL SELECT json_extract(doc, '$.arn'), json_extract(doc, '$.roleId') FROM iam_roles",
      )
      .all() as { arn: string; id: string }[];
  }

  // ---- inline policies --------------------------------------------------------------------------------------------

  async putInlinePolicy(ip: InlinePolicy): Promise<void> {
    await this.change(ip.accountId, (p) =>
      p(
        `INSERT INTO iam_inline_policies (account_id, owner_kind, owner_id, policy_name, document) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, owner_kind, owner_id, policy_name) DO UPDATE SET document = excluded.document`,
      ).run(ip.accountId, ip.kind, ip.ownerId, ip.policyName, ip.document),
    );
  }

  async getInlinePolicy(accountId: string, kind: EntityKind, ownerId: string, policyName: string): Promise<InlinePolicy | undefined> {
    const r = this.s
      .readStmt('SELECT document FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ? AND policy_name = ?')
      .get(accountId, kind, ownerId, policyName) as { document: string } | undefined;
    return r && { accountId, kind, ownerId, policyName, document: r.document };
  }

  async listInlinePolicies(accountId: string, kind: EntityKind, ownerId: string): Promise<InlinePolicy[]> {
    const rows = this.s
      .readStmt('SELECT policy_name, document FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ? ORDER BY policy_name')
      .all(accountId, kind, ownerId) as { policy_name: string; document: string }[];
    return rows.map((r) => ({ accountId, kind, ownerId, policyName: r.policy_name, document: r.document }));
  }

  async deleteInlinePolicy(accountId: string, kind: EntityKind, ownerId: string, policyName: string): Promise<boolean> {
    return this.changed(accountId, (p) =>
      p('DELETE FROM iam_inline_policies WHERE account_id = ? AND owner_kind = ? AND owner_id = ? AND policy_name = ?').run(
        accountId,
        kind,
        ownerId,
        policyName,
      ).changes,
    );
  }

  // ---- managed policies -------------------------------------------------------------------------------------------

  async putPolicy(mp: ManagedPolicy): Promise<void> {
    await this.change(mp.accountId, (p) =>
      p(
        `INSERT INTO iam_policies (account_id, arn, name_lower, path, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, arn) DO UPDATE SET doc = excluded.doc`,
      ).run(mp.accountId, mp.arn, mp.policyName.toLowerCase(), mp.path, JSON.stringify(mp)),
    );
  }

  async getPolicy(accountId: string, arn: string): Promise<ManagedPolicy | undefined> {
    const r = this.s.readStmt('SELECT doc FROM iam_policies WHERE account_id = ? AND arn = ?').get(accountId, arn) as Doc | undefined;
    return r && (JSON.parse(r.doc) as ManagedPolicy);
  }

  async getPolicyByName(accountId: string, policyName: string): Promise<ManagedPolicy | undefined> {
    const r = this.s.readStmt('SELECT doc FROM iam_policies WHERE account_id = ? AND name_lower = ?').get(accountId, policyName.toLowerCase()) as
      | Doc
      | undefined;
    return r && (JSON.parse(r.doc) as ManagedPolicy);
  }

  async listPolicies(accountId: string, opts: IamListOptions & { onlyAttached?: boolean }): Promise<Page<ManagedPolicy>> {
    const f = pathFilter(opts.pathPrefix);
    const attached = opts.onlyAttached
      ? ' AND EXISTS (SELECT 1 FROM iam_attachments a WHERE a.account_id = iam_policies.account_id AND a.policy_arn = iam_policies.arn)'
      : '';
    const rows = this.s
      .readStmt(`SELECT doc, name_lower FROM iam_policies WHERE account_id = ? AND name_lower > ?${f.sql}${attached} ORDER BY name_lower LIMIT ?`)
      .all(accountId, opts.after ?? '', ...f.args, opts.limit + 1) as Doc[];
    return page<ManagedPolicy>(rows, opts.limit);
  }

  async deletePolicy(accountId: string, arn: string): Promise<void> {
    await this.change(accountId, (p) => {
      p('DELETE FROM iam_policies WHERE account_id = ? AND arn = ?').run(accountId, arn);
      p('DELETE FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ?').run(accountId, arn);
    });
  }

  async putPolicyVersion(v: PolicyVersion): Promise<void> {
    await this.change(v.accountId, (p) =>
      p(
        `INSERT INTO iam_policy_versions (account_id, policy_arn, version_id, document, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, policy_arn, version_id) DO UPDATE SET document = excluded.document`,
      ).run(v.accountId, v.policyArn, v.versionId, v.document, v.createdAt),
    );
  }

  async getPolicyVersion(accountId: string, arn: string, versionId: string): Promise<PolicyVersion | undefined> {
    const r = this.s
      .readStmt('SELECT document, created_at FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ? AND version_id = ?')
      .get(accountId, arn, versionId) as { document: string; created_at: number } | undefined;
    return r && { accountId, policyArn: arn, versionId, document: r.document, createdAt: r.created_at };
  }

  async listPolicyVersions(accountId: string, arn: string): Promise<PolicyVersion[]> {
    const rows = this.s
      .readStmt('SELECT version_id, document, created_at FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ? ORDER BY rowid DESC')
      .all(accountId, arn) as { version_id: string; document: string; created_at: number }[];
    return rows.map((r) => ({ accountId, policyArn: arn, versionId: r.version_id, document: r.document, createdAt: r.created_at }));
  }

  async deletePolicyVersion(accountId: string, arn: string, versionId: string): Promise<boolean> {
    return this.changed(accountId, (p) =>
      p('DELETE FROM iam_policy_versions WHERE account_id = ? AND policy_arn = ? AND version_id = ?').run(accountId, arn, versionId).changes,
    );
  }

  // ---- attachments ------------------------------------------------------------------------------------------------

  async attachPolicy(accountId: string, kind: EntityKind, ownerId: string, policyArn: string): Promise<void> {
    await this.change(accountId, (p) =>
      p('INSERT OR IGNORE INTO iam_attachments (account_id, owner_kind, owner_id, policy_arn) VALUES (?, ?, ?, ?)').run(
        accountId,
        kind,
        ownerId,
        policyArn,
      ),
    );
  }

  async detachPolicy(accountId: string, kind: EntityKind, ownerId: string, policyArn: string): Promise<boolean> {
    return this.changed(accountId, (p) =>
      p('DELETE FROM iam_attachments WHERE account_id = ? AND owner_kind = ? AND owner_id = ? AND policy_arn = ?').run(
        accountId,
        kind,
        ownerId,
        policyArn,
      ).changes,
    );
  }

  async attachedPolicies(accountId: string, kind: EntityKind, ownerId: string): Promise<string[]> {
    const rows = this.s
      .readStmt('SELECT policy_arn FROM iam_attachments WHERE account_id = ? AND owner_kind = ? AND owner_id = ? ORDER BY rowid')
      .all(accountId, kind, ownerId) as { policy_arn: string }[];
    return rows.map((r) => r.policy_arn);
  }

  async attachmentCount(accountId: string, policyArn: string): Promise<number> {
    const r = this.s.readStmt('SELECT COUNT(*) AS n FROM iam_attachments WHERE account_id = ? AND policy_arn = ?').get(accountId, policyArn) as {
      n: number;
    };
    return r.n;
  }

  // ---- STS sessions -----------------------------------------------------------------------------------------------

  async putSession(x: SessionRecord): Promise<void> {
    await this.s.write((p) =>
      p(
        `INSERT INTO iam_sessions (access_key_id, account_id, principal, sealed_secret, token_hash, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(x.accessKeyId, x.accountId, JSON.stringify(x.principal), x.sealedSecret, x.tokenHash, x.createdAt, x.expiresAt),
    );
  }

  async getSession(accessKeyId: string): Promise<SessionRecord | undefined> {
    const r = this.s.readStmt('SELECT * FROM iam_sessions WHERE access_key_id = ?').get(accessKeyId) as SessionRow | undefined;
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
    return this.s.write((p) => p('DELETE FROM iam_sessions WHERE expires_at < ?').run(time).changes);
  }
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
