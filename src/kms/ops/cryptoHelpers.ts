/**
 * What the cryptographic operations share: authorizing with grants and condition keys, the key-usage, key-state and
 * algorithm rules, DryRun and Recipient, and the symmetric and RSA encrypt/decrypt paths (Encrypt, Decrypt,
 * ReEncrypt and the data-key operations all go through these).
 *
 * Hot path (GenerateDataKey, Decrypt): the key, its compiled policy, its grants and its unsealed material all come
 * from KmsCore's caches; nothing here writes to the store.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { andThen, type MaybePromise } from '../../common/maybePromise.js';
import type { RequestContext } from '../../common/operation.js';
import {
  DryRunOperationException,
  IncorrectKeyException,
  InvalidCiphertextException,
  InvalidKeyUsageException,
  KMSInvalidStateException,
} from '../../protocol/generated/kms.js';
import { addEncryptionContext, baseConditionContext } from '../authorize.js';
import type { KmsCore, ResolvedKey } from '../core.js';
import {
  CryptoAuthError,
  CryptoFormatError,
  KeyGenBusyError,
  decryptSymmetric,
  encryptSymmetric,
  isRsaKeySpec,
  parseCiphertextHeader,
  rsaDecrypt,
  rsaEncrypt,
  rsaMaxPlaintextBytes,
  toPrivateKey,
  type CiphertextHeader,
  type EncryptionContext,
  type KeyUsage,
  type RsaEncryptionAlgorithm,
} from '../crypto/index.js';
import { ThrottlingException, ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { KmsKey } from '../model.js';
import { validateGrantTokens } from './grantHelpers.js';

export const SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT';

export interface CryptoAuthorization {
  /** The IAM action, `kms:Encrypt`. */
  action: string;
  /** The grant operation that can allow it, `Encrypt`. */
  grantOperation: string;
  /**
   * Set (even to undefined) by the operations that take an encryption context: they carry the
   * `kms:EncryptionContext:*` and `kms:EncryptionContextKeys` condition keys; the others do not.
   */
  encryptionContext?: Record<string, string> | undefined;
  /** The operation's own condition keys (`kms:EncryptionAlgorithm`, `kms:SigningAlgorithm`, …). */
  conditions?: Record<string, unknown>;
  /**
   * The request's `GrantTokens`: checked for form only. Grants take effect at once here (no eventual consistency),
   * so a token adds nothing to what the key's grants already allow.
   */
  grantTokens?: readonly string[] | undefined;
}

/**
 * Authorizes a cryptographic operation on a key: key policy, IAM policies and the key's grants (with their
 * encryption-context constraints), with the global and KMS condition keys of the request.
 */
export function authorizeCrypto(core: KmsCore, ctx: RequestContext, resolved: ResolvedKey, a: CryptoAuthorization): MaybePromise<void> {
  validateGrantTokens(a.grantTokens);
  const { key, alias } = resolved;
  const context = baseConditionContext(ctx, key);
  if (alias) context['kms:RequestAlias'] = alias;
  if ('encryptionContext' in a) addEncryptionContext(context, a.encryptionContext);
  if (a.conditions) Object.assign(context, a.conditions);
  // Synchronous when the key's grants are cached and no identity policy has to be loaded (the hot path).
  return andThen(core.grantsFor(key), (grants) =>
    core.authorizer.authorize({
      ctx,
      key,
      action: a.action,
      context,
      grantOperation: a.grantOperation,
      encryptionContext: a.encryptionContext,
      grants,
    }),
  );
}

/** InvalidKeyUsageException unless the key's usage is `usage` (checked before the key state, as KMS does). */
export function requireUsage(key: KmsKey, usage: KeyUsage, operation: string): void {
  if (key.keyUsage !== usage) throw new InvalidKeyUsageException(messages.keyUsageNotValid(key.arn, key.keyUsage, operation));
}

/**
 * The key-states table for cryptographic operations. Imported material that has expired makes the key pending
 * import at once, even before the background task records the new state.
 */
export function requireUsable(core: KmsCore, key: KmsKey): void {
  core.requireUsable(key);
  if (key.origin === 'EXTERNAL' && key.validTo !== undefined && key.validTo <= core.clock.now()) {
    throw new KMSInvalidStateException(messages.pendingImport(key.arn));
  }
}

export function algorithmIncompatible(algorithm: string, key: KmsKey): InvalidKeyUsageException {
  return new InvalidKeyUsageException(messages.algorithmIncompatible(algorithm, key.keySpec));
}

/** Thrown once every check of the request has passed, when the caller only asked whether it would. */
export function checkDryRun(dryRun: boolean | undefined): void {
  if (dryRun === true) throw new DryRunOperationException(messages.dryRun);
}

