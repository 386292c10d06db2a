import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MetaStore } from './types.js';

/**
 * Everything secret at rest is sealed under the keyring, in the manner of Vault's barrier: a 256-bit master key
 * (kept outside the database) encrypts the keyring, and the keyring's current term key encrypts each value. Rotating
 * adds a term; old terms stay so old values keep opening.
 *
 * Sealed value: 0x01 | term (uint32 BE) | iv (12) | ciphertext | tag (16), AES-256-GCM with AAD = the caller's
 * `aad` string (where the value lives, e.g. `access-key/AKIA…/secret`), so a sealed value moved elsewhere fails to open.
 */
const SEALED_VERSION = 1;
const KEYRING_META = 'keyring';
const KEYRING_AAD = 'logseal/keyring/v1';

interface KeyringFile {
  active: number;
  terms: { term: number; key: string; createdAt: number }[];
}

export class MasterKeyMismatchError extends Error {
  constructor(where = 'this data directory') {
    super(
      `The master key does not open ${where} (wrong LOGSEAL_MASTER_KEY or master.key?). ` +
        'Every instance must use the master key the data was created with; refusing to serve.',
    );
  }
}

export class SealedValueError extends Error {
  constructor(reason: string) {
    super(`sealed value cannot be opened: ${reason}`);
  }
}

export class Keyring {
  private constructor(
    private readonly meta: MetaStore,
    private readonly masterKey: Buffer,
    private readonly terms: Map<number, Buffer>,
    private active: number,
  ) {}

  /** Opens the keyring stored in `meta`, creating it on first use. */
  static async open(meta: MetaStore, masterKey: Buffer, now: number = Date.now(), where?: string): Promise<Keyring> {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
    let sealed = await meta.get(KEYRING_META);
    if (!sealed) {
      const ring = new Keyring(meta, masterKey, new Map([[1, randomBytes(32)]]), 1);
      // Several instances may start on an empty database at once: the first keyring stored wins, the others use it.
      if (await ring.persist(now, true)) return ring;
      sealed = (await meta.get(KEYRING_META))!;
    }
    let file: KeyringFile;
    try {
      file = JSON.parse(aesOpen(masterKey, sealed, KEYRING_AAD).toString('utf8')) as KeyringFile;
    } catch {
      throw new MasterKeyMismatchError(where);
    }
    const terms = new Map(file.terms.map((t) => [t.term, Buffer.from(t.key, 'base64')] as const));
    const ring = new Keyring(meta, masterKey, terms, file.active);
    ring.created = new Map(file.terms.map((t) => [t.term, t.createdAt] as const));
    return ring;
  }

  private created = new Map<number, number>();

  get activeTerm(): number {
    return this.active;
  }

  seal(plaintext: Uint8Array, aad: string): Buffer {
    const key = this.terms.get(this.active)!;
    const header = Buffer.alloc(5);
    header[0] = SEALED_VERSION;
    header.writeUInt32BE(this.active, 1);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.concat([header, Buffer.from(aad, 'utf8')]));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, iv, ct, cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array, aad: string): Buffer {
    const buf = Buffer.isBuffer(sealed) ? sealed : Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (buf.length < 5 + 12 + 16 || buf[0] !== SEALED_VERSION) throw new SealedValueError('unknown format');
    const term = buf.readUInt32BE(1);
    const key = this.terms.get(term);
    if (!key) throw new SealedValueError(`unknown keyring term ${term}`);
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(5, 17));
    decipher.setAAD(Buffer.concat([buf.subarray(0, 5), Buffer.from(aad, 'utf8')]));
    decipher.setAuthTag(buf.subarray(buf.length - 16));
    try {
      return Buffer.concat([decipher.update(buf.subarray(17, buf.length - 16)), decipher.final()]);
    } catch {
      throw new SealedValueError('authentication failed');
    }
  }

  /** Adds a new term and makes it active; values sealed under older terms still open. */
  async rotate(now: number = Date.now()): Promise<number> {
    const next = Math.max(...this.terms.keys()) + 1;
    this.terms.set(next, randomBytes(32));
    this.active = next;
    await this.persist(now);
    return next;
  }

  /** Stores the keyring; with `onlyIfAbsent`, only when none is stored yet (returns whether it was stored). */
  private async persist(now: number, onlyIfAbsent = false): Promise<boolean> {
    const file: KeyringFile = {
      active: this.active,
      terms: [...this.terms].map(([term, key]) => ({ term, key: key.toString('base64'), createdAt: this.created.get(term) ?? now })),
    };
    for (const t of file.terms) this.created.set(t.term, t.createdAt);
    const sealed = aesSeal(this.masterKey, Buffer.from(JSON.stringify(file), 'utf8'), KEYRING_AAD);
    if (onlyIfAbsent) return this.meta.insert(KEYRING_META, sealed);
    await this.meta.put(KEYRING_META, sealed);
    return true;
  }
}

function aesSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ct, cipher.getAuthTag()]);
}

function aesOpen(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}
