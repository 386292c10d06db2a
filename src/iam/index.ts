import type { BackgroundTask } from '../common/background.js';
import type { OperationDef, OperationTable } from '../common/operation.js';
import { IamCore, type IamDeps } from './core.js';
import type { IamOpTable } from './opTypes.js';
import { refusingSessionTokenCredentials } from './sessionTokenCredentials.js';
import { sessionPurgeTask } from './sts/sessions.js';
import { addUserToGroup } from './ops/addUserToGroup.js';
import { attachGroupPolicy } from './ops/attachGroupPolicy.js';
import { attachRolePolicy } from './ops/attachRolePolicy.js';
import { attachUserPolicy } from './ops/attachUserPolicy.js';
import { createAccessKey } from './ops/createAccessKey.js';
import { createGroup } from './ops/createGroup.js';
import { createPolicy } from './ops/createPolicy.js';
import { createPolicyVersion } from './ops/createPolicyVersion.js';
import { createRole } from './ops/createRole.js';
import { createUser } from './ops/createUser.js';
import { deleteAccessKey } from './ops/deleteAccessKey.js';
import { deleteGroup } from './ops/deleteGroup.js';
import { deleteGroupPolicy } from './ops/deleteGroupPolicy.js';
import { deletePolicy } from './ops/deletePolicy.js';
import { deletePolicyVersion } from './ops/deletePolicyVersion.js';
import { deleteRole } from './ops/deleteRole.js';
import { deleteRolePolicy } from './ops/deleteRolePolicy.js';
import { deleteUser } from './ops/deleteUser.js';
import { deleteUserPolicy } from './ops/deleteUserPolicy.js';
import { detachGroupPolicy } from './ops/detachGroupPolicy.js';
import { detachRolePolicy } from './ops/detachRolePolicy.js';
import { detachUserPolicy } from './ops/detachUserPolicy.js';
import { getGroup } from './ops/getGroup.js';
import { getGroupPolicy } from './ops/getGroupPolicy.js';
import { getPolicy } from './ops/getPolicy.js';
import { getPolicyVersion } from './ops/getPolicyVersion.js';
import { getRole } from './ops/getRole.js';
import { getRolePolicy } from './ops/getRolePolicy.js';
import { getUser } from './ops/getUser.js';
import { getUserPolicy } from './ops/getUserPolicy.js';
import { listAccessKeys } from './ops/listAccessKeys.js';
import { listAttachedGroupPolicies } from './ops/listAttachedGroupPolicies.js';
import { listAttachedRolePolicies } from './ops/listAttachedRolePolicies.js';
import { listAttachedUserPolicies } from './ops/listAttachedUserPolicies.js';
import { listGroupPolicies } from './ops/listGroupPolicies.js';
import { listGroups } from './ops/listGroups.js';
import { listGroupsForUser } from './ops/listGroupsForUser.js';
import { listPolicies } from './ops/listPolicies.js';
import { listPolicyVersions } from './ops/listPolicyVersions.js';
import { listRolePolicies } from './ops/listRolePolicies.js';
import { listRoleTags } from './ops/listRoleTags.js';
import { listRoles } from './ops/listRoles.js';
import { listUserPolicies } from './ops/listUserPolicies.js';
import { listUserTags } from './ops/listUserTags.js';
import { listUsers } from './ops/listUsers.js';
import { putGroupPolicy } from './ops/putGroupPolicy.js';
import { putRolePolicy } from './ops/putRolePolicy.js';
import { putUserPolicy } from './ops/putUserPolicy.js';
import { removeUserFromGroup } from './ops/removeUserFromGroup.js';
import { setDefaultPolicyVersion } from './ops/setDefaultPolicyVersion.js';
import { tagRole } from './ops/tagRole.js';
import { tagUser } from './ops/tagUser.js';
import { untagRole } from './ops/untagRole.js';
import { untagUser } from './ops/untagUser.js';
import { updateAccessKey } from './ops/updateAccessKey.js';
import { updateAssumeRolePolicy } from './ops/updateAssumeRolePolicy.js';
import { updateRole } from './ops/updateRole.js';
import { updateUser } from './ops/updateUser.js';

export { IamCore, type IamDeps } from './core.js';