/** `Recipient` needs an AWS-signed Nitro attestation document; this endpoint cannot verify one, so it refuses it. */
export function refuseRecipient(recipient: unknown): void {
  if (recipient !== undefined) throw new ValidationException(messages.recipientUnsupported);
}

/** The key's current material; a key without one is waiting for imported material. */
export function currentMaterial(core: KmsCore, key: KmsKey): MaybePromise<{ materialId: string; material: Buffer }> {
  const materialId = key.currentMaterialId;
  if (materialId === undefined) throw new KMSInvalidStateException(messages.pendingImport(key.arn));
  return andThen(core.material(key, materialId), (material) => {
    if (!material) throw new KMSInvalidStateException(messages.pendingImport(key.arn));
    return { materialId, material };
  });
}

/** Parsed private keys by their (cached) DER material, so RSA/ECC keys are parsed once, not per request. */
const parsedPrivateKeys = new WeakMap<Buffer, KeyObject>();

export async function privateKeyOf(core: KmsCore, key: KmsKey): Promise<KeyObject> {
  const { material } = await currentMaterial(core, key);
  let parsed = parsedPrivateKeys.get(material);
  if (!parsed) {
    parsed = toPrivateKey(material);
    parsedPrivateKeys.set(material, parsed);
  }
  return parsed;
}

const publicKeys = new WeakMap<KeyObject, { key: KeyObject; spki: Buffer }>();

/** The public half of an asymmetric key, parsed and as SubjectPublicKeyInfo DER (what GetPublicKey returns). */
export async function publicKeyOf(core: KmsCore, key: KmsKey): Promise<{ key: KeyObject; spki: Buffer }> {
  const privateKey = await privateKeyOf(core, key);
  let pub = publicKeys.get(privateKey);
  if (!pub) {
    const k = createPublicKey(privateKey);
    pub = { key: k, spki: k.export({ type: 'spki', format: 'der' }) };
    publicKeys.set(privateKey, pub);
  }
  return pub;
}

function hasEntries(ec: Record<string, string> | undefined): boolean {
  return ec !== undefined && Object.keys(ec).length > 0;
}

// --- encryption ----------------------------------------------------------------------------------------------

export interface Sealed {
  blob: Buffer;
  /** The material that encrypted a symmetric blob (reported as `KeyMaterialId`). */
  materialId?: string;
}

/** Symmetric encryption under the key's current material (the key is known to be a usable symmetric key). */
export function sealSymmetric(core: KmsCore, key: KmsKey, plaintext: Uint8Array, ec: EncryptionContext | undefined): MaybePromise<Sealed> {
  return andThen(currentMaterial(core, key), ({ materialId, material }) => {
    const blob = encryptSymmetric({ accountId: key.accountId, keyId: key.keyId, materialId, material }, plaintext, ec);
    return { blob, materialId };
  });
}

/**
 * Checks that `algorithm` can encrypt under this ENCRYPT_DECRYPT key: SYMMETRIC_DEFAULT for the symmetric key spec,
 * RSAES_OAEP_* for RSA keys, which also take no encryption context.
 */
export function checkEncryptionAlgorithm(key: KmsKey, algorithm: string, ec: Record<string, string> | undefined): void {
  const symmetricKey = key.keySpec === SYMMETRIC_DEFAULT;
  const rsaAlgorithm = algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256';
  if (symmetricKey ? algorithm !== SYMMETRIC_DEFAULT : !(isRsaKeySpec(key.keySpec) && rsaAlgorithm)) {
    throw algorithmIncompatible(algorithm, key);
  }
  if (!symmetricKey && hasEntries(ec)) throw new ValidationException(messages.asymmetricEncryptionContext);
}

/** Encrypts under a usable ENCRYPT_DECRYPT key whose algorithm was checked with checkEncryptionAlgorithm. */
export function encryptUnder(core: KmsCore, key: KmsKey, algorithm: string, plaintext: Uint8Array, ec: EncryptionContext | undefined): MaybePromise<Sealed> {
  if (algorithm === SYMMETRIC_DEFAULT) return sealSymmetric(core, key, plaintext, ec);
  return encryptRsa(core, key, algorithm, plaintext);
}

async function encryptRsa(core: KmsCore, key: KmsKey, algorithm: string, plaintext: Uint8Array): Promise<Sealed> {
  const spec = key.keySpec as 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
  const rsaAlgorithm = algorithm as RsaEncryptionAlgorithm;
  const max = rsaMaxPlaintextBytes(spec, rsaAlgorithm);
  if (plaintext.byteLength > max) throw new ValidationException(messages.rsaPlaintextTooLarge(algorithm, spec, max));
  return { blob: rsaEncrypt((await publicKeyOf(core, key)).key, rsaAlgorithm, plaintext) };
}

// --- decryption ----------------------------------------------------------------------------------------------

