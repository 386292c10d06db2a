/**
 * The one place where IAM domain records become wire shapes. Which members each operation returns follows recorded
 * AWS responses: e.g. CreateRole omits MaxSessionDuration and Description that GetRole returns, list operations omit
 * tags, GetPolicy always has `Tags` (possibly empty).
 */
import type { AccessKeyRecord } from '../store/types.js';
import type { AccessKeyMetadata, Group, Policy, PolicyVersion as WirePolicyVersion, Role, Tag, User } from '../protocol/generated/iam.js';
import type { IamGroup, IamRole, IamTag, IamUser, ManagedPolicy, PolicyVersion } from './model.js';

/** IAM prints whole seconds. */
export function iamDate(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

/** IAM returns policy documents URL-encoded (clients such as the AWS CLI decode them). */
export function encodeDocument(document: string): string {
  return encodeURIComponent(document);
}

/** Tags as IAM lists them: ordered by key. */
export function wireTags(tags: IamTag[]): Tag[] {
  return [...tags].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((t) => ({ Key: t.key, Value: t.value }));
}

export function userShape(u: IamUser, withTags: boolean): User {
  const w: User = { Path: u.path, UserName: u.userName, UserId: u.userId, Arn: u.arn, CreateDate: iamDate(u.createdAt) };
  if (withTags && u.tags.length > 0) w.Tags = wireTags(u.tags);
  return w;
}

export function groupShape(g: IamGroup): Group {
  return { Path: g.path, GroupName: g.groupName, GroupId: g.groupId, Arn: g.arn, CreateDate: iamDate(g.createdAt) };
}

/** `create`: what CreateRole returns; `get`: GetRole; `list`: ListRoles entries. */
export function roleShape(r: IamRole, view: 'create' | 'get' | 'list'): Role {
  const w: Role = {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: iamDate(r.createdAt),
    AssumeRolePolicyDocument: encodeDocument(r.assumeRolePolicy),
  };
  if (view !== 'create') {
    if (r.description !== undefined) w.Description = r.description;
    w.MaxSessionDuration = r.maxSessionDuration;
  }
  if (view !== 'list' && r.tags.length > 0) w.Tags = view === 'get' ? wireTags(r.tags) : r.tags.map((t) => ({ Key: t.key, Value: t.value }));
  if (view === 'get') w.RoleLastUsed = r.lastUsed ? { LastUsedDate: iamDate(r.lastUsed.at), Region: r.lastUsed.region } : {};
  return w;
}

/** `create`: CreatePolicy (tags as given, no description); `get`: GetPolicy; `list`: ListPolicies entries. */
export function policyShape(p: ManagedPolicy, attachmentCount: number, view: 'create' | 'get' | 'list'): Policy {
  const w: Policy = {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: iamDate(p.createdAt),
    UpdateDate: iamDate(p.updatedAt),
  };
  if (view === 'get' && p.description !== undefined) w.Description = p.description;
  if (view === 'get') w.Tags = wireTags(p.tags);
  if (view === 'create' && p.tags.length > 0) w.Tags = p.tags.map((t) => ({ Key: t.key, Value: t.value }));
  return w;
}

export function policyVersionShape(v: PolicyVersion, isDefault: boolean, withDocument: boolean): WirePolicyVersion {
  const w: WirePolicyVersion = { VersionId: v.versionId, IsDefaultVersion: isDefault, CreateDate: iamDate(v.createdAt) };
  if (withDocument) w.Document = encodeDocument(v.document);
  return w;
}

/** `userName` is absent for the account root's own keys. */
export function accessKeyMetadata(k: AccessKeyRecord, userName: string | undefined): AccessKeyMetadata {
  const w: AccessKeyMetadata = { AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: iamDate(k.createdAt) };
  if (userName !== undefined) w.UserName = userName;
  return w;
}