/**
 * The IAM operations served, by model name; each lives in `ops/<operation>.ts`. Operations of the model absent here
 * answer as unknown operations (`InvalidAction`).
 */
export const iamOps: IamOpTable = {
  AddUserToGroup: { run: addUserToGroup },
  AttachGroupPolicy: { run: attachGroupPolicy },
  AttachRolePolicy: { run: attachRolePolicy },
  AttachUserPolicy: { run: attachUserPolicy },
  CreateAccessKey: { run: createAccessKey },
  CreateGroup: { run: createGroup },
  CreatePolicy: { run: createPolicy },
  CreatePolicyVersion: { run: createPolicyVersion },
  CreateRole: { run: createRole },
  CreateUser: { run: createUser },
  DeleteAccessKey: { run: deleteAccessKey },
  DeleteGroup: { run: deleteGroup },
  DeleteGroupPolicy: { run: deleteGroupPolicy },
  DeletePolicy: { run: deletePolicy },
  DeletePolicyVersion: { run: deletePolicyVersion },
  DeleteRole: { run: deleteRole },
  DeleteRolePolicy: { run: deleteRolePolicy },
  DeleteUser: { run: deleteUser },
  DeleteUserPolicy: { run: deleteUserPolicy },
  DetachGroupPolicy: { run: detachGroupPolicy },
  DetachRolePolicy: { run: detachRolePolicy },
  DetachUserPolicy: { run: detachUserPolicy },
  GetGroup: { run: getGroup, readOnly: true },
  GetGroupPolicy: { run: getGroupPolicy, readOnly: true },
  GetPolicy: { run: getPolicy, readOnly: true },
  GetPolicyVersion: { run: getPolicyVersion, readOnly: true },
  GetRole: { run: getRole, readOnly: true },
  GetRolePolicy: { run: getRolePolicy, readOnly: true },
  GetUser: { run: getUser, readOnly: true },
  GetUserPolicy: { run: getUserPolicy, readOnly: true },
  ListAccessKeys: { run: listAccessKeys, readOnly: true },
  ListAttachedGroupPolicies: { run: listAttachedGroupPolicies, readOnly: true },
  ListAttachedRolePolicies: { run: listAttachedRolePolicies, readOnly: true },
  ListAttachedUserPolicies: { run: listAttachedUserPolicies, readOnly: true },
  ListGroupPolicies: { run: listGroupPolicies, readOnly: true },
  ListGroups: { run: listGroups, readOnly: true },
  ListGroupsForUser: { run: listGroupsForUser, readOnly: true },
  ListPolicies: { run: listPolicies, readOnly: true },
  ListPolicyVersions: { run: listPolicyVersions, readOnly: true },
  ListRolePolicies: { run: listRolePolicies, readOnly: true },
  ListRoleTags: { run: listRoleTags, readOnly: true },
  ListRoles: { run: listRoles, readOnly: true },
  ListUserPolicies: { run: listUserPolicies, readOnly: true },
  ListUserTags: { run: listUserTags, readOnly: true },
  ListUsers: { run: listUsers, readOnly: true },
  PutGroupPolicy: { run: putGroupPolicy },
  PutRolePolicy: { run: putRolePolicy },
  PutUserPolicy: { run: putUserPolicy },
  RemoveUserFromGroup: { run: removeUserFromGroup },
  SetDefaultPolicyVersion: { run: setDefaultPolicyVersion },
  TagRole: { run: tagRole },
  TagUser: { run: tagUser },
  UntagRole: { run: untagRole },
  UntagUser: { run: untagUser },
  UpdateAccessKey: { run: updateAccessKey },
  UpdateAssumeRolePolicy: { run: updateAssumeRolePolicy },
  UpdateRole: { run: updateRole },
  UpdateUser: { run: updateUser },
};

export function iamOperations(core: IamCore): OperationTable {
  const table: Record<string, OperationDef> = {};
  for (const [name, op] of Object.entries(iamOps)) {
    table[name] = { handler: (input, ctx) => op.run(core, input, ctx), readOnly: op.readOnly };
  }
  return refusingSessionTokenCredentials(table);
}

export function createIam(deps: IamDeps): { core: IamCore; operations: OperationTable; background: BackgroundTask[] } {
  const core = new IamCore(deps);
  return { core, operations: iamOperations(core), background: [sessionPurgeTask(core)] };
}