export interface DecryptRequestParts {
  blob: Uint8Array;
  /** The `KeyId` (or `SourceKeyId`) parameter, if given. */
  keyRef: string | undefined;
  algorithm: string;
  encryptionContext: Record<string, string> | undefined;
  /** `Decrypt` or `ReEncrypt`, for key-usage messages. */
  operation: string;
  dryRun: boolean | undefined;
}

export interface Opened {
  resolved: ResolvedKey;
  plaintext: Buffer;
  materialId?: string;
}

/**
 * The decrypting half of Decrypt and ReEncrypt. A symmetric blob names its key; a `KeyId` that names another key is
 * IncorrectKeyException. Asymmetric ciphertext is raw RSA-OAEP, so it needs the `KeyId` and an RSAES algorithm.
 * `authorize` runs once the key is known, before its usage and state are checked.
 */
export function openCiphertext(
  core: KmsCore,
  ctx: RequestContext,
  req: DecryptRequestParts,
  authorize: (resolved: ResolvedKey) => MaybePromise<void>,
): MaybePromise<Opened> {
  if (req.algorithm !== SYMMETRIC_DEFAULT && req.keyRef !== undefined) return openRsa(core, ctx, req, authorize);
  // KMS reads the blob before it compares the (defaulted) algorithm with the key: raw RSA bytes are not a blob.
  const header = parseBlob(req.blob);
  // Synchronous when the key, its grants and its material are cached (the hot path): no promise per step.
  return andThen(keyForBlob(core, ctx, header, req.keyRef), (resolved) =>
    andThen(authorize(resolved), () => {
      const { key } = resolved;
      requireUsage(key, 'ENCRYPT_DECRYPT', req.operation);
      requireUsable(core, key);
      if (key.keySpec !== SYMMETRIC_DEFAULT || req.algorithm !== SYMMETRIC_DEFAULT) throw algorithmIncompatible(req.algorithm, key);
      checkDryRun(req.dryRun);
      return andThen(core.material(key, header.materialId), (material): Opened => {
        if (!material) throw new InvalidCiphertextException(messages.invalidCiphertext);
        try {
          return { resolved, plaintext: decryptSymmetric(material, req.blob, req.encryptionContext), materialId: header.materialId };
        } catch (e) {
          if (e instanceof CryptoAuthError) throw new InvalidCiphertextException(messages.invalidCiphertext);
          throw e;
        }
      });
    }),
  );
}

function parseBlob(blob: Uint8Array): CiphertextHeader {
  try {
    return parseCiphertextHeader(blob);
  } catch (e) {
    if (e instanceof CryptoFormatError) throw new InvalidCiphertextException(messages.invalidCiphertext);
    throw e;
  }
}

/**
 * The key a blob names, in the caller's region (a multi-Region replica decrypts its primary's blobs). A blob whose
 * key this region does not have cannot be decrypted here: InvalidCiphertextException, as for another region's blob.
 */
function keyForBlob(core: KmsCore, ctx: RequestContext, header: CiphertextHeader, keyRef: string | undefined): MaybePromise<ResolvedKey> {
  if (keyRef !== undefined) {
    return andThen(core.resolve(keyRef, ctx), (resolved) => {
      if (resolved.key.keyId !== header.keyId || resolved.key.accountId !== header.accountId) {
        throw new IncorrectKeyException(messages.incorrectKey);
      }
      return resolved;
    });
  }
  return andThen(core.getKey(header.accountId, ctx.region, header.keyId), (key) => {
    if (!key) throw new InvalidCiphertextException(messages.invalidCiphertext);
    return { key };
  });
}

async function openRsa(
  core: KmsCore,
  ctx: RequestContext,
  req: DecryptRequestParts,
  authorize: (resolved: ResolvedKey) => MaybePromise<void>,
): Promise<Opened> {
  const resolved = await core.resolve(req.keyRef!, ctx);
  const { key } = resolved;
  await authorize(resolved);
  requireUsage(key, 'ENCRYPT_DECRYPT', req.operation);
  requireUsable(core, key);
  checkEncryptionAlgorithm(key, req.algorithm, req.encryptionContext);
  checkDryRun(req.dryRun);
  try {
    return { resolved, plaintext: rsaDecrypt(await privateKeyOf(core, key), req.algorithm as RsaEncryptionAlgorithm, req.blob) };
  } catch (e) {
    if (e instanceof CryptoAuthError) throw new InvalidCiphertextException(messages.invalidCiphertext);
    throw e;
  }
}

/**
 * Awaits a key pair generation (CreateKey, GenerateDataKeyPair*, GetParametersForImport): when the generation
 * workers and their queue are full, AWS's ThrottlingException, and nothing was changed.
 */
export async function generated<T>(generation: Promise<T>): Promise<T> {
  try {
    return await generation;
  } catch (e) {
    if (e instanceof KeyGenBusyError) throw new ThrottlingException(messages.throttled);
    throw e;
  }
}
