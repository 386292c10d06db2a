import type { LogPolicyRecord, LogPolicyStore } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

interface PolicyRow {
  account_id: string;
  region: string;
  target: string;
  policy_type: string;
  policy_name: string;
  document: string;
  scope: string | null;
  selection_criteria: string | null;
  created_at: number;
  updated_at: number;
}

function toPolicy(r: PolicyRow): LogPolicyRecord {
  const p: LogPolicyRecord = {
    accountId: r.account_id,
    region: r.region,
    target: r.target,
    policyType: r.policy_type,
    policyName: r.policy_name,
    document: r.document,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.scope !== null) p.scope = r.scope;
  if (r.selection_criteria !== null) p.selectionCriteria = r.selection_criteria;
  return p;
}

export class SqliteLogPolicyStore implements LogPolicyStore {
  constructor(private readonly s: SqliteStore) {}

  async putPolicy(p: LogPolicyRecord): Promise<LogPolicyRecord> {
    return this.s.write((prep) => {
      const row = prep(
        `INSERT INTO log_policies (account_id, region, target, policy_type, policy_name, document, scope, selection_criteria, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, target, policy_type, policy_name) DO UPDATE SET document = excluded.document,
           scope = excluded.scope, selection_criteria = excluded.selection_criteria, updated_at = excluded.updated_at
         RETURNING *`,
      ).get(p.accountId, p.region, p.target, p.policyType, p.policyName, p.document, p.scope ?? null, p.selectionCriteria ?? null, p.createdAt, p.updatedAt) as PolicyRow;
      return toPolicy(row);
    });
  }

  async listPolicies(accountId: string, region: string, target: string, policyType: string): Promise<LogPolicyRecord[]> {
    const rows = this.s
      .readStmt('SELECT * FROM log_policies WHERE account_id = ? AND region = ? AND target = ? AND policy_type = ? ORDER BY policy_name')
      .all(accountId, region, target, policyType) as PolicyRow[];
    return rows.map(toPolicy);
  }

  async deletePolicies(accountId: string, region: string, target: string, policyType: string, policyName?: string): Promise<number> {
    return this.s.write((prep) =>
      policyName === undefined
        ? prep('DELETE FROM log_policies WHERE account_id = ? AND region = ? AND target = ? AND policy_type = ?').run(accountId, region, target, policyType).changes
        : prep('DELETE FROM log_policies WHERE account_id = ? AND region = ? AND target = ? AND policy_type = ? AND policy_name = ?').run(
            accountId,
            region,
            target,
            policyType,
            policyName,
          ).changes,
    );
  }

  async deleteTarget(accountId: string, region: string, target: string): Promise<void> {
    await this.s.write((prep) => prep('DELETE FROM log_policies WHERE account_id = ? AND region = ? AND target = ?').run(accountId, region, target));
  }
}
