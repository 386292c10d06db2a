import type { LogResourcePolicyRecord, LogResourcePolicyStore } from '../types.js';
import type { SqlDriver } from './driver.js';

interface Row {
  account_id: string;
  region: string;
  policy_scope: string;
  policy_key: string;
  group_id: number | null;
  document: string;
  revision_id: string | null;
  updated_at: number;
}

function toRecord(r: Row): LogResourcePolicyRecord {
  const p: LogResourcePolicyRecord = {
    accountId: r.account_id,
    region: r.region,
    scope: r.policy_scope as LogResourcePolicyRecord['scope'],
    key: r.policy_key,
    document: r.document,
    updatedAt: Number(r.updated_at),
  };
  if (r.group_id !== null) p.groupId = Number(r.group_id);
  if (r.revision_id !== null) p.revisionId = r.revision_id;
  return p;
}

const COLUMNS = 'account_id, region, policy_scope, policy_key, group_id, document, revision_id, updated_at';

/** CloudWatch Logs resource policies, written once for both adapters (see `driver.ts`). */
export class SqlLogResourcePolicyStore implements LogResourcePolicyStore {
  constructor(private readonly d: SqlDriver) {}

  async get(accountId: string, region: string, scope: LogResourcePolicyRecord['scope'], key: string): Promise<LogResourcePolicyRecord | undefined> {
    const r = await this.d.get<Row>(`SELECT ${COLUMNS} FROM log_resource_policies WHERE account_id = ? AND region = ? AND policy_scope = ? AND policy_key = ?`, [
      accountId,
      region,
      scope,
      key,
    ]);
    return r ? toRecord(r) : undefined;
  }

  async list(accountId: string, region: string, scope: LogResourcePolicyRecord['scope'], limit: number, after?: string): Promise<LogResourcePolicyRecord[]> {
    const rows =
      after === undefined
        ? await this.d.all<Row>(`SELECT ${COLUMNS} FROM log_resource_policies WHERE account_id = ? AND region = ? AND policy_scope = ? ORDER BY policy_key LIMIT ?`, [
            accountId,
            region,
            scope,
            limit,
          ])
        : await this.d.all<Row>(
            `SELECT ${COLUMNS} FROM log_resource_policies WHERE account_id = ? AND region = ? AND policy_scope = ? AND policy_key > ? ORDER BY policy_key LIMIT ?`,
            [accountId, region, scope, after, limit],
          );
    return rows.map(toRecord);
  }

  async count(accountId: string, region: string, scope: LogResourcePolicyRecord['scope']): Promise<number> {
    const r = await this.d.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM log_resource_policies WHERE account_id = ? AND region = ? AND policy_scope = ?', [
      accountId,
      region,
      scope,
    ]);
    return Number(r?.n ?? 0);
  }

  async forGroup(accountId: string, region: string, groupArn: string): Promise<LogResourcePolicyRecord[]> {
    const rows = await this.d.all<Row>(
      `SELECT ${COLUMNS} FROM log_resource_policies WHERE account_id = ? AND region = ?
         AND (policy_scope = 'ACCOUNT' OR (policy_scope = 'RESOURCE' AND policy_key = ?)) ORDER BY policy_scope, policy_key`,
      [accountId, region, groupArn],
    );
    return rows.map(toRecord);
  }

  async put(p: LogResourcePolicyRecord, expectedRevisionId?: string): Promise<boolean> {
    const values = [p.accountId, p.region, p.scope, p.key, p.groupId ?? null, p.document, p.revisionId ?? null, p.updatedAt];
    if (p.scope === 'ACCOUNT') {
      await this.d.exec(
        `INSERT INTO log_resource_policies (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, policy_scope, policy_key) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
        values,
      );
      return true;
    }
    // Conditional writes as single statements, so that two instances racing on one revision cannot both win.
    if (expectedRevisionId === undefined) {
      const r = await this.d.exec(
        `INSERT INTO log_resource_policies (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, policy_scope, policy_key) DO NOTHING`,
        values,
      );
      return r.changes === 1;
    }
    const r = await this.d.exec(
      `UPDATE log_resource_policies SET document = ?, revision_id = ?, updated_at = ?, group_id = ?
       WHERE account_id = ? AND region = ? AND policy_scope = ? AND policy_key = ? AND revision_id = ?`,
      [p.document, p.revisionId ?? null, p.updatedAt, p.groupId ?? null, p.accountId, p.region, p.scope, p.key, expectedRevisionId],
    );
    return r.changes === 1;
  }

  async delete(accountId: string, region: string, scope: LogResourcePolicyRecord['scope'], key: string, expectedRevisionId?: string): Promise<boolean> {
    const base = 'DELETE FROM log_resource_policies WHERE account_id = ? AND region = ? AND policy_scope = ? AND policy_key = ?';
    const r =
      expectedRevisionId === undefined
        ? await this.d.exec(base, [accountId, region, scope, key])
        : await this.d.exec(`${base} AND revision_id = ?`, [accountId, region, scope, key, expectedRevisionId]);
    return r.changes === 1;
  }
}
