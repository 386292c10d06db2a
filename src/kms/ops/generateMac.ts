import type { RequestContext } from '../../common/operation.js';
import type { GenerateMacRequest, GenerateMacResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { generateMac as hmac, isHmacKeySpec, macAlgorithmFor, type MacAlgorithm } from '../crypto/index.js';
import { algorithmIncompatible, authorizeCrypto, checkDryRun, currentMaterial, requireUsable, requireUsage } from './cryptoHelpers.js';

interface MacRequest {
  KeyId: string;
  Message: Uint8Array;
  MacAlgorithm: string;
  GrantTokens?: string[];
  DryRun?: boolean;
}

/**
 * The HMAC of the message under the key's material, after GenerateMac's and VerifyMac's shared checks:
 * authorization, key usage, key state, then the algorithm against the key spec.
 */
export async function macFor(core: KmsCore, input: MacRequest, ctx: RequestContext, operation: 'GenerateMac' | 'VerifyMac'): Promise<{ keyArn: string; mac: Buffer }> {
  const resolved = await core.resolve(input.KeyId, ctx);
  const { key } = resolved;
  await authorizeCrypto(core, ctx, resolved, {
    action: `kms:${operation}`,
    grantOperation: operation,
    grantTokens: input.GrantTokens,
    conditions: { 'kms:MacAlgorithm': input.MacAlgorithm },
  });
  requireUsage(key, 'GENERATE_VERIFY_MAC', operation);
  requireUsable(core, key);
  if (!isHmacKeySpec(key.keySpec) || macAlgorithmFor(key.keySpec) !== input.MacAlgorithm) throw algorithmIncompatible(input.MacAlgorithm, key);
  checkDryRun(input.DryRun);
  const { material } = await currentMaterial(core, key);
  return { keyArn: key.arn, mac: hmac(key.keySpec, material, input.MacAlgorithm as MacAlgorithm, input.Message) };
}

export async function generateMac(core: KmsCore, input: GenerateMacRequest, ctx: RequestContext): Promise<GenerateMacResponse> {
  const { keyArn, mac } = await macFor(core, input, ctx, 'GenerateMac');
  return { Mac: mac, MacAlgorithm: input.MacAlgorithm, KeyId: keyArn };
}
