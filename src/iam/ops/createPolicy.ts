import type { RequestContext } from '../../common/operation.js';
import { EntityAlreadyExistsException, type CreatePolicyRequest, type CreatePolicyResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { validateIdentityPolicy } from '../documents.js';
import { messages } from '../messages.js';
import type { ManagedPolicy } from '../model.js';
import { iamArn, newIamId } from '../names.js';
import { policyShape } from '../wire.js';
import { policyTagsFrom } from './policyHelpers.js';

/** A customer managed policy with its first version `v1`. Names are unique in the account, whatever the path. */
export async function createPolicy(core: IamCore, input: CreatePolicyRequest, ctx: RequestContext): Promise<CreatePolicyResponse> {
  const accountId = ctx.principal.accountId;
  const tags = policyTagsFrom(input.Tags);
  validateIdentityPolicy(input.PolicyDocument, { managed: true });
  if (await core.store.iam.getPolicyByName(accountId, input.PolicyName)) throw new EntityAlreadyExistsException(messages.policyExists(input.PolicyName));
  const path = input.Path ?? '/';
  const now = core.clock.now();
  const policy: ManagedPolicy = {
    accountId,
    policyId: newIamId('policy'),
    policyName: input.PolicyName,
    path,
    arn: iamArn(accountId, 'policy', path, input.PolicyName),
    defaultVersionId: 'v1',
    nextVersion: 2,
    tags,
    createdAt: now,
    updatedAt: now,
  };
  if (input.Description !== undefined) policy.description = input.Description;
  await core.store.iam.putPolicy(policy);
  await core.store.iam.putPolicyVersion({ accountId, policyArn: policy.arn, versionId: 'v1', document: input.PolicyDocument, createdAt: now });
  return { Policy: policyShape(policy, 0, 'create') };
}
