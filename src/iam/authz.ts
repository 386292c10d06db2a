/**
 * The IAM action and resource of every IAM operation, for `src/auth/authorize.ts`, and the identity source the
 * authorizer reads (identity policies, principal tags).
 *
 * Policies are matched against the entity's ARN, path included (`arn:aws:iam::A:user/ops/alice`); denials name the
 * resource as IAM does, copied from recorded AWS responses:
 * - an existing user, group or role: `user alice`, `group admins`, `role deployer` (GetUser, ListAccessKeys,
 *   PutUserPolicy, GetGroup, GetRole, AttachRolePolicy, …);
 * - the access-key operations on the caller's own user (no UserName): `user null` + the name, an artefact of IAM
 *   itself, recorded for CreateAccessKey and ListAccessKeys ("user nullweb_admin"); GetUser says `user NAME`;
 * - an entity being created: its full ARN (CreateUser, CreateRole, CreateGroup); a managed policy being created:
 *   `policy NAME`; an existing managed policy: `policy ARN` (GetPolicy, CreatePolicyVersion);
 * - lists: the ARN prefix they list (`arn:aws:iam::A:user/`, `…:role/`, `…:group/`, plus a PathPrefix), and
 *   ListPolicies `policy path /` (checked on `*`: the action has no resource type).
 * `aws:ResourceTag/…` carries a user's, role's or managed policy's tags; attach and detach add `iam:PolicyARN`.
 */
import type { IdentitySource, Permission, PermissionMap, PermissionRule } from '../auth/authorize.js';
import { requestTagKeys } from '../auth/authorize.js';
import type { Principal } from '../auth/identity.js';
import type { RequestContext } from '../common/operation.js';
import type { IamCore } from './core.js';
import { AccessDenied } from './errors.js';
import type { IamTag } from './model.js';
import { iamArn } from './names.js';
import { refuseSessionTokenCredentials } from './sessionTokenCredentials.js';

/** IAM and STS answer a denial with AccessDenied (HTTP 403). */
export const iamDenied = (message: string) => new AccessDenied(message);

/** The caller's identity policies and IAM tags, as IAM keeps them. */
export function iamIdentities(core: IamCore): IdentitySource {
  return {
    policiesFor: (p) => core.policies.policiesFor(p),
    principalTags: (p) => principalTags(core, p),
  };
}

/** A user's tags, or a role session's role's (session tags are not supported). */
async function principalTags(core: IamCore, p: Principal): Promise<Record<string, string>> {
  if (p.type === 'user') return tagRecord((await core.store.iam.getUserById(p.accountId, p.userId))?.tags);
  if (p.type === 'assumed-role') {
    const roleId = p.userId.slice(0, p.userId.indexOf(':'));
    return tagRecord((await core.store.iam.getRoleById(p.accountId, roleId))?.tags);
  }
  return {};
}

function tagRecord(tags: readonly IamTag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));
}

