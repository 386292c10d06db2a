/**
 * What the key-lifecycle operations share: finding the key a request names (with KMS's cross-account rules),
 * authorizing, the key-state rules of the key-states table, tag validation, markers, multi-Region families and
 * material rotation.
 */
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../common/operation.js';
import { globalConditionContext } from '../../auth/conditionContext.js';
import {
  DisabledException,
  InvalidMarkerException,
  KMSInvalidStateException,
  NotFoundException,
  TagException,
  UnsupportedOperationException,
} from '../../protocol/generated/kms.js';
import type { Tag } from '../../protocol/generated/kms.js';
import { baseConditionContext } from '../authorize.js';
import { materialAad, type KmsCore, type ResolvedKey } from '../core.js';
import { generateKeyMaterialAsync } from '../crypto/keys.js';
import { messages } from '../messages.js';
import type { KeyMaterialRecord, KmsKey } from '../model.js';

export const DAY_MS = 86_400_000;
/** AWS's quota of tags per KMS key. */
export const MAX_TAGS = 50;
/** AWS's quota of on-demand rotations per KMS key. */
export const ON_DEMAND_ROTATION_LIMIT = 25;
/** AWS's key policy size limit (bytes). */
export const MAX_POLICY_BYTES = 32_768;

/** A new key material id: 64 hex digits, the form KMS reports as `CurrentKeyMaterialId`. */
export function newMaterialId(): string {
  return randomBytes(32).toString('hex');
}

export interface LoadOptions {
  /** Whether the operation accepts an alias name or alias ARN as `KeyId`. */
  aliases?: boolean;
  /** Whether the operation accepts a key of another account (named by its ARN). */
  crossAccount?: boolean;
}

/**
 * The key a `KeyId` names. Operations that AWS documents as "Cross-account use: No" treat another account's key ARN
 * as a key that does not exist in the caller's account.
 */
export async function loadKey(core: KmsCore, ref: string, ctx: RequestContext, opts: LoadOptions = {}): Promise<ResolvedKey> {
  const resolved = await core.resolve(ref, ctx, { aliases: opts.aliases ?? false });
  if (!opts.crossAccount && resolved.key.accountId !== ctx.principal.accountId) {
    throw new NotFoundException(messages.keyNotFound(resolved.key.arn));
  }
  return resolved;
}

/** Authorizes `action` on the key under its key policy (and IAM), with the operation's own condition keys. */
export async function authorizeKey(
  core: KmsCore,
  ctx: RequestContext,
  resolved: ResolvedKey | KmsKey,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const key = 'key' in resolved ? resolved.key : resolved;
  const context = baseConditionContext(ctx, key);
  if ('key' in resolved && resolved.alias) context['kms:RequestAlias'] = resolved.alias;
  Object.assign(context, extra);
  await core.authorizer.authorize({ ctx, key, action, context });
}

/**
 * What most key-lifecycle operations start with: the key a `KeyId` names (key ID or key ARN, in the caller's account
 * unless `opts` say otherwise), with `action` authorized on it.
 */
export async function loadAuthorized(
  core: KmsCore,
  ref: string,
  ctx: RequestContext,
  action: string,
  extra: Record<string, unknown> = {},
  opts: LoadOptions = {},
): Promise<KmsKey> {
  const resolved = await loadKey(core, ref, ctx, opts);
  await authorizeKey(core, ctx, resolved, action, extra);
  return resolved.key;
}

/** Condition context for actions on a non-key resource (aliases, `*`). */
export function requestContext(ctx: RequestContext, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = globalConditionContext(ctx);
  c['kms:CallerAccount'] = ctx.principal.accountId;
  if (ctx.viaService) c['kms:ViaService'] = ctx.viaService;
  return Object.assign(c, extra);
}

/** `aws:RequestTag/<k>` and `aws:TagKeys` for a request carrying tags or tag keys. */
export function tagConditionKeys(tags: readonly Tag[] | undefined, keys?: readonly string[]): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (tags) {
    for (const t of tags) c[`aws:RequestTag/${t.TagKey}`] = t.TagValue;
    c['aws:TagKeys'] = tags.map((t) => t.TagKey);
  }
  if (keys) c['aws:TagKeys'] = [...keys];
  return c;
}

// --- key states (the KMS key-states table) -------------------------------------------------------------------

