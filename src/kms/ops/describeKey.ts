import type { RequestContext } from '../../common/operation.js';
import type { DescribeKeyRequest, DescribeKeyResponse } from '../../protocol/generated/kms.js';
import { baseConditionContext } from '../authorize.js';
import type { KmsCore } from '../core.js';
import { keyMetadata } from '../wire.js';

export async function describeKey(core: KmsCore, input: DescribeKeyRequest, ctx: RequestContext): Promise<DescribeKeyResponse> {
  const { key, alias } = await core.resolve(input.KeyId, ctx);
  const context = baseConditionContext(ctx, key);
  if (alias) context['kms:RequestAlias'] = alias;
  await core.authorizer.authorize({ ctx, key, action: 'kms:DescribeKey', context });
  return { KeyMetadata: keyMetadata(key) };
}
