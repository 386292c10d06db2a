import type { RequestContext } from '../../common/operation.js';
import { EntityAlreadyExistsException, type CreateGroupRequest, type CreateGroupResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';
import type { IamGroup } from '../model.js';
import { iamArn, newIamId } from '../names.js';
import { groupShape } from '../wire.js';

export async function createGroup(core: IamCore, input: CreateGroupRequest, ctx: RequestContext): Promise<CreateGroupResponse> {
  const accountId = ctx.principal.accountId;
  if (await core.store.iam.getGroup(accountId, input.GroupName)) {
    throw new EntityAlreadyExistsException(messages.entityExists('group', input.GroupName));
  }
  const path = input.Path ?? '/';
  const group: IamGroup = {
    accountId,
    groupId: newIamId('group'),
    groupName: input.GroupName,
    path,
    arn: iamArn(accountId, 'group', path, input.GroupName),
    createdAt: core.clock.now(),
  };
  await core.store.iam.putGroup(group);
  return { Group: groupShape(group) };
}
