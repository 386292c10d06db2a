import type { RequestContext } from '../../common/operation.js';
import { DeleteConflictException, type DeletePolicyVersionRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';
import { mustPolicyVersion } from './policyHelpers.js';

export async function deletePolicyVersion(core: IamCore, input: DeletePolicyVersionRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const { policy, version } = await mustPolicyVersion(core, accountId, input.PolicyArn, input.VersionId);
  if (version.versionId === policy.defaultVersionId) throw new DeleteConflictException(messages.deleteDefaultVersion);
  await core.store.iam.deletePolicyVersion(accountId, policy.arn, version.versionId);
  return {};
}
