/** What the managed-policy operations share. */
import { InvalidInputException, NoSuchEntityException, type Tag } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { ValidationError } from '../errors.js';
import { messages } from '../messages.js';
import type { IamTag, ManagedPolicy, PolicyVersion } from '../model.js';
import { looksLikeArn } from '../names.js';

export const MAX_POLICY_VERSIONS = 5;

/** Managed policy tag keys are case-sensitive (`a` and `A` may both be set). */
export function policyTagsFrom(tags: Tag[] | undefined): IamTag[] {
  const seen = new Set<string>();
  return (tags ?? []).map((t) => {
    if (seen.has(t.Key)) throw new InvalidInputException(messages.policyDuplicateTagKeys);
    seen.add(t.Key);
    return { key: t.Key, value: t.Value };
  });
}

/** A policy and one of its versions; IAM gives the same error whether the policy or the version is missing. */
export async function mustPolicyVersion(core: IamCore, accountId: string, arn: string, versionId: string): Promise<{ policy: ManagedPolicy; version: PolicyVersion }> {
  if (!looksLikeArn(arn)) throw new ValidationError(messages.invalidArn(arn));
  const policy = await core.store.iam.getPolicy(accountId, arn);
  const version = policy && (await core.store.iam.getPolicyVersion(accountId, arn, versionId));
  if (!policy || !version) throw new NoSuchEntityException(messages.policyVersionNotFound(arn, versionId));
  return { policy, version };
}
