import type { LogPolicyRecord, LogPolicyStore } from '../types.js';
import type { SqlDriver } from './driver.js';

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
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
  if (r.scope !== null) p.scope = r.scope;
  if (r.selection_criteria !== null) p.selectionCriteria = r.selection_criteria;
  return p;
}

/** CloudWatch Logs policies of log groups and accounts, written once for both adapters (see `driver.ts`). */
export class SqlLogPolicyStore implements LogPolicyStore {
  constructor(private readonly d: SqlDriver) {}

  async putPolicy(p: LogPolicyRecord): Promise<LogPolicyRecord> {
    const r = await this.d.exec<PolicyRow>(
      `INSERT INTO log_policies (account_id, region, target, policy_type, policy_name, document, scope, selection_criteria, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, target, policy_type, policy_name) DO UPDATE SET document = excluded.document,
         scope = excluded.scope, selection_criteria = excluded.selection_criteria, updated_at = excluded.updated_at
       RETURNING *`,
      [p.accountId, p.region, p.target, p.policyType, p.policyName, p.document, p.scope ?? null, p.selectionCriteria ?? null, p.createdAt, p.updatedAt],
    );
    return toPolicy(r.rows[0]!);
  }

  async listPolicies(accountId: string, region: string, target: string, policyType: string): Promise<LogPolicyRecord[]> {
    const rows = await this.d.all<PolicyRow>(
      'SELECT * FROM log_policies WHERE account_id = ? AND region = ? AND target = ? AND policy_type = ? ORDER BY policy_name',
      [accountId, region, target, policyType],
    );
    return rows.map(toPolicy);
  }

  async deletePolicies(accountId: string, region: string, target: string, policyType: string, policyName?: string): Promise<number> {
    const r =
      policyName === undefined
        ? await this.d.exec('DELETE FROM log_policies WHERE account_id = ? AND region = ? AND target = ? AND policy_type = ?', [accountId, region, target, policyType])
        : await this.d.exec('DELETE FROM log_policies WHERE account_id = ? AND region = ? AND target = ? AND policy_type = ? AND policy_name = ?', [
            accountId,
            region,
            target,
            policyType,
            policyName,
          ]);
    return r.changes;
  }

  async deleteTarget(accountId: string, region: string, target: string): Promise<void> {
    await this.d.exec('DELETE FROM log_policies WHERE account_id = ? AND region = ? AND target = ?', [accountId, region, target]);
  }
}
