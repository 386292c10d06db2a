import type { BackgroundTask } from '../common/background.js';
import type { Clock } from '../common/clock.js';
import type { OperationTable } from '../common/operation.js';
import { CredentialResolver } from '../auth/credentials.js';
import { SigV4Verifier } from '../auth/sigv4.js';
import { AccountService } from '../iam/accounts.js';
import { stsOperations } from '../iam/sts/index.js';
import { createKms, type KmsCore } from '../kms/index.js';
import type { ServiceName } from '../protocol/index.js';
import type { Keyring } from '../store/keyring.js';
import type { Store } from '../store/types.js';
import { silentLogger, type RequestLogger } from './logger.js';

export interface AppOptions {
  store: Store;
  keyring: Keyring;
  clock: Clock;
  /** Accept `test`/`test` as the root of account 000000000000. */
  dev: boolean;
  logger?: RequestLogger;
}

/** Everything a running server needs, wired once: services talk to each other through these, never through HTTP. */
export interface App {
  readonly store: Store;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly dev: boolean;
  readonly logger: RequestLogger;
  readonly credentials: CredentialResolver;
  readonly verifier: SigV4Verifier;
  readonly accounts: AccountService;
  readonly kms: KmsCore;
  /** Scheduled work (key deletion and rotation, retention, …), started by the server. */
  readonly background: readonly BackgroundTask[];
  readonly operations: Readonly<Record<ServiceName, OperationTable>>;
}

export function createApp(opts: AppOptions): App {
  const { store, keyring, clock, dev } = opts;
  const accounts = new AccountService(store, keyring, clock);
  const kms = createKms({ store, keyring, clock });
  return {
    store,
    keyring,
    clock,
    dev,
    logger: opts.logger ?? silentLogger,
    credentials: new CredentialResolver(store, keyring, clock, { dev }),
    verifier: new SigV4Verifier({ clock }),
    accounts,
    kms: kms.core,
    background: [...kms.background],
    operations: {
      kms: kms.operations,
      logs: {},
      iam: {},
      sts: stsOperations(),
    },
  };
}
