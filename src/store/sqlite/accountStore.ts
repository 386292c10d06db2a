import type { AccessKeyRecord, AccessKeyStatus, AccountRecord, AccountStore } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

interface AccessKeyRow {
  access_key_id: string;
  account_id: string;
  principal_arn: string;
  principal_id: string;
  status: AccessKeyStatus;
  created_at: number;
  sealed_secret: Buffer;
}

function toKey(r: AccessKeyRow): AccessKeyRecord {
  return {
    accessKeyId: r.access_key_id,
    accountId: r.account_id,
    principalArn: r.principal_arn,
    principalId: r.principal_id,
    status: r.status,
    createdAt: r.created_at,
    sealedSecret: r.sealed_secret,
  };
}

export class SqliteAccountStore implements AccountStore {
  constructor(private readonly s: SqliteStore) {}

  async createAccount(a: AccountRecord): Promise<void> {
    await this.s.write((p) => p('INSERT INTO accounts (account_id, created_at) VALUES (?, ?)').run(a.accountId, a.createdAt));
  }

  async getAccount(accountId: string): Promise<AccountRecord | undefined> {
    const r = this.s.readStmt('SELECT account_id, created_at FROM accounts WHERE account_id = ?').get(accountId) as
      | { account_id: string; created_at: number }
      | undefined;
    return r && { accountId: r.account_id, createdAt: r.created_at };
  }

  async listAccounts(): Promise<AccountRecord[]> {
    const rows = this.s.readStmt('SELECT account_id, created_at FROM accounts ORDER BY created_at, account_id').all() as {
      account_id: string;
      created_at: number;
    }[];
    return rows.map((r) => ({ accountId: r.account_id, createdAt: r.created_at }));
  }

  async putAccessKey(k: AccessKeyRecord): Promise<void> {
    await this.s.write((p) =>
      p(
        `INSERT INTO access_keys (access_key_id, account_id, principal_arn, principal_id, status, created_at, sealed_secret)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(k.accessKeyId, k.accountId, k.principalArn, k.principalId, k.status, k.createdAt, k.sealedSecret),
    );
  }

  async getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const r = this.s.readStmt('SELECT * FROM access_keys WHERE access_key_id = ?').get(accessKeyId) as AccessKeyRow | undefined;
    return r && toKey(r);
  }

  async listAccessKeys(accountId: string, principalArn?: string): Promise<AccessKeyRecord[]> {
    const rows = (
      principalArn === undefined
        ? this.s.readStmt('SELECT * FROM access_keys WHERE account_id = ? ORDER BY created_at, access_key_id').all(accountId)
        : this.s
            .readStmt('SELECT * FROM access_keys WHERE account_id = ? AND principal_arn = ? ORDER BY created_at, access_key_id')
            .all(accountId, principalArn)
    ) as AccessKeyRow[];
    return rows.map(toKey);
  }

  async setAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean> {
    return this.s.write((p) => p('UPDATE access_keys SET status = ? WHERE access_key_id = ?').run(status, accessKeyId).changes > 0);
  }

  async deleteAccessKey(accessKeyId: string): Promise<boolean> {
    return this.s.write((p) => p('DELETE FROM access_keys WHERE access_key_id = ?').run(accessKeyId).changes > 0);
  }
}
