import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../common/operation.js';
import type { VerifyMacRequest, VerifyMacResponse } from '../../protocol/generated/kms.js';
import { KMSInvalidMacException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import { macFor } from './generateMac.js';

/** VerifyMac: a MAC that does not match is KMSInvalidMacException, never `MacValid: false`. */
export async function verifyMac(core: KmsCore, input: VerifyMacRequest, ctx: RequestContext): Promise<VerifyMacResponse> {
  const { keyArn, mac } = await macFor(core, input, ctx, 'VerifyMac');
  // The tag length is fixed per algorithm and public, so comparing lengths first leaks nothing.
  const valid = input.Mac.byteLength === mac.length && timingSafeEqual(mac, input.Mac);
  if (!valid) throw new KMSInvalidMacException(messages.invalidMac);
  return { KeyId: keyArn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
}
