import type { AccessKeyRecord, AccessKeyStatus, AccountRecord, AccountStore, MetaStore } from '../types.js';
import type { SqlDriver } from './driver.js';

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

export class SqlAccountStore implements AccountStore {
  constructor(private readonly d: SqlDriver) {}

  async createAccount(a: AccountRecord): Promise<void> {
    await this.d.exec('INSERT INTO accounts (account_id, created_at) VALUES (?, ?)', [a.accountId, a.createdAt]);
  }

  async getAccount(accountId: string): Promise<AccountRecord | undefined> {
    const r = await this.d.get<{ account_id: string; created_at: number }>('SELECT account_id, created_at FROM accounts WHERE account_id = ?', [accountId]);
    return r && { accountId: r.account_id, createdAt: r.created_at };
  }

  async listAccounts(): Promise<AccountRecord[]> {
    const rows = await this.d.all<{ account_id: string; created_at: number }>('SELECT account_id, created_at FROM accounts ORDER BY created_at, account_id');
    return rows.map((r) => ({ accountId: r.account_id, createdAt: r.created_at }));
  }

  async putAccessKey(k: AccessKeyRecord): Promise<void> {
    await this.d.exec(
      `INSERT INTO access_keys (access_key_id, account_id, principal_arn, principal_id, status, created_at, sealed_secret)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [k.accessKeyId, k.accountId, k.principalArn, k.principalId, k.status, k.createdAt, k.sealedSecret],
    );
  }

  async getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const r = await this.d.get<AccessKeyRow>('SELECT * FROM access_keys WHERE access_key_id = ?', [accessKeyId]);
    return r && toKey(r);
  }

  async listAccessKeys(accountId: string, principalArn?: string): Promise<AccessKeyRecord[]> {
    const rows =
      principalArn === undefined
        ? await this.d.all<AccessKeyRow>('SELECT * FROM access_keys WHERE account_id = ? ORDER BY created_at, access_key_id', [accountId])
        : await this.d.all<AccessKeyRow>(
            'SELECT * FROM access_keys WHERE account_id = ? AND principal_arn = ? ORDER BY created_at, access_key_id',
            [accountId, principalArn],
          );
    return rows.map(toKey);
  }

  async setAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean> {
    return (await this.d.exec('UPDATE access_keys SET status = ? WHERE access_key_id = ?', [status, accessKeyId])).changes > 0;
  }

  async deleteAccessKey(accessKeyId: string): Promise<boolean> {
    return (await this.d.exec('DELETE FROM access_keys WHERE access_key_id = ?', [accessKeyId])).changes > 0;
  }
}

export class SqlMetaStore implements MetaStore {
  constructor(private readonly d: SqlDriver) {}

  async get(name: string): Promise<Buffer | undefined> {
    return (await this.d.get<{ value: Buffer }>('SELECT value FROM meta WHERE name = ?', [name]))?.value;
  }

  async put(name: string, value: Buffer): Promise<void> {
    await this.d.exec('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value]);
  }

  async insert(name: string, value: Buffer): Promise<boolean> {
    return (await this.d.exec('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, value])).changes > 0;
  }
}
