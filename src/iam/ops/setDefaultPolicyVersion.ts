import type { RequestContext } from '../../common/operation.js';
import type { SetDefaultPolicyVersionRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { mustPolicyVersion } from './policyHelpers.js';

export async function setDefaultPolicyVersion(core: IamCore, input: SetDefaultPolicyVersionRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const { policy, version } = await mustPolicyVersion(core, ctx.principal.accountId, input.PolicyArn, input.VersionId);
  await core.store.iam.putPolicy({ ...policy, defaultVersionId: version.versionId, updatedAt: core.clock.now() });
  return {};
}
