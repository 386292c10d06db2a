import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../common/clock.js';
import type { Keyring } from '../store/keyring.js';
import type { Store } from '../store/types.js';
import { secretAad, sessionSecretAad } from '../iam/accounts.js';
import { DEV_ACCESS_KEY_ID, DEV_ACCOUNT_ID, DEV_SECRET_ACCESS_KEY, rootPrincipal, type Principal } from './identity.js';
import { SigV4Error } from './sigv4.js';

export const MSG_EXPIRED_TOKEN = 'The security token included in the request is expired';

export interface ResolvedCredential {
  secretAccessKey: string;
  principal: Principal;
  active: boolean;
  /** Set for temporary credentials (`ASIA…`): requests must carry the session token, and only until it expires. */
  session?: { tokenHash: Buffer; expiresAt: number };
}

/** Session tokens are stored as their SHA-256 only. */
export function sessionTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

interface CacheEntry {
  value: ResolvedCredential | undefined;
  expiresAt: number;
  /** The store's change counter when read (processes sharing a SQLite file; ADR 0022). */
  epoch?: number;
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
    if (hit && hit.expiresAt > this.clock.now() && hit.epoch === this.store.changes?.current()) return hit.value;
    return null;
  }

  async resolve(accessKeyId: string): Promise<ResolvedCredential | undefined> {
    const hit = this.cached(accessKeyId);
    if (hit !== null) return hit;
    const epoch = this.store.changes?.current();
    const value = await this.load(accessKeyId);
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(accessKeyId, { value, expiresAt: this.clock.now() + (value ? this.ttlMs : this.negativeTtlMs), epoch });
    return value;
  }

  /**
   * Checks the request's `X-Amz-Security-Token` against the credential: temporary credentials need their own token
   * and only work until they expire; long-term keys take none. Throws SigV4Error('unknown-key' | 'expired-token').
   */
  checkSessionToken(cred: ResolvedCredential, token: string | undefined): void {
    if (!cred.session) {
      // The development key is often used with a dummy token by tools that always send one.
      if (token !== undefined && cred.principal.accessKeyId !== DEV_ACCESS_KEY_ID) throw new SigV4Error('unknown-key', 'unexpected session token');
      return;
    }
    const given = token === undefined ? undefined : sessionTokenHash(token);
    if (!given || !timingSafeEqual(given, cred.session.tokenHash)) throw new SigV4Error('unknown-key', 'wrong session token');
    if (this.clock.now() >= cred.session.expiresAt) throw new SigV4Error('expired-token', MSG_EXPIRED_TOKEN);
  }

  invalidate(accessKeyId?: string): void {
    if (accessKeyId === undefined) this.cache.clear();
    else this.cache.delete(accessKeyId);
  }

  private async load(accessKeyId: string): Promise<ResolvedCredential | undefined> {
    if (this.opts.dev && accessKeyId === DEV_ACCESS_KEY_ID) {
      return { secretAccessKey: DEV_SECRET_ACCESS_KEY, principal: rootPrincipal(DEV_ACCOUNT_ID, accessKeyId), active: true };
    }
    if (accessKeyId.startsWith('ASIA')) return this.loadSession(accessKeyId);
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

  private async loadSession(accessKeyId: string): Promise<ResolvedCredential | undefined> {
    const rec = await this.store.iam.getSession(accessKeyId);
    if (!rec) return undefined;
    const secret = this.keyring.open(rec.sealedSecret, sessionSecretAad(accessKeyId)).toString('utf8');
    // Sessions are never obtained with MFA here (STS refuses SerialNumber/TokenCode), so policies see
    // aws:MultiFactorAuthPresent false and no aws:MultiFactorAuthAge.
    const principal: Principal = { ...rec.principal, accountId: rec.accountId, accessKeyId, session: { issuedAt: rec.createdAt } };
    return { secretAccessKey: secret, principal, active: true, session: { tokenHash: rec.tokenHash, expiresAt: rec.expiresAt } };
  }
}
