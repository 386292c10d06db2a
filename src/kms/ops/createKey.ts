import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../common/operation.js';
import type { CreateKeyRequest, CreateKeyResponse } from '../../protocol/generated/kms.js';
import { LimitExceededException, UnsupportedOperationException } from '../../protocol/generated/kms.js';
import { ValidationException } from '../errors.js';
import type { KmsCore } from '../core.js';
import { generateKeyMaterialAsync } from '../crypto/keys.js';
import { isKeySpec, keyUsagesFor, type KeySpec, type KeyUsage } from '../crypto/specs.js';
import { keyArn } from '../keyRefs.js';
import type { KmsKey } from '../model.js';
import { checkKeyPolicy, defaultKeyPolicy } from '../policies.js';
import { keyMetadata } from '../wire.js';
import { messages } from '../messages.js';
import { MAX_POLICY_BYTES, newMaterialId, requestContext, tagConditionKeys, validateTags } from './lifecycleHelpers.js';
import { generated } from './cryptoHelpers.js';

export { newMaterialId };

export async function createKey(core: KmsCore, input: CreateKeyRequest, ctx: RequestContext): Promise<CreateKeyResponse> {
  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined) {
    throw new ValidationException(messages.bothKeySpecs);
  }
  if (input.CustomKeyStoreId !== undefined || input.Origin === 'AWS_CLOUDHSM' || input.Origin === 'EXTERNAL_KEY_STORE' || input.XksKeyId !== undefined) {
    throw new UnsupportedOperationException(messages.customKeyStoresUnsupported);
  }
  const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (!isKeySpec(spec)) throw new UnsupportedOperationException(messages.keySpecUnsupported(spec));
  const usages = keyUsagesFor(spec);
  const usage = (input.KeyUsage ?? usages[0]) as KeyUsage;
  if (input.KeyUsage !== undefined && !usages.includes(input.KeyUsage as KeyUsage)) {
    throw new ValidationException(messages.keyUsageIncompatible(input.KeyUsage, spec));
  }
  if (input.KeyUsage === undefined && spec !== 'SYMMETRIC_DEFAULT') {
    // Only symmetric encryption keys have a default usage.
    throw new ValidationException(messages.keyUsageMissing);
  }
  const origin = input.Origin ?? 'AWS_KMS';
  if (input.Tags) validateTags(input.Tags);
  if (input.Policy !== undefined && Buffer.byteLength(input.Policy, 'utf8') > MAX_POLICY_BYTES) {
    throw new LimitExceededException(messages.policyTooLarge);
  }

  // CreateKey has no key yet: IAM policies decide (resource `*`), with the request's key properties as conditions.
  const conditions = requestContext(ctx, {
    'kms:KeySpec': spec,
    'kms:KeyUsage': usage,
    'kms:KeyOrigin': origin,
    'kms:MultiRegion': input.MultiRegion === true,
    'kms:BypassPolicyLockoutSafetyCheck': input.BypassPolicyLockoutSafetyCheck === true,
    ...tagConditionKeys(input.Tags),
  });
  if (input.MultiRegion) conditions['kms:MultiRegionKeyType'] = 'PRIMARY';
  await core.authorizeIdentity(ctx, 'kms:CreateKey', '*', conditions);
  if (input.Tags?.length) await core.authorizeIdentity(ctx, 'kms:TagResource', '*', conditions);

  const keyId = input.MultiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID();
  const now = core.clock.now();
  const key: KmsKey = {
    accountId: ctx.principal.accountId,
    region: ctx.region,
    keyId,
    arn: keyArn(ctx.region, ctx.principal.accountId, keyId),
    description: input.Description ?? '',
    keySpec: spec as KeySpec,
    keyUsage: usage,
    origin: origin as KmsKey['origin'],
    keyManager: 'CUSTOMER',
    state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    createdAt: now,
    rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
    policy: input.Policy ?? defaultKeyPolicy(ctx.principal.accountId),
    policyPrincipals: {},
    policyVersion: 1,
    tags: (input.Tags ?? []).map((t) => ({ key: t.TagKey, value: t.TagValue })),
    version: 0,
  };
  if (input.MultiRegion) key.multiRegion = { type: 'PRIMARY', primaryRegion: ctx.region, replicaRegions: [] };
  if (input.Policy !== undefined) {
    key.policyPrincipals = await checkKeyPolicy(core, input.Policy, key, ctx, { bypassLockoutCheck: input.BypassPolicyLockoutSafetyCheck === true });
  }
  if (origin !== 'EXTERNAL') {
    const materialId = newMaterialId();
    key.currentMaterialId = materialId;
    await core.putMaterial(key, materialId, await generated(generateKeyMaterialAsync(spec as KeySpec)), 'CREATE');
  }
  const saved = await core.saveKey(key);
  return { KeyMetadata: keyMetadata(saved) };
}
