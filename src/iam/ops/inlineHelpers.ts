/** What the Put/Get/List/Delete{User,Group,Role}Policy operations share: they differ only in the owner's kind. */
import type { RequestContext } from '../../common/operation.js';
import { LimitExceededException, NoSuchEntityException } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { policySize, validateIdentityPolicy } from '../documents.js';
import { INLINE_POLICY_LIMITS, messages } from '../messages.js';
import type { EntityKind } from '../model.js';
import { pageOf, pageTail, type PageRequest } from '../paging.js';
import { encodeDocument } from '../wire.js';

/** Adds or replaces an inline policy; all of an entity's inline policies together are size-limited. */
export async function putInlinePolicy(core: IamCore, ctx: RequestContext, kind: EntityKind, entityName: string, policyName: string, document: string): Promise<void> {
  const accountId = ctx.principal.accountId;
  const owner = await core.mustEntity(accountId, kind, entityName);
  validateIdentityPolicy(document, { managed: false });
  const others = (await core.store.iam.listInlinePolicies(accountId, kind, owner.id)).filter((p) => p.policyName !== policyName);
  const total = others.reduce((n, p) => n + policySize(p.document), policySize(document));
  if (total > INLINE_POLICY_LIMITS[kind]) throw new LimitExceededException(messages.inlinePolicySize(kind, owner.name));
  await core.store.iam.putInlinePolicy({ accountId, kind, ownerId: owner.id, policyName, document });
}

/** The owner's name as stored and the policy document, URL-encoded as IAM returns it. */
export async function getInlinePolicy(
  core: IamCore,
  ctx: RequestContext,
  kind: EntityKind,
  entityName: string,
  policyName: string,
): Promise<{ ownerName: string; PolicyName: string; PolicyDocument: string }> {
  const accountId = ctx.principal.accountId;
  const owner = await core.mustEntity(accountId, kind, entityName);
  const p = await core.store.iam.getInlinePolicy(accountId, kind, owner.id, policyName);
  if (!p) throw new NoSuchEntityException(messages.inlinePolicyNotFound(kind, policyName));
  return { ownerName: owner.name, PolicyName: p.policyName, PolicyDocument: encodeDocument(p.document) };
}

export async function listInlinePolicies(
  core: IamCore,
  ctx: RequestContext,
  kind: EntityKind,
  entityName: string,
  input: PageRequest,
): Promise<{ PolicyNames: string[]; IsTruncated: boolean; Marker?: string }> {
  const accountId = ctx.principal.accountId;
  const owner = await core.mustEntity(accountId, kind, entityName);
  const names = (await core.store.iam.listInlinePolicies(accountId, kind, owner.id)).map((p) => p.policyName);
  const page = pageOf(names, input, (n) => n);
  return { PolicyNames: page.items, ...pageTail(page) };
}

export async function deleteInlinePolicy(core: IamCore, ctx: RequestContext, kind: EntityKind, entityName: string, policyName: string): Promise<void> {
  const accountId = ctx.principal.accountId;
  const owner = await core.mustEntity(accountId, kind, entityName);
  if (!(await core.store.iam.deleteInlinePolicy(accountId, kind, owner.id, policyName))) {
    throw new NoSuchEntityException(messages.inlinePolicyNotFound(kind, policyName));
  }
}
