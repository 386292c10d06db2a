import type { Clock } from '../common/clock.js';
import { andThen, type MaybePromise } from '../common/maybePromise.js';
import type { RequestContext } from '../common/operation.js';
import type { Keyring } from '../store/keyring.js';
import type { ChangeFeed, Store } from '../store/types.js';
import { DisabledException, KMSInvalidStateException, NotFoundException } from '../protocol/generated/kms.js';
import { Authorizer } from '../auth/authorize.js';
import { KmsAuthorizer, noIdentityPolicies, noPrincipals, type IdentityPolicySource, type PrincipalDirectory } from './authorize.js';
import { AccessDeniedException } from './errors.js';
import { aliasArn, keyArn, parseKeyRef } from './keyRefs.js';
import { ensureManagedKey, isPredefinedAlias } from './managedKeys.js';
import { messages } from './messages.js';
import type { GrantRecord, KeyMaterialRecord, KmsKey } from './model.js';

export interface KmsDeps {
  store: Store;
  keyring: Keyring;
  clock: Clock;
  identities?: IdentityPolicySource;
  /** Whether an IAM user, role or session ARN exists (key policies naming one that does not are refused). */
  principalExists?(arn: string): boolean;
  /** IAM users and roles by ARN and unique id: key policies and grants bind the users and roles they name to ids. */
  principals?: PrincipalDirectory;
  /** How long key documents are served from memory before the store is asked again (ms). */
  cacheTtlMs?: number;
  /** Told when the scheduler has deleted a key for good (after the commit). */
  onKeyDeleted?(keyArn: string): void;
}

export interface ResolvedKey {
  key: KmsKey;
  /** The alias name when the caller named the key by an alias (for `kms:RequestAlias`). */
  alias?: string;
}

/** Where a sealed key material lives; bound into the seal. */
export function materialAad(m: { accountId: string; region: string; keyId: string; materialId: string }): string {
  return `kms/${m.accountId}/${m.region}/${m.keyId}/material/${m.materialId}`;
}

/**
 * How long unsealed material stays in memory. Material is only used after the key's (briefly cached) state allows
 * it; the bound drops material of keys changed through another instance (imported material deleted there).
 */
const MATERIAL_TTL_MS = 60_000;

interface Cached<T> {
  value: T;
  expiresAt: number;
  /** The store's change counter when the value was read (processes sharing a SQLite file). */
  epoch?: number;
}

/**
 * What every KMS operation shares: finding a key from any `KeyId` form, its state checks, its (unsealed) material,
 * authorization, and saving. Key documents and unsealed material are cached in memory, never written in plaintext.
 */
export class KmsCore {
  readonly store: Store;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly authorizer: KmsAuthorizer;
  readonly principalExists: (arn: string) => boolean;
  readonly principals: PrincipalDirectory;
  readonly onKeyDeleted: (keyArn: string) => void;
  /** IAM policies of users and roles, for actions whose resource is not a key (aliases, `*`). */
  readonly identities: IdentityPolicySource;
  /** The IAM-only decision every other service uses, for those actions (KMS knows no principal tags). */
  private readonly identityAuthorizer: Authorizer;
  private readonly ttl: number;
  private readonly keys = new Map<string, Cached<KmsKey | undefined>>();
  private readonly aliases = new Map<string, Cached<string | undefined>>();
  /** Unsealed material, kept for MATERIAL_TTL_MS at most (every use checks the key's state first). */
  private readonly materials = new Map<string, Cached<Buffer>>();
  private readonly grants = new Map<string, Cached<GrantRecord[]>>();
  /** Other processes' changes to the same SQLite file (undefined otherwise). */
  private readonly changes: ChangeFeed | undefined;

  constructor(deps: KmsDeps) {
    this.store = deps.store;
    this.keyring = deps.keyring;
    this.clock = deps.clock;
    this.principals = deps.principals ?? noPrincipals;
    this.authorizer = new KmsAuthorizer(deps.identities ?? noIdentityPolicies, this.principals);
    this.principalExists = deps.principalExists ?? (() => false);
    this.onKeyDeleted = deps.onKeyDeleted ?? (() => {});
    this.identities = deps.identities ?? noIdentityPolicies;
    const identities = this.identities;
    this.identityAuthorizer = new Authorizer(
      { policiesFor: (p) => identities.policiesFor(p), principalTags: () => ({}) },
      (message) => new AccessDeniedException(message),
    );
    this.ttl = deps.cacheTtlMs ?? 1000;
    this.changes = deps.store.changes;
  }

