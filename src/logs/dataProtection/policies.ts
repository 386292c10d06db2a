/** Where data protection policies are kept, and the masker a log group's reads use. */
import type { LogsCore } from '../core.js';
import type { LogGroupRecord } from '../model.js';
import { Masker, NO_MASKING, type MaskRule } from './mask.js';
import { compiledPolicy } from './policy.js';

export const DATA_PROTECTION_POLICY = 'DATA_PROTECTION_POLICY';
export const ACCOUNT_TARGET = 'account';

export function groupTarget(group: LogGroupRecord): string {
  return `group:${group.id}`;
}

/**
 * The masker of a group's reads: the group's own data protection policy and the account's, each applying to events
 * ingested since it was first put (AWS masks at ingestion, so events that arrived before a policy stay unmasked).
 */
export async function maskerFor(core: LogsCore, group: LogGroupRecord): Promise<Masker> {
  const store = core.store.logPolicies;
  const policies = [
    ...(await store.listPolicies(group.accountId, group.region, groupTarget(group), DATA_PROTECTION_POLICY)),
    ...(await store.listPolicies(group.accountId, group.region, ACCOUNT_TARGET, DATA_PROTECTION_POLICY)),
  ];
  if (policies.length === 0) return NO_MASKING;
  const rules: MaskRule[] = [];
  for (const p of policies) for (const identifier of compiledPolicy(p.document).identifiers) rules.push({ identifier, since: p.createdAt });
  return new Masker(rules);
}
