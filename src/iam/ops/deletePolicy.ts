import type { RequestContext } from '../../common/operation.js';
import { DeleteConflictException, type DeletePolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';

/** IAM deletes only a detached policy left with its default version alone. */
export async function deletePolicy(core: IamCore, input: DeletePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const policy = await core.mustPolicy(accountId, input.PolicyArn);
  if ((await core.store.iam.attachmentCount(accountId, policy.arn)) > 0) throw new DeleteConflictException(messages.policyAttached);
  if ((await core.store.iam.listPolicyVersions(accountId, policy.arn)).length > 1) throw new DeleteConflictException(messages.policyHasVersions);
  await core.store.iam.deletePolicy(accountId, policy.arn);
  return {};
}
