/**
 * The storage interface the domain code uses. No SQL lives outside `src/store/`. Every method is async so that a
 * PostgreSQL adapter can implement the same interface; the SQLite adapter answers synchronously underneath.
 *
 * Transactions: `store.transaction(fn)` runs `fn` in one transaction. Inside it, every area method of the same store
 * joins that transaction (the adapter tracks it with AsyncLocalStorage), so domain code never passes a handle around.
 */

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

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly accounts: AccountStore;
  readonly meta: MetaStore;
  /** Runs `fn` in one transaction; area calls made inside it (on this store) join it. Rolled back if `fn` throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
