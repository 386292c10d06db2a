import type { RequestContext } from '../../common/operation.js';
import type { CreateLogGroupRequest } from '../../protocol/generated/logs.js';
import { InvalidParameterException, LimitExceededException, ResourceAlreadyExistsException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import type { NewLogGroup } from '../model.js';
import { validateTags } from './tagHelpers.js';

export async function createLogGroup(core: LogsCore, input: CreateLogGroupRequest, ctx: RequestContext): Promise<void> {
  const name = input.logGroupName;
  if (name.startsWith('aws/')) throw new InvalidParameterException(messages.reservedGroupName);
  if (input.tags) validateTags(input.tags);
  const group: NewLogGroup = {
    accountId: ctx.principal.accountId,
    region: ctx.region,
    name,
    createdAt: core.clock.now(),
    logGroupClass: input.logGroupClass ?? 'STANDARD',
    deletionProtection: input.deletionProtectionEnabled === true,
    tags: { ...input.tags },
  };
  if (await core.store.logs.getGroup(group.accountId, group.region, name)) throw new ResourceAlreadyExistsException(messages.groupExists);
  if ((await core.store.logs.countGroups(group.accountId, group.region)) >= core.maxLogGroups) {
    throw new LimitExceededException(messages.limitExceeded);
  }
  if (input.kmsKeyId !== undefined) group.kmsKeyArn = await core.validateCustomerKey(ctx, group, input.kmsKeyId);
  await core.dataKeys.ensureServiceKey(group.accountId, group.region);
  if (!(await core.store.logs.createGroup(group))) throw new ResourceAlreadyExistsException(messages.groupExists);
}