function wireTags(tags: readonly { Key: string; Value: string }[] | undefined): Record<string, string> | undefined {
  return tags && Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/** How an entity is matched (its ARN, `/` as path when it does not exist) and named in a denial. */
interface Target {
  arn: string;
  shownAs: string;
  tags?: Record<string, string>;
  /** Users: the path, `/` when the user does not exist. */
  path?: string;
}

class Targets {
  constructor(private readonly core: IamCore) {}

  async user(accountId: string, name: string, shownAs = `user ${name}`): Promise<Target> {
    const u = await this.core.store.iam.getUser(accountId, name);
    return { arn: u?.arn ?? iamArn(accountId, 'user', '/', name), shownAs, tags: tagRecord(u?.tags), path: u?.path ?? '/' };
  }

  async group(accountId: string, name: string): Promise<Target> {
    const g = await this.core.store.iam.getGroup(accountId, name);
    return { arn: g?.arn ?? iamArn(accountId, 'group', '/', name), shownAs: `group ${name}` };
  }

  async role(accountId: string, name: string): Promise<Target> {
    const r = await this.core.store.iam.getRole(accountId, name);
    return { arn: r?.arn ?? iamArn(accountId, 'role', '/', name), shownAs: `role ${name}`, tags: tagRecord(r?.tags) };
  }

  async policy(accountId: string, arn: string): Promise<Target> {
    const p = await this.core.store.iam.getPolicy(accountId, arn);
    return { arn, shownAs: `policy ${arn}`, tags: tagRecord(p?.tags) };
  }

  /**
   * The user an access-key operation is about: the one named, else the calling user (`user null<name>` in denials,
   * as IAM words it). A role session naming no user is refused by the operation (ValidationError): undefined.
   */
  async keyOwner(ctx: RequestContext, userName: string | undefined): Promise<Target | undefined> {
    const p = ctx.principal;
    if (userName !== undefined) return this.user(p.accountId, userName);
    const self = await this.self(ctx);
    return self && { ...self, shownAs: `user null${self.shownAs.slice('user '.length)}` };
  }

  /** The calling user, found by id (its name may have changed since the credentials were issued). */
  async self(ctx: RequestContext): Promise<Target | undefined> {
    const p = ctx.principal;
    if (p.type !== 'user') return undefined;
    const u = await this.core.store.iam.getUserById(p.accountId, p.userId);
    const name = u?.userName ?? p.name ?? p.userId;
    return { arn: u?.arn ?? p.arn, shownAs: `user ${name}`, tags: tagRecord(u?.tags) };
  }
}

function permission(action: string, t: Target, context?: Record<string, unknown>): Permission {
  const perm: Permission = { action, resource: t.arn, shownAs: t.shownAs, resourceTags: () => t.tags };
  if (context) perm.context = context;
  return perm;
}

/** The prefix a List operation lists: `arn:aws:iam::A:user/` or, with a PathPrefix, `arn:aws:iam::A:user/ops/`. */
function listed(action: string, ctx: RequestContext, kind: 'user' | 'group' | 'role', pathPrefix: string | undefined): Permission {
  const arn = `arn:aws:iam::${ctx.principal.accountId}:${kind}${pathPrefix ?? '/'}`;
  return { action, resource: arn };
}

/**
 * The permissions of every IAM operation. Each rule first refuses GetSessionToken credentials, so that IAM's
 * InvalidClientTokenId comes before any authorization decision, as an authentication failure does on AWS.
 */
export function iamPermissions(core: IamCore): PermissionMap {
  const rules = iamPermissionRules(core);
  const out: Record<string, PermissionRule> = {};
  for (const [name, rule] of Object.entries(rules)) {
    out[name] = (input, ctx) => {
      refuseSessionTokenCredentials(ctx.principal);
      return rule(input, ctx);
    };
  }
  return out;
}

function iamPermissionRules(core: IamCore): PermissionMap {
  const t = new Targets(core);
  const acct = (ctx: RequestContext) => ctx.principal.accountId;

  const onUser = (action: string, extra?: (input: any) => Record<string, unknown>): PermissionRule =>
    async (input, ctx) => [permission(action, await t.user(acct(ctx), input.UserName), extra?.(input))];
  const onGroup = (action: string, extra?: (input: any) => Record<string, unknown>): PermissionRule =>
    async (input, ctx) => [permission(action, await t.group(acct(ctx), input.GroupName), extra?.(input))];
  const onRole = (action: string, extra?: (input: any) => Record<string, unknown>): PermissionRule =>
    async (input, ctx) => [permission(action, await t.role(acct(ctx), input.RoleName), extra?.(input))];
  const onPolicy = (action: string): PermissionRule => async (input, ctx) => [permission(action, await t.policy(acct(ctx), input.PolicyArn))];
  const onKeyOwner = (action: string): PermissionRule => async (input, ctx) => {
    const owner = await t.keyOwner(ctx, input.UserName);
    return owner ? [permission(action, owner)] : [];
  };
  const policyArn = (input: { PolicyArn: string }) => ({ 'iam:PolicyARN': input.PolicyArn });
  /**
   * Creating an entity; with Tags, a user or role also needs `iam:TagUser` / `iam:TagRole` on the new entity's ARN
   * (IAM's guide, "Permissions required to tag IAM resources"; refusals name that ARN, as recorded ones do).
   */
  const created =
    (action: string, kind: 'user' | 'group' | 'role', nameOf: (input: any) => string, tagAction?: string): PermissionRule =>
    (input, ctx) => {
      const arn = iamArn(acct(ctx), kind, input.Path ?? '/', nameOf(input));
      const context = requestTagKeys(wireTags(input.Tags));
      const perms: Permission[] = [{ action, resource: arn, context }];
      if (tagAction !== undefined && (input.Tags?.length ?? 0) > 0) perms.push({ action: tagAction, resource: arn, context });
      return perms;
    };

  return {
    AddUserToGroup: onGroup('iam:AddUserToGroup'),
    AttachGroupPolicy: onGroup('iam:AttachGroupPolicy', policyArn),
    AttachRolePolicy: onRole('iam:AttachRolePolicy', policyArn),
    AttachUserPolicy: onUser('iam:AttachUserPolicy', policyArn),
    CreateAccessKey: onKeyOwner('iam:CreateAccessKey'),
    CreateGroup: created('iam:CreateGroup', 'group', (input) => input.GroupName),
    CreatePolicy: (input, ctx) => [
      {
        action: 'iam:CreatePolicy',
        resource: iamArn(acct(ctx), 'policy', input.Path ?? '/', input.PolicyName),
        shownAs: `policy ${input.PolicyName}`,
        context: requestTagKeys(wireTags(input.Tags)),
      },
    ],
    CreatePolicyVersion: onPolicy('iam:CreatePolicyVersion'),
    CreateRole: created('iam:CreateRole', 'role', (input) => input.RoleName, 'iam:TagRole'),
    CreateUser: created('iam:CreateUser', 'user', (input) => input.UserName, 'iam:TagUser'),
    DeleteAccessKey: onKeyOwner('iam:DeleteAccessKey'),
    DeleteGroup: onGroup('iam:DeleteGroup'),
    DeleteGroupPolicy: onGroup('iam:DeleteGroupPolicy'),
    DeletePolicy: onPolicy('iam:DeletePolicy'),
    DeletePolicyVersion: onPolicy('iam:DeletePolicyVersion'),
    DeleteRole: onRole('iam:DeleteRole'),
    DeleteRolePolicy: onRole('iam:DeleteRolePolicy'),
    DeleteUser: onUser('iam:DeleteUser'),
    DeleteUserPolicy: onUser('iam:DeleteUserPolicy'),
    DetachGroupPolicy: onGroup('iam:DetachGroupPolicy', policyArn),
    DetachRolePolicy: onRole('iam:DetachRolePolicy', policyArn),
    DetachUserPolicy: onUser('iam:DetachUserPolicy', policyArn),
    GetGroup: onGroup('iam:GetGroup'),
    GetGroupPolicy: onGroup('iam:GetGroupPolicy'),
    GetPolicy: onPolicy('iam:GetPolicy'),
    GetPolicyVersion: onPolicy('iam:GetPolicyVersion'),
    GetRole: onRole('iam:GetRole'),
    GetRolePolicy: onRole('iam:GetRolePolicy'),
    // Without a name: the calling user (a role session is refused by the operation itself).
    GetUser: async (input, ctx) => {
      const target = input.UserName !== undefined ? await t.user(acct(ctx), input.UserName) : await t.self(ctx);
      return target ? [permission('iam:GetUser', target)] : [];
    },
    GetUserPolicy: onUser('iam:GetUserPolicy'),
    ListAccessKeys: onKeyOwner('iam:ListAccessKeys'),
    ListAttachedGroupPolicies: onGroup('iam:ListAttachedGroupPolicies'),
    ListAttachedRolePolicies: onRole('iam:ListAttachedRolePolicies'),
    ListAttachedUserPolicies: onUser('iam:ListAttachedUserPolicies'),
    ListGroupPolicies: onGroup('iam:ListGroupPolicies'),
    ListGroups: (input, ctx) => [listed('iam:ListGroups', ctx, 'group', input.PathPrefix)],
    ListGroupsForUser: onUser('iam:ListGroupsForUser'),
    ListPolicies: (input) => [{ action: 'iam:ListPolicies', resource: '*', shownAs: `policy path ${input.PathPrefix ?? '/'}` }],
    ListPolicyVersions: onPolicy('iam:ListPolicyVersions'),
    ListRolePolicies: onRole('iam:ListRolePolicies'),
    ListRoleTags: onRole('iam:ListRoleTags'),
    ListRoles: (input, ctx) => [listed('iam:ListRoles', ctx, 'role', input.PathPrefix)],
    ListUserPolicies: onUser('iam:ListUserPolicies'),
    ListUserTags: onUser('iam:ListUserTags'),
    ListUsers: (input, ctx) => [listed('iam:ListUsers', ctx, 'user', input.PathPrefix)],
    PutGroupPolicy: onGroup('iam:PutGroupPolicy'),
    PutRolePolicy: onRole('iam:PutRolePolicy'),
    PutUserPolicy: onUser('iam:PutUserPolicy'),
    RemoveUserFromGroup: onGroup('iam:RemoveUserFromGroup'),
    SetDefaultPolicyVersion: onPolicy('iam:SetDefaultPolicyVersion'),
    TagRole: onRole('iam:TagRole', (input) => requestTagKeys(wireTags(input.Tags))),
    TagUser: onUser('iam:TagUser', (input) => requestTagKeys(wireTags(input.Tags))),
    UntagRole: onRole('iam:UntagRole', (input) => requestTagKeys(undefined, input.TagKeys)),
    UntagUser: onUser('iam:UntagUser', (input) => requestTagKeys(undefined, input.TagKeys)),
    UpdateAccessKey: onKeyOwner('iam:UpdateAccessKey'),
    UpdateAssumeRolePolicy: onRole('iam:UpdateAssumeRolePolicy'),
    UpdateRole: onRole('iam:UpdateRole'),
    // IAM documents that renaming or moving a user needs the permission on the source and on the target.
    UpdateUser: async (input, ctx) => {
      const source = await t.user(acct(ctx), input.UserName);
      const perms = [permission('iam:UpdateUser', source)];
      if (input.NewUserName !== undefined || input.NewPath !== undefined) {
        const name = input.NewUserName ?? input.UserName;
        const path = input.NewPath ?? source.path ?? '/';
        perms.push({ action: 'iam:UpdateUser', resource: iamArn(acct(ctx), 'user', path, name), shownAs: `user ${name}` });
      }
      return perms;
    },
  };
}
