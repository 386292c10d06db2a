import type { Clock } from '../common/clock.js';
import type { Keyring } from '../store/keyring.js';
import type { Store } from '../store/types.js';
import { secretAad } from '../iam/accounts.js';
import { DEV_ACCESS_KEY_ID, DEV_ACCOUNT_ID, DEV_SECRET_ACCESS_KEY, rootPrincipal, type Principal } from './identity.js';

export interface ResolvedCredential {
  secretAccessKey: string;
  principal: Principal;
  active: boolean;
}

interface CacheEntry {
  value: ResolvedCredential | undefined;
  expiresAt: number;
}

/**
 * Finds the secret and principal of an access key id for SigV4 verification. Decrypted secrets are cached in memory
 * (never on disk) for a short time so that verification stays off the database; keys changed through this process
 * are invalidated at once, keys changed by another process are seen within the TTL.
 */
export class CredentialResolver {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    private readonly clock: Clock,
    private readonly opts: { dev: boolean; ttlMs?: number; negativeTtlMs?: number; maxEntries?: number },
  ) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.negativeTtlMs = opts.negativeTtlMs ?? 1_000;
    this.maxEntries = opts.maxEntries ?? 10_000;
  }

  /** The cached answer, when there is a fresh one; `null` when the store must be asked. */
  cached(accessKeyId: string): ResolvedCredential | undefined | null {
    const hit = this.cache.get(accessKeyId);
    if (hit && hit.expiresAt > this.clock.now()) return hit.value;
    return null;
  }

  async resolve(accessKeyId: string): Promise<ResolvedCredential | undefined> {
    const hit = this.cached(accessKeyId);
    if (hit !== null) return hit;
    const value = await this.load(accessKeyId);
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(accessKeyId, { value, expiresAt: this.clock.now() + (value ? this.ttlMs : this.negativeTtlMs) });
    return value;
  }

  invalidate(accessKeyId?: string): void {
    if (accessKeyId === undefined) this.cache.clear();
    else this.cache.delete(accessKeyId);
  }

  private async load(accessKeyId: string): Promise<ResolvedCredential | undefined> {
    if (this.opts.dev && accessKeyId === DEV_ACCESS_KEY_ID) {
      return { secretAccessKey: DEV_SECRET_ACCESS_KEY, principal: rootPrincipal(DEV_ACCOUNT_ID, accessKeyId), active: true };
    }
    const rec = await this.store.accounts.getAccessKey(accessKeyId);
    if (!rec) return undefined;
    const secret = this.keyring.open(rec.sealedSecret, secretAad(accessKeyId)).toString('utf8');
    let principal: Principal;
    if (rec.principalArn === `arn:aws:iam::${rec.accountId}:root`) {
      principal = rootPrincipal(rec.accountId, accessKeyId);
    } else {
      const name = rec.principalArn.slice(rec.principalArn.lastIndexOf('/') + 1);
      principal = { type: 'user', accountId: rec.accountId, arn: rec.principalArn, userId: rec.principalId, name, accessKeyId };
    }
    return { secretAccessKey: secret, principal, active: rec.status === 'Active' };
  }
}
