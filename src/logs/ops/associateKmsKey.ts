import type { RequestContext } from '../../common/operation.js';
import { messages as insightsMessages } from '../../insights/messages.js';
import { newResultKey, resultKmsContext } from '../../insights/sealing.js';
import type { AssociateKmsKeyRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { keyTarget } from './kmsKeyHelpers.js';

/**
 * Makes a customer key encrypt the group's new data (replacing any earlier key); data already stored keeps the key
 * it was written under. With `…:query-result:*`, the key encrypts the results of every later StartQuery of the
 * account and region. The key is checked as CreateLogGroup checks it, with the target's encryption context.
 */
export async function associateKmsKey(core: LogsCore, input: AssociateKmsKeyRequest, ctx: RequestContext): Promise<void> {
  const target = await keyTarget(core, ctx, input);
  if (target.kind === 'group') {
    const kmsKeyArn = await core.validateCustomerKey(ctx, target.group, input.kmsKeyId);
    await core.store.logs.updateGroup({ ...target.group, kmsKeyArn });
    return;
  }
  const { accountId } = ctx.principal;
  const keyArn = await core.validateKeyFor(
    ctx,
    resultKmsContext(ctx, accountId, ctx.region),
    insightsMessages.kmsKeyNotAllowedForArn(target.arn),
    input.kmsKeyId,
    (arn) => newResultKey(core, ctx, accountId, ctx.region, 'association-check', arn),
  );
  await core.store.insights.setResultKey(accountId, ctx.region, keyArn);
}
