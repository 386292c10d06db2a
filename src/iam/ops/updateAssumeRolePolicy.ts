import type { RequestContext } from '../../common/operation.js';
import type { UpdateAssumeRolePolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { validateTrustPolicy } from '../documents.js';

export async function updateAssumeRolePolicy(core: IamCore, input: UpdateAssumeRolePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const role = await core.mustRole(ctx.principal.accountId, input.RoleName);
  const trust = validateTrustPolicy(input.PolicyDocument, core.principalExists);
  await core.store.iam.putRole({ ...role, assumeRolePolicy: input.PolicyDocument, trustPrincipals: core.bindTrust(trust) });
  return {};
}