/** Whether the key waits for deletion (its own window, or a multi-Region primary waiting for its replicas). */
export function isPendingDeletion(key: KmsKey): boolean {
  return key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion';
}

/** Management operations refused while the key is pending deletion (footnote 3). */
export function requireNotPendingDeletion(core: KmsCore, key: KmsKey): void {
  core.requireNotPendingDeletion(key);
}

/** EnableKey / DisableKey: refused while pending import (footnote 5) or pending deletion (footnote 3). */
export function requireNotPendingImportOrDeletion(core: KmsCore, key: KmsKey): void {
  core.requireNotPendingDeletion(key);
  if (key.state === 'PendingImport') throw new KMSInvalidStateException(messages.pendingImport(key.arn));
}

/**
 * Rotation operations: symmetric encryption keys with KMS-generated material only (footnotes 6 and 7), then the
 * key must be enabled (footnote 1) and not pending deletion (footnote 3).
 */
export function requireRotatable(key: KmsKey, opts: { needEnabled: boolean }): void {
  requireRotationSupported(key);
  if (isPendingDeletion(key)) throw new KMSInvalidStateException(messages.pendingDeletion(key.arn));
  if (opts.needEnabled && key.state === 'Disabled') throw new DisabledException(messages.disabled(key.arn));
}

/** Only symmetric encryption keys with KMS-generated material have automatic rotation (footnotes 6 and 7). */
export function requireRotationSupported(key: KmsKey): void {
  if (key.origin !== 'AWS_KMS') throw new UnsupportedOperationException(messages.originNotValid(key.arn, key.origin));
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException(messages.keySpecNotValid(key.arn, key.keySpec));
}

/** Rotation of a multi-Region key is managed on its primary key; its replicas follow. */
export function requireNotReplica(key: KmsKey): void {
  if (key.multiRegion?.type === 'REPLICA') throw new UnsupportedOperationException(messages.replicaRotation(key.arn));
}

// --- key policies --------------------------------------------------------------------------------------------

/** The only key policy name KMS has. */
export const DEFAULT_POLICY_NAME = 'default';

/** `PolicyName` defaults to `default`, the only name KMS knows; any other name is a policy that does not exist. */
export function requireDefaultPolicyName(name: string | undefined): string {
  if (name !== undefined && name !== DEFAULT_POLICY_NAME) throw new NotFoundException(messages.noSuchPolicy);
  return DEFAULT_POLICY_NAME;
}

// --- tags ----------------------------------------------------------------------------------------------------

/** TagException rules shared by CreateKey, TagResource and ReplicateKey. */
export function validateTags(tags: readonly Tag[]): void {
  const keys = new Set<string>();
  for (const t of tags) {
    if (keys.has(t.TagKey)) throw new TagException(messages.duplicateTagKeys);
    keys.add(t.TagKey);
  }
  if (tags.length > MAX_TAGS) throw new TagException(messages.tooManyTags);
  for (const t of tags) {
    if (t.TagKey.toLowerCase().startsWith('aws:')) throw new TagException(messages.tagsReserved);
  }
}

/** The key's tags with `tags` applied: an existing key takes the new value, keeping its place. */
export function mergeTags(current: KmsKey['tags'], tags: readonly Tag[]): KmsKey['tags'] {
  const out = current.map((t) => ({ ...t }));
  for (const t of tags) {
    const hit = out.find((x) => x.key === t.TagKey);
    if (hit) hit.value = t.TagValue;
    else out.push({ key: t.TagKey, value: t.TagValue });
  }
  if (out.length > MAX_TAGS) throw new TagException(messages.tooManyTags);
  return out;
}

export function wireTags(tags: KmsKey['tags']): Tag[] {
  return tags.map((t) => ({ TagKey: t.key, TagValue: t.value }));
}

// --- pagination ----------------------------------------------------------------------------------------------

/** Opaque markers: the store's position, base64url-encoded with a prefix naming the listing. */
export function encodeMarker(kind: string, position: string): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

export function decodeMarker(kind: string, marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const text = /^[A-Za-z0-9_-]+$/.test(marker) ? Buffer.from(marker, 'base64url').toString('utf8') : '';
  if (!text.startsWith(`${kind}:`)) throw new InvalidMarkerException(messages.invalidMarker);
  return text.slice(kind.length + 1);
}