  /** A cached entry is used while young enough and, with other processes on the file, while nothing changed since. */
  private fresh<T>(hit: Cached<T> | undefined, now: number, epoch: number | undefined): hit is Cached<T> {
    return hit !== undefined && hit.expiresAt > now && hit.epoch === epoch;
  }

  keyArn(region: string, accountId: string, keyId: string): string {
    return keyArn(region, accountId, keyId);
  }

  /**
   * Finds the key a `KeyId` parameter names: key id, key ARN, and (where the operation allows) alias name or alias
   * ARN. Only ARNs reach another account. Throws AWS's NotFoundException otherwise.
   */
  resolve(ref: string, ctx: RequestContext, opts: { aliases: boolean } = { aliases: true }): MaybePromise<ResolvedKey> {
    const parsed = parseKeyRef(ref);
    const region = ctx.region;
    switch (parsed.kind) {
      case 'keyId':
        return andThen(this.mustGet(ctx.principal.accountId, region, parsed.keyId), (key) => ({ key }));
      case 'keyArn':
        if (parsed.region !== region) throw new NotFoundException(messages.invalidArn(parsed.region));
        return andThen(this.mustGet(parsed.accountId, region, parsed.keyId), (key) => ({ key }));
      case 'aliasName':
      case 'aliasArn': {
        if (!opts.aliases) throw new NotFoundException(messages.invalidKeyId(ref));
        const account = parsed.kind === 'aliasArn' ? parsed.accountId : ctx.principal.accountId;
        if (parsed.kind === 'aliasArn' && parsed.region !== region) throw new NotFoundException(messages.invalidArn(parsed.region));
        return andThen(this.aliasTarget(account, region, parsed.aliasName), (cached) => {
          // The first use of a predefined alias creates its AWS managed key.
          const target =
            !cached && account === ctx.principal.accountId && isPredefinedAlias(parsed.aliasName)
              ? ensureManagedKey(this, account, region, parsed.aliasName)
              : cached;
          return andThen(target, (keyId) => {
            if (!keyId) throw new NotFoundException(messages.aliasNotFound(aliasArn(region, account, parsed.aliasName)));
            return andThen(this.mustGet(account, region, keyId), (key) => ({ key, alias: parsed.aliasName }));
          });
        });
      }
      default:
        throw new NotFoundException(messages.invalidKeyId(ref));
    }
  }

  /** The key from memory when cached and fresh (no promise then), else from the store. */
  getKey(accountId: string, region: string, keyId: string): MaybePromise<KmsKey | undefined> {
    const k = `${accountId}/${region}/${keyId}`;
    const now = this.clock.now();
    const epoch = this.changes?.current();
    const hit = this.keys.get(k);
    if (this.fresh(hit, now, epoch)) return hit.value;
    return this.loadKey(k, accountId, region, keyId, now, epoch);
  }

  private async loadKey(k: string, accountId: string, region: string, keyId: string, now: number, epoch: number | undefined): Promise<KmsKey | undefined> {
    const value = await this.store.kms.getKey(accountId, region, keyId);
    this.remember(this.keys, k, { value, expiresAt: now + this.ttl, epoch });
    return value;
  }

  mustGet(accountId: string, region: string, keyId: string): MaybePromise<KmsKey> {
    return andThen(this.getKey(accountId, region, keyId), (key) => {
      if (!key) throw new NotFoundException(messages.keyNotFound(keyArn(region, accountId, keyId)));
      return key;
    });
  }

  aliasTarget(accountId: string, region: string, aliasName: string): MaybePromise<string | undefined> {
    const k = `${accountId}/${region}/${aliasName}`;
    const now = this.clock.now();
    const epoch = this.changes?.current();
    const hit = this.aliases.get(k);
    if (this.fresh(hit, now, epoch)) return hit.value;
    return this.store.kms.getAlias(accountId, region, aliasName).then((alias) => {
      const value = alias?.targetKeyId;
      this.remember(this.aliases, k, { value, expiresAt: now + this.ttl, epoch });
      return value;
    });
  }

  /** Saves a changed key (bumping its version) and drops cached copies. */
  async saveKey(key: KmsKey): Promise<KmsKey> {
    const saved = { ...key, version: key.version + 1 };
    await this.store.kms.putKey(saved);
    this.keys.delete(`${key.accountId}/${key.region}/${key.keyId}`);
    return saved;
  }

  /** Drops every cached thing about a key (after it is deleted). */
  forgetKey(key: KmsKey): void {
    this.keys.delete(`${key.accountId}/${key.region}/${key.keyId}`);
    const prefix = `${key.accountId}/${key.region}/${key.keyId}/`;
    for (const k of [...this.materials.keys()]) if (k.startsWith(prefix)) this.materials.delete(k);
    this.authorizer.forget(key);
    this.forgetGrants(key);
  }

