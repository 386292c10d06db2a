import type { BackgroundTask } from '../common/background.js';
import type { Clock } from '../common/clock.js';
import { defaultRegions, type RegionSet } from '../common/regions.js';
import type { OperationTable } from '../common/operation.js';
import { Authorizer, withAuthorization } from '../auth/authorize.js';
import { CredentialResolver } from '../auth/credentials.js';
import { SigV4Verifier } from '../auth/sigv4.js';
import { AccountService } from '../iam/accounts.js';
import { iamDenied, iamIdentities, iamPermissions } from '../iam/authz.js';
import { createIam, type IamCore } from '../iam/index.js';
import { stsPermissions } from '../iam/sts/authz.js';
import { stsOperations } from '../iam/sts/index.js';
import { kmsApi } from '../kms/api.js';
import { createKms, type KmsCore } from '../kms/index.js';
import { logsDenied, logsPermissions } from '../logs/authz.js';
import { createLogs, type LogsCore } from '../logs/index.js';
import { LogsResourcePolicies } from '../logs/resourcePolicies/authority.js';
import { createKinesis, type KinesisCore } from '../kinesis/index.js';
import { kinesisDenied, kinesisPermissions } from '../kinesis/authz.js';
import { attachSubscriptions } from '../logs/subscriptions/deps.js';
import { subscriptionDeliveryTask } from '../logs/subscriptions/delivery.js';
import { anomalyDetectionTask } from '../anomaly/service/scheduler.js';
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
  /** The regions requests may be signed for (AWS's and any private names); AWS's alone by default. */
  regions?: RegionSet;
}

/** Everything a running server needs, wired once: services talk to each other through these, never through HTTP. */
export interface App {
  readonly store: Store;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly dev: boolean;
  readonly logger: RequestLogger;
  readonly regions: RegionSet;
  readonly credentials: CredentialResolver;
  readonly verifier: SigV4Verifier;
  readonly accounts: AccountService;
  readonly kms: KmsCore;
  readonly logs: LogsCore;
  readonly iam: IamCore;
  readonly kinesis: KinesisCore;
  /** Scheduled work (key deletion and rotation, retention, …), started by the server. */
  readonly background: readonly BackgroundTask[];
  readonly operations: Readonly<Record<ServiceName, OperationTable>>;
}

/** How long a credential is trusted from memory when other instances may change it (within the 5 s promise). */
const SHARED_CREDENTIAL_TTL_MS = 2_000;

export function createApp(opts: AppOptions): App {
  const { store, keyring, clock, dev } = opts;
  const logger = opts.logger ?? silentLogger;
  const accounts = new AccountService(store, keyring, clock);
  // Instances sharing a database see access keys changed elsewhere within this TTL (this one's changes at once).
  const credentials = new CredentialResolver(store, keyring, clock, { dev, ttlMs: store.kind === 'postgres' ? SHARED_CREDENTIAL_TTL_MS : undefined });
  const iam = createIam({ store, keyring, clock, accounts, credentials });
  // The index behind principalExists loads at once (SQLite answers before the server listens).
  iam.core.ready().catch((err) => logger.fault('iam-principal-index', err));
  const kms = createKms({
    store,
    keyring,
    clock,
    identities: iam.core.policies,
    principalExists: iam.core.principalExists,
    principals: iam.core.principals,
    onKeyDeleted: (keyArn) => logger.event?.('kms-key-deleted', { keyArn }),
  });
  // CloudWatch Logs uses KMS in-process, as the service principal logs.<region>.amazonaws.com.
  const logs = createLogs({ store, keyring, clock, kms: kmsApi(kms.core) });
  // Kinesis Data Streams uses KMS in-process on behalf of its callers (kms:ViaService kinesis.<region>.amazonaws.com).
  const kinesis = createKinesis({ store, keyring, clock, kms: kmsApi(kms.core) });
  // IAM authorization of CloudWatch Logs, IAM and STS requests (KMS authorizes its own, key policies included).
  const identities = iamIdentities(iam.core);
  const queryAuthorizer = new Authorizer(identities, iamDenied);
  const kinesisOperations = withAuthorization(kinesis.operations, { service: 'kinesis', permissions: kinesisPermissions(kinesis.core), authorizer: new Authorizer(identities, kinesisDenied) });
  // Subscription filters deliver to Kinesis as a role session, through Kinesis' own authorization.
  attachSubscriptions(logs.core, { iam: iam.core, putRecords: async (input, ctx) => kinesisOperations.PutRecords!.handler(input, ctx) });
  return {
    store,
    keyring,
    clock,
    dev,
    logger,
    regions: opts.regions ?? defaultRegions,
    credentials,
    verifier: new SigV4Verifier({ clock }),
    accounts,
    kms: kms.core,
    logs: logs.core,
    iam: iam.core,
    kinesis: kinesis.core,
    background: [...kms.background, ...iam.background, ...logs.background, anomalyDetectionTask(logs.core), ...kinesis.background, subscriptionDeliveryTask(logs.core, { fault: (c, e) => logger.fault(c, e) })],
    operations: {
      kms: kms.operations,
      logs: withAuthorization(logs.operations, { service: 'logs', permissions: logsPermissions(logs.core), authorizer: new Authorizer(identities, logsDenied, new LogsResourcePolicies(store)) }),
      iam: withAuthorization(iam.operations, { service: 'iam', permissions: iamPermissions(iam.core), authorizer: queryAuthorizer }),
      sts: withAuthorization(stsOperations(iam.core), { service: 'sts', permissions: stsPermissions, authorizer: queryAuthorizer }),
      kinesis: kinesisOperations,
    },
  };
}
