import type { RequestContext } from '../../common/operation.js';
import type { DescribeKeyRequest, DescribeKeyResponse } from '../../protocol/generated/kms.js';
import { baseConditionContext } from '../authorize.js';
import type { KmsCore } from '../core.js';
import { keyMetadata } from '../wire.js';

/**
 * DescribeKey: a key's metadata, named by key id, key ARN, alias name or alias ARN (another account's key only by
 * ARN). Works in every key state. `kms:DescribeKey` may come from the key policy, IAM, or a grant.
 */
export async function describeKey(core: KmsCore, input: DescribeKeyRequest, ctx: RequestContext): Promise<DescribeKeyResponse> {
  const { key, alias } = await core.resolve(input.KeyId, ctx);
  const context = baseConditionContext(ctx, key);
  if (alias) context['kms:RequestAlias'] = alias;
  await core.authorizer.authorize({
    ctx,
    key,
    action: 'kms:DescribeKey',
    context,
    grantOperation: 'DescribeKey',
    grants: await core.grantsFor(key),
  });
  return { KeyMetadata: keyMetadata(key) };
}