  forgetAlias(accountId: string, region: string, aliasName: string): void {
    this.aliases.delete(`${accountId}/${region}/${aliasName}`);
  }

  /** Seals and stores new material for a key. */
  async putMaterial(key: KmsKey, materialId: string, material: Buffer, origin: KeyMaterialRecord['origin'], expiresAt?: number): Promise<void> {
    const rec: KeyMaterialRecord = {
      accountId: key.accountId,
      region: key.region,
      keyId: key.keyId,
      materialId,
      createdAt: this.clock.now(),
      origin,
      sealed: this.keyring.seal(material, materialAad({ ...key, materialId })),
    };
    if (expiresAt !== undefined) rec.expiresAt = expiresAt;
    await this.store.kms.putMaterial(rec);
    this.remember(this.materials, `${key.accountId}/${key.region}/${key.keyId}/${materialId}`, {
      value: Buffer.from(material),
      expiresAt: this.clock.now() + MATERIAL_TTL_MS,
      epoch: this.changes?.current(),
    });
  }

  /** The unsealed material `materialId` of the key (the current one by default), or undefined if it is gone. */
  material(key: KmsKey, materialId: string | undefined = key.currentMaterialId): MaybePromise<Buffer | undefined> {
    if (materialId === undefined) return undefined;
    const k = `${key.accountId}/${key.region}/${key.keyId}/${materialId}`;
    const now = this.clock.now();
    const epoch = this.changes?.current();
    const hit = this.materials.get(k);
    if (this.fresh(hit, now, epoch)) return hit.value;
    return this.store.kms.getMaterial(key.accountId, key.region, key.keyId, materialId).then((rec) => {
      if (!rec) {
        this.materials.delete(k);
        return undefined;
      }
      const plain = this.keyring.open(rec.sealed, materialAad(rec));
      this.remember(this.materials, k, { value: plain, expiresAt: now + MATERIAL_TTL_MS, epoch });
      return plain;
    });
  }

  /** The key's grants (cached briefly; grant operations call `forgetGrants` so a new grant is usable at once). */
  grantsFor(key: KmsKey): MaybePromise<GrantRecord[]> {
    const k = `${key.accountId}/${key.region}/${key.keyId}`;
    const now = this.clock.now();
    const epoch = this.changes?.current();
    const hit = this.grants.get(k);
    if (this.fresh(hit, now, epoch)) return hit.value;
    return this.store.kms.listGrants(key.accountId, key.region, key.keyId).then((value) => {
      this.remember(this.grants, k, { value, expiresAt: now + this.ttl, epoch });
      return value;
    });
  }

  /** Drops the cached grants of a key (after CreateGrant, RetireGrant, RevokeGrant or key deletion). */
  forgetGrants(key: { accountId: string; region: string; keyId: string }): void {
    this.grants.delete(`${key.accountId}/${key.region}/${key.keyId}`);
  }

  /** Drops cached unsealed material of a key (after material is deleted). */
  forgetMaterial(key: KmsKey): void {
    const prefix = `${key.accountId}/${key.region}/${key.keyId}/`;
    for (const k of [...this.materials.keys()]) if (k.startsWith(prefix)) this.materials.delete(k);
  }

  /**
   * Authorizes an action on a resource that has no key policy (an alias ARN, or `*` for CreateKey, ListKeys,
   * ListAliases): only IAM policies decide. The account root needs none within its own account.
   */
  async authorizeIdentity(ctx: RequestContext, action: string, resource: string, context: Record<string, unknown>): Promise<void> {
    await this.identityAuthorizer.authorize(ctx, action, resource, context);
  }

  /** Key-state check for cryptographic operations (the KMS key-states table). */
  requireUsable(key: KmsKey): void {
    switch (key.state) {
      case 'Enabled':
        return;
      case 'Disabled':
        throw new DisabledException(messages.disabled(key.arn));
      case 'PendingDeletion':
      case 'PendingReplicaDeletion':
        throw new KMSInvalidStateException(messages.pendingDeletion(key.arn));
      case 'PendingImport':
        throw new KMSInvalidStateException(messages.pendingImport(key.arn));
      default:
        throw new KMSInvalidStateException(messages.unavailable(key.arn));
    }
  }

  /** Key-state check for management operations refused while a key is pending deletion. */
  requireNotPendingDeletion(key: KmsKey): void {
    if (key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion') {
      throw new KMSInvalidStateException(messages.pendingDeletion(key.arn));
    }
  }

  private remember<T>(map: Map<string, T>, k: string, v: T): void {
    if (map.size >= 50_000) map.clear();
    map.set(k, v);
  }
}
