import type { RequestContext } from '../../common/operation.js';
import { LimitExceededException, type CreatePolicyVersionRequest, type CreatePolicyVersionResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { validateIdentityPolicy } from '../documents.js';
import { messages } from '../messages.js';
import type { PolicyVersion } from '../model.js';
import { policyVersionShape } from '../wire.js';
import { MAX_POLICY_VERSIONS } from './policyHelpers.js';

/** Version ids keep counting up (v6 after v1–v5 even when some were deleted). */
export async function createPolicyVersion(core: IamCore, input: CreatePolicyVersionRequest, ctx: RequestContext): Promise<CreatePolicyVersionResponse> {
  const accountId = ctx.principal.accountId;
  const policy = await core.mustPolicy(accountId, input.PolicyArn);
  validateIdentityPolicy(input.PolicyDocument, { managed: true });
  if ((await core.store.iam.listPolicyVersions(accountId, policy.arn)).length >= MAX_POLICY_VERSIONS) {
    throw new LimitExceededException(messages.policyVersionLimit);
  }
  const now = core.clock.now();
  const version: PolicyVersion = { accountId, policyArn: policy.arn, versionId: `v${policy.nextVersion}`, document: input.PolicyDocument, createdAt: now };
  const setAsDefault = input.SetAsDefault === true;
  await core.store.iam.putPolicyVersion(version);
  await core.store.iam.putPolicy({
    ...policy,
    nextVersion: policy.nextVersion + 1,
    defaultVersionId: setAsDefault ? version.versionId : policy.defaultVersionId,
    updatedAt: setAsDefault ? now : policy.updatedAt,
  });
  return { PolicyVersion: policyVersionShape(version, setAsDefault, false) };
}
