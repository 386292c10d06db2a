import type { RequestContext } from '../../common/operation.js';
import type { ExpirationModelType, ImportKeyMaterialRequest, ImportKeyMaterialResponse } from '../../protocol/generated/kms.js';
import {
  ExpiredImportTokenException,
  IncorrectKeyMaterialException,
  InvalidCiphertextException,
  InvalidImportTokenException,
  UnsupportedOperationException,
} from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { CryptoAuthError, CryptoInputError, unwrapKeyMaterial, validateImportedKeyMaterial, type WrappingAlgorithm } from '../crypto/index.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { ImportParametersRecord, KmsKey } from '../model.js';
import { importedMaterialId, loadExternalKey, tokenMatches, wrappingKeyAad } from './importHelpers.js';
import { DAY_MS } from './lifecycleHelpers.js';

/** ValidTo may be at most 365 days after the request. */
const MAX_VALIDITY_MS = 365 * DAY_MS;

/**
 * Imports (or reimports) key material wrapped under the public key of the key's current import parameters. The
 * first import fixes the material: later imports must bring the same material, to restore it after deletion or
 * expiry or to change its expiration. A key pending import becomes Enabled; other states are kept.
 */
export async function importKeyMaterial(core: KmsCore, input: ImportKeyMaterialRequest, ctx: RequestContext): Promise<ImportKeyMaterialResponse> {
  const model: ExpirationModelType = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
  const conditions: Record<string, unknown> = { 'kms:ExpirationModel': model };
  if (input.ValidTo) conditions['kms:ValidTo'] = Math.floor(input.ValidTo.getTime() / 1000);
  const key = await loadExternalKey(core, input.KeyId, ctx, 'kms:ImportKeyMaterial', conditions);
  core.requireNotPendingDeletion(key);
  const validTo = expiryOf(core, model, input.ValidTo);
  const params = await parametersFor(core, key, input.ImportToken);
  const material = unwrap(core, params, input.EncryptedKeyMaterial);
  try {
    const materialId = checkMaterial(key, material, input);
    await core.putMaterial(key, materialId, material, 'IMPORT', validTo);
    await core.saveKey(withMaterial(key, materialId, model, validTo));
    // KMS reports material ids for symmetric encryption keys only.
    return key.keySpec === 'SYMMETRIC_DEFAULT' ? { KeyId: key.arn, KeyMaterialId: materialId } : { KeyId: key.arn };
  } finally {
    material.fill(0);
  }
}

/** When the material expires (ms), or undefined when it does not; ValidTo goes with KEY_MATERIAL_EXPIRES only. */
function expiryOf(core: KmsCore, model: ExpirationModelType, validTo: Date | undefined): number | undefined {
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
    if (validTo) throw new ValidationException(messages.validToNotAllowed);
    return undefined;
  }
  if (!validTo) throw new ValidationException(messages.validToRequired);
  const at = validTo.getTime();
  const now = core.clock.now();
  if (at <= now) throw new ValidationException(messages.validToInPast);
  if (at > now + MAX_VALIDITY_MS) throw new ValidationException(messages.validToTooLate);
  return at;
}

/** The key's import parameters, if `token` is theirs and they have not expired. */
async function parametersFor(core: KmsCore, key: KmsKey, token: Uint8Array): Promise<ImportParametersRecord> {
  const params = await core.store.kms.getImportParameters(key.accountId, key.region, key.keyId);
  if (!params || !tokenMatches(params, token)) throw new InvalidImportTokenException(messages.invalidImportToken);
  if (params.expiresAt <= core.clock.now()) throw new ExpiredImportTokenException(messages.expiredImportToken);
  return params;
}

function unwrap(core: KmsCore, params: ImportParametersRecord, encrypted: Uint8Array): Buffer {
  const privateKey = core.keyring.open(params.sealedPrivateKey, wrappingKeyAad(params));
  try {
    return unwrapKeyMaterial(privateKey, params.wrappingAlgorithm as WrappingAlgorithm, encrypted);
  } catch (e) {
    if (e instanceof CryptoAuthError || e instanceof CryptoInputError) throw new InvalidCiphertextException(messages.invalidCiphertext);
    throw e;
  } finally {
    privateKey.fill(0);
  }
}

/**
 * Checks the material fits the key spec and is what the key expects (ImportType, KeyMaterialId), and returns its id.
 * Without ImportType, a key that never had material takes new material and any other key the same material again.
 */
function checkMaterial(key: KmsKey, material: Buffer, input: ImportKeyMaterialRequest): string {
  try {
    validateImportedKeyMaterial(key.keySpec, material);
  } catch (e) {
    if (e instanceof CryptoInputError) throw new IncorrectKeyMaterialException(messages.invalidKeyMaterial(key.keySpec));
    throw e;
  }
  const id = importedMaterialId(key, material);
  const previous = key.currentMaterialId;
  const type = input.ImportType ?? (previous === undefined ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  if (type === 'NEW_KEY_MATERIAL') {
    if (input.KeyMaterialId !== undefined) throw new ValidationException(messages.keyMaterialIdWithNewMaterial);
    if (previous === id) throw new IncorrectKeyMaterialException(messages.expectedNewKeyMaterial(key.arn));
    if (previous === undefined) return id;
    // A second material for on-demand rotation exists only for symmetric keys, and is not supported here.
    if (key.keySpec === 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException(messages.newKeyMaterialUnsupported);
    throw new IncorrectKeyMaterialException(messages.differentKeyMaterial(key.arn));
  }
  if (previous === undefined) throw new IncorrectKeyMaterialException(messages.expectedExistingKeyMaterial(key.arn));
  if (input.KeyMaterialId !== undefined && input.KeyMaterialId !== id) throw new IncorrectKeyMaterialException(messages.keyMaterialIdMismatch(input.KeyMaterialId));
  if (id !== previous) throw new IncorrectKeyMaterialException(messages.differentKeyMaterial(key.arn));
  return id;
}

function withMaterial(key: KmsKey, materialId: string, model: ExpirationModelType, validTo: number | undefined): KmsKey {
  const next: KmsKey = { ...key, currentMaterialId: materialId, expirationModel: model, state: key.state === 'PendingImport' ? 'Enabled' : key.state };
  if (validTo === undefined) delete next.validTo;
  else next.validTo = validTo;
  return next;
}
