import type { RequestContext } from '../../common/operation.js';
import { EntityAlreadyExistsException, type CreateRoleRequest, type CreateRoleResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { validateTrustPolicy } from '../documents.js';
import { messages } from '../messages.js';
import type { IamRole } from '../model.js';
import { iamArn, newIamId } from '../names.js';
import { roleShape } from '../wire.js';

export const DEFAULT_MAX_SESSION_DURATION = 3600;

export async function createRole(core: IamCore, input: CreateRoleRequest, ctx: RequestContext): Promise<CreateRoleResponse> {
  core.refuseBoundary(input.PermissionsBoundary);
  const accountId = ctx.principal.accountId;
  const tags = core.tagsFrom(input.Tags);
  const trust = validateTrustPolicy(input.AssumeRolePolicyDocument, core.principalExists);
  if (await core.store.iam.getRole(accountId, input.RoleName)) {
    throw new EntityAlreadyExistsException(messages.entityExists('role', input.RoleName));
  }
  const path = input.Path ?? '/';
  const role: IamRole = {
    accountId,
    roleId: newIamId('role'),
    roleName: input.RoleName,
    path,
    arn: iamArn(accountId, 'role', path, input.RoleName),
    createdAt: core.clock.now(),
    assumeRolePolicy: input.AssumeRolePolicyDocument,
    trustPrincipals: core.bindTrust(trust),
    maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    tags,
  };
  if (input.Description !== undefined) role.description = input.Description;
  await core.store.iam.putRole(role);
  core.principals.add(role.arn, role.roleId);
  return { Role: roleShape(role, 'create') };
}
