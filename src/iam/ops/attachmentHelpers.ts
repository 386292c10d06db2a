/** What Attach/Detach/ListAttached{User,Group,Role}Policies share: they differ only in the owner's kind. */
import type { RequestContext } from '../../common/operation.js';
import { LimitExceededException, NoSuchEntityException, type AttachedPolicy } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { ValidationError } from '../errors.js';
import { messages } from '../messages.js';
import type { EntityKind } from '../model.js';
import { looksLikeArn } from '../names.js';
import { pageOf, pageTail, type PageRequest } from '../paging.js';

const MAX_ATTACHED = 10;

function checkArn(arn: string): void {
  if (!looksLikeArn(arn)) throw new ValidationError(messages.invalidArn(arn));
}

/** Attaching a policy that is already attached is not an error. */
export async function attachPolicy(core: IamCore, ctx: RequestContext, kind: EntityKind, entityName: string, policyArn: string): Promise<void> {
  checkArn(policyArn);
  const accountId = ctx.principal.accountId;
  const owner = await core.mustEntity(accountId, kind, entityName);
  if (!(await core.store.iam.getPolicy(accountId, policyArn))) throw new NoSuchEntityException(messages.policyNotAttachable(policyArn));
  const attached = await core.store.iam.attachedPolicies(accountId, kind, owner.id);
  if (attached.includes(policyArn)) return;
  if (attached.length >= MAX_ATTACHED) throw new LimitExceededException(messages.attachedPolicyQuota(kind));
  await core.store.iam.attachPolicy(accountId, kind, owner.id, policyArn);
}

export async function detachPolicy(core: IamCore, ctx: RequestContext, kind: EntityKind, entityName: string, policyArn: string): Promise<void> {
  checkArn(policyArn);
  const accountId = ctx.principal.accountId;
  const owner = await core.mustEntity(accountId, kind, entityName);
  if (!(await core.store.iam.detachPolicy(accountId, kind, owner.id, policyArn))) throw new NoSuchEntityException(messages.policyNotFound(policyArn));
}

export async function listAttachedPolicies(
  core: IamCore,
  ctx: RequestContext,
  kind: EntityKind,
  entityName: string,
  input: PageRequest & { PathPrefix?: string },
): Promise<{ AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string }> {
  const accountId = ctx.principal.accountId;
  const owner = await core.mustEntity(accountId, kind, entityName);
  const attached: AttachedPolicy[] = [];
  for (const arn of await core.store.iam.attachedPolicies(accountId, kind, owner.id)) {
    const p = await core.store.iam.getPolicy(accountId, arn);
    if (p && (input.PathPrefix === undefined || p.path.startsWith(input.PathPrefix))) attached.push({ PolicyName: p.policyName, PolicyArn: p.arn });
  }
  const page = pageOf(attached, input, (a) => a.PolicyArn!);
  return { AttachedPolicies: page.items, ...pageTail(page) };
}
