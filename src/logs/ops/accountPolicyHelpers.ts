import type { AccountPolicy } from '../../protocol/generated/logs.js';
import type { LogPolicyRecord } from '../../store/types.js';

export function accountPolicyEntry(p: LogPolicyRecord): AccountPolicy {
  const e: AccountPolicy = {
    policyName: p.policyName,
    policyDocument: p.document,
    lastUpdatedTime: p.updatedAt,
    policyType: p.policyType as AccountPolicy['policyType'],
    accountId: p.accountId,
  };
  if (p.scope !== undefined) e.scope = p.scope as AccountPolicy['scope'];
  if (p.selectionCriteria !== undefined) e.selectionCriteria = p.selectionCriteria;
  return e;
}
