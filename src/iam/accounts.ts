import type { Clock } from '../common/clock.js';
import { accountId as newAccountId, awsStyleId, secretAccessKey } from '../common/ids.js';
import { DEV_ACCOUNT_ID, rootArn } from '../auth/identity.js';
import type { Keyring } from '../store/keyring.js';
import type { Store } from '../store/types.js';

export interface NewAccessKey {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  principalArn: string;
}

/** Where an access key's sealed secret lives; bound into the seal so it cannot be swapped between keys. */
export function secretAad(accessKeyId: string): string {
  return `access-key/${accessKeyId}/secret`;
}

/** Where an STS session's sealed secret lives (temporary `ASIA…` credentials). */
export function sessionSecretAad(accessKeyId: string): string {
  return `sts-session/${accessKeyId}/secret`;
}

/** Accounts and their root access keys. IAM users' keys build on the same store. */
export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    private readonly clock: Clock,
  ) {}

  async createAccount(accountId: string = newAccountId()): Promise<string> {
    await this.store.accounts.createAccount({ accountId, createdAt: this.clock.now() });
    return accountId;
  }

  /** Creates the development account `000000000000` if it does not exist yet. */
  async ensureAccount(accountId: string = DEV_ACCOUNT_ID): Promise<void> {
    await this.store.transaction(async () => {
      if (!(await this.store.accounts.getAccount(accountId))) await this.createAccount(accountId);
    });
  }

  async createRootAccessKey(accountId: string): Promise<NewAccessKey> {
    if (!(await this.store.accounts.getAccount(accountId))) throw new Error(`account ${accountId} does not exist`);
    return this.createAccessKey(accountId, rootArn(accountId), accountId);
  }

  async createAccessKey(accountId: string, principalArn: string, principalId: string): Promise<NewAccessKey> {
    const accessKeyId = awsStyleId('AKIA');
    const secret = secretAccessKey();
    await this.store.accounts.putAccessKey({
      accessKeyId,
      accountId,
      principalArn,
      principalId,
      status: 'Active',
      createdAt: this.clock.now(),
      sealedSecret: this.keyring.seal(Buffer.from(secret, 'utf8'), secretAad(accessKeyId)),
    });
    return { accountId, accessKeyId, secretAccessKey: secret, principalArn };
  }

  async listAccounts(): Promise<string[]> {
    return (await this.store.accounts.listAccounts()).map((a) => a.accountId);
  }
}
