import type { RequestContext } from '../../common/operation.js';
import type { GetPolicyVersionRequest, GetPolicyVersionResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { policyVersionShape } from '../wire.js';
import { mustPolicyVersion } from './policyHelpers.js';

export async function getPolicyVersion(core: IamCore, input: GetPolicyVersionRequest, ctx: RequestContext): Promise<GetPolicyVersionResponse> {
  const { policy, version } = await mustPolicyVersion(core, ctx.principal.accountId, input.PolicyArn, input.VersionId);
  return { PolicyVersion: policyVersionShape(version, version.versionId === policy.defaultVersionId, true) };
}
