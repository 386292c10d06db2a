/**
 * The storage interface the domain code uses. No SQL lives outside `src/store/`. Every method is async so that a
 * PostgreSQL adapter can implement the same interface; the SQLite adapter answers synchronously underneath.
 *
 * Transactions: `store.transaction(fn)` runs `fn` in one transaction. Inside it, every area method of the same store
 * joins that transaction (the adapter tracks it with AsyncLocalStorage), so domain code never passes a handle around.
 */

import type { AliasRecord, GrantRecord, ImportParametersRecord, KeyMaterialRecord, KmsKey } from '../kms/model.js';

export interface AccountRecord {
  accountId: string;
  createdAt: number;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRecord {
  accessKeyId: string;
  accountId: string;
  /** Whose key it is: the account root (`arn:aws:iam::A:root`) or an IAM user's ARN. */
  principalArn: string;
  /** The owner's unique id: the account id for the root, `AIDA…` for a user. */
  principalId: string;
  status: AccessKeyStatus;
  createdAt: number;
  /** The secret access key, sealed under the keyring (never stored in plaintext). */
  sealedSecret: Buffer;
}

export interface AccountStore {
  createAccount(account: AccountRecord): Promise<void>;
  getAccount(accountId: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;
  putAccessKey(key: AccessKeyRecord): Promise<void>;
  getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  listAccessKeys(accountId: string, principalArn?: string): Promise<AccessKeyRecord[]>;
  setAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean>;
  deleteAccessKey(accessKeyId: string): Promise<boolean>;
}

/** Small named values the server itself keeps (the sealed keyring, settings). */
export interface MetaStore {
  get(name: string): Promise<Buffer | undefined>;
  put(name: string, value: Buffer): Promise<void>;
}

export interface Page<T> {
  items: T[];
  /** Set when there are more: pass it back as `after` to continue. */
  next?: string;
}

/** KMS keys, their sealed material, aliases, grants and pending import parameters. */
export interface KmsStore {
  getKey(accountId: string, region: string, keyId: string): Promise<KmsKey | undefined>;
  /** Inserts or replaces the key. */
  putKey(key: KmsKey): Promise<void>;
  /** Removes the key with its material, aliases, grants and import parameters. */
  deleteKey(accountId: string, region: string, keyId: string): Promise<void>;
  listKeys(accountId: string, region: string, limit: number, after?: string): Promise<Page<KmsKey>>;
  /** Keys whose deletion date or automatic rotation date is at or before `now` (any account and region). */
  keysDue(now: number, limit: number): Promise<KmsKey[]>;

  putMaterial(m: KeyMaterialRecord): Promise<void>;
  getMaterial(accountId: string, region: string, keyId: string, materialId: string): Promise<KeyMaterialRecord | undefined>;
  listMaterials(accountId: string, region: string, keyId: string): Promise<KeyMaterialRecord[]>;
  deleteMaterials(accountId: string, region: string, keyId: string): Promise<void>;

  putAlias(a: AliasRecord): Promise<void>;
  getAlias(accountId: string, region: string, aliasName: string): Promise<AliasRecord | undefined>;
  deleteAlias(accountId: string, region: string, aliasName: string): Promise<boolean>;
  /** Aliases ordered by name; with `keyId`, only that key's. */
  listAliases(accountId: string, region: string, limit: number, after?: string, keyId?: string): Promise<Page<AliasRecord>>;

  putGrant(g: GrantRecord): Promise<void>;
  getGrant(accountId: string, region: string, keyId: string, grantId: string): Promise<GrantRecord | undefined>;
  findGrant(grantId: string): Promise<GrantRecord | undefined>;
  deleteGrant(grantId: string): Promise<boolean>;
  /** A key's grants ordered by creation. */
  listGrants(accountId: string, region: string, keyId: string): Promise<GrantRecord[]>;
  /** Grants (any key, this region) whose retiring principal is `principal`. */
  listRetirableGrants(region: string, principal: string): Promise<GrantRecord[]>;

  putImportParameters(p: ImportParametersRecord): Promise<void>;
  getImportParameters(accountId: string, region: string, keyId: string): Promise<ImportParametersRecord | undefined>;
  deleteImportParameters(accountId: string, region: string, keyId: string): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly accounts: AccountStore;
  readonly kms: KmsStore;
  readonly meta: MetaStore;
  /** Runs `fn` in one transaction; area calls made inside it (on this store) join it. Rolled back if `fn` throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