/** A page of an in-memory list, by index. */
export function pageOf<T>(kind: string, items: readonly T[], limit: number, marker: string | undefined): { items: T[]; next?: string } {
  const pos = decodeMarker(kind, marker);
  const start = pos === undefined ? 0 : Number(pos);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new InvalidMarkerException(messages.invalidMarker);
  const slice = items.slice(start, start + limit);
  const end = start + slice.length;
  return end < items.length ? { items: slice, next: encodeMarker(kind, String(end)) } : { items: slice };
}

// --- multi-Region families -----------------------------------------------------------------------------------

/** Every key of a multi-Region key's family (primary and replicas) that exists, the given one included. */
export async function familyOf(core: KmsCore, key: KmsKey): Promise<KmsKey[]> {
  const mr = key.multiRegion;
  if (!mr) return [key];
  const regions = [mr.primaryRegion, ...mr.replicaRegions];
  const out: KmsKey[] = [];
  for (const region of regions) {
    if (region === key.region) {
      out.push(key);
      continue;
    }
    const k = await core.store.kms.getKey(key.accountId, region, key.keyId);
    if (k) out.push(k);
  }
  return out;
}

/** Whether the key is a multi-Region primary with at least one replica that still exists. */
export async function hasReplicas(core: KmsCore, key: KmsKey): Promise<boolean> {
  if (key.multiRegion?.type !== 'PRIMARY') return false;
  return (await familyOf(core, key)).some((m) => m.region !== key.region);
}

/** The primary key of a multi-Region family (the key itself when it is the primary or not multi-Region). */
export async function primaryOf(core: KmsCore, key: KmsKey): Promise<KmsKey> {
  const mr = key.multiRegion;
  if (!mr || mr.type === 'PRIMARY') return key;
  return (await core.store.kms.getKey(key.accountId, mr.primaryRegion, key.keyId)) ?? key;
}

/** Copies one material record to another key of the family, sealed for its new place; dates are kept. */
export async function copyMaterial(core: KmsCore, to: KmsKey, rec: KeyMaterialRecord, plain: Buffer): Promise<void> {
  const copy: KeyMaterialRecord = {
    accountId: to.accountId,
    region: to.region,
    keyId: to.keyId,
    materialId: rec.materialId,
    createdAt: rec.createdAt,
    origin: rec.origin,
    sealed: core.keyring.seal(plain, materialAad({ ...to, materialId: rec.materialId })),
  };
  if (rec.expiresAt !== undefined) copy.expiresAt = rec.expiresAt;
  await core.store.kms.putMaterial(copy);
}

/**
 * Rotates a symmetric key: new material becomes current for the key and every replica of its family; earlier
 * material stays for decryption. Returns the saved key.
 */
export async function rotateMaterial(core: KmsCore, key: KmsKey, type: 'AUTOMATIC' | 'ON_DEMAND', now: number): Promise<KmsKey> {
  const materialId = newMaterialId();
  const plain = await generateKeyMaterialAsync(key.keySpec);
  const rec: KeyMaterialRecord = {
    accountId: key.accountId,
    region: key.region,
    keyId: key.keyId,
    materialId,
    createdAt: now,
    origin: type,
    sealed: Buffer.alloc(0),
  };
  let saved = key;
  for (const member of await familyOf(core, key)) {
    await copyMaterial(core, member, rec, plain);
    const next: KmsKey = { ...member, currentMaterialId: materialId };
    if (member.region === key.region) {
      if (type === 'ON_DEMAND') next.rotation = { ...next.rotation, onDemandCount: next.rotation.onDemandCount + 1 };
      saved = await core.saveKey(next);
    } else {
      await core.saveKey(next);
    }
  }
  plain.fill(0);
  return saved;
}

/** Writes the family's shared multi-Region view (primary region, replica regions) to every member. */
export async function saveFamilyConfig(core: KmsCore, members: KmsKey[], primaryRegion: string, replicaRegions: string[]): Promise<KmsKey[]> {
  const out: KmsKey[] = [];
  for (const m of members) {
    const type = m.region === primaryRegion ? 'PRIMARY' : 'REPLICA';
    const next: KmsKey = { ...m, multiRegion: { type, primaryRegion, replicaRegions: [...replicaRegions] } };
    out.push(await core.saveKey(next));
  }
  return out;
}


