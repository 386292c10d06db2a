/**
 * What the imported-key-material operations share: the EXTERNAL key a request names, import tokens and where their
 * wrapping private keys are sealed, the deterministic id of imported material, and deleting imported material.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../common/operation.js';
import { UnsupportedOperationException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import type { ImportParametersRecord, KmsKey } from '../model.js';
import { isPendingDeletion, loadAuthorized } from './lifecycleHelpers.js';

const TOKEN_VERSION = 1;
const TOKEN_RANDOM_BYTES = 32;

/**
 * The key of an import operation (key id or key ARN of the caller's own account, as KMS allows no cross-account use
 * here), authorized for `action`; keys whose material KMS generates are refused.
 */
export async function loadExternalKey(core: KmsCore, ref: string, ctx: RequestContext, action: string, conditions: Record<string, unknown> = {}): Promise<KmsKey> {
  const key = await loadAuthorized(core, ref, ctx, action, conditions);
  if (key.origin !== 'EXTERNAL') throw new UnsupportedOperationException(messages.originNotValid(key.arn, key.origin));
  return key;
}

/** A new import token (version byte and 32 random bytes) and the id stored with its parameters. */
export function newImportToken(): { token: Buffer; tokenId: string } {
  const random = randomBytes(TOKEN_RANDOM_BYTES);
  return { token: Buffer.concat([Buffer.from([TOKEN_VERSION]), random]), tokenId: random.toString('hex') };
}

/** Whether `token` is the token of these parameters. */
export function tokenMatches(params: ImportParametersRecord, token: Uint8Array): boolean {
  if (token.byteLength !== 1 + TOKEN_RANDOM_BYTES || token[0] !== TOKEN_VERSION) return false;
  const stored = Buffer.from(params.tokenId, 'hex');
  return stored.length === TOKEN_RANDOM_BYTES && timingSafeEqual(stored, Buffer.from(token.buffer, token.byteOffset + 1, TOKEN_RANDOM_BYTES));
}

/** Where a wrapping private key lives; bound into its seal. */
export function wrappingKeyAad(p: { accountId: string; region: string; keyId: string; tokenId: string }): string {
  return `kms/${p.accountId}/${p.region}/${p.keyId}/import/${p.tokenId}`;
}

/**
 * The id of imported material: computed from the key id and the material, as KMS does, so reimporting the same
 * material gives the same id (and old ciphertexts, which name it, decrypt again) while other material cannot pass
 * for it. 64 hex digits, the form of `KeyMaterialId`.
 */
export function importedMaterialId(key: KmsKey, material: Uint8Array): string {
  return createHash('sha256').update(`logseal/kms/imported-material/v1\0${key.keyId}\0`).update(material).digest('hex');
}

/**
 * Deletes all of a key's imported material: the key waits for the same material again (PendingImport), unless it
 * is pending deletion, which it stays. The material id stays on the key so only that material can be reimported.
 */
export async function deleteImportedMaterial(core: KmsCore, key: KmsKey): Promise<KmsKey> {
  await core.store.kms.deleteMaterials(key.accountId, key.region, key.keyId);
  core.forgetMaterial(key);
  const next: KmsKey = { ...key, state: isPendingDeletion(key) ? key.state : 'PendingImport' };
  delete next.validTo;
  return core.saveKey(next);
}
