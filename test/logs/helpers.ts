/** What the CloudWatch Logs tests share: a server with Logs and KMS clients, key policies, error capture. */
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, type InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { CreateKeyCommand, KMSClient, type KeySpec, type KeyUsageType } from '@aws-sdk/client-kms';
import { OffsetClock } from '../../src/common/clock.js';
import { clientConfig, devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../helpers/server.js';

export { sdkError } from '../protocol/helpers.js';

export const REGION = 'us-east-1';

export interface LogsEnv {
  srv: TestServer;
  clock: OffsetClock;
  logs: CloudWatchLogsClient;
  kms: KMSClient;
  /** Clients signing for another account or region (created on demand, destroyed with the env). */
  clients(creds: Creds, region?: string): { logs: CloudWatchLogsClient; kms: KMSClient };
  /** Runs the server's background task of that name once (retention, compaction). */
  runTask(name: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function startLogsEnv(): Promise<LogsEnv> {
  const clock = new OffsetClock();
  const srv = await startTestServer({ clock });
  const made: { destroy(): void }[] = [];
  const clients = (creds: Creds, region = REGION) => {
    const c = { logs: new CloudWatchLogsClient(clientConfig(srv.url, creds, region, clock)), kms: new KMSClient(clientConfig(srv.url, creds, region, clock)) };
    made.push(c.logs, c.kms);
    return c;
  };
  const own = clients(devCreds);
  return {
    srv,
    clock,
    ...own,
    clients,
    async runTask(name) {
      const task = srv.server.app.background.find((t) => t.name === name);
      if (!task) throw new Error(`no background task ${name}`);
      await task.runOnce();
    },
    async dispose() {
      for (const c of made) c.destroy();
      await srv.dispose();
    },
  };
}

/** A key policy letting the account administer the key and CloudWatch Logs of `logsRegion` use it. */
export function logsKeyPolicy(accountId = devAccount, logsRegion = REGION, condition?: Record<string, unknown>): string {
  const logs: Record<string, unknown> = {
    Sid: 'Allow CloudWatch Logs',
    Effect: 'Allow',
    Principal: { Service: `logs.${logsRegion}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
  };
  if (condition) logs.Condition = condition;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }, logs],
  });
}

/** Creates a KMS key and returns its ARN. Without a policy, KMS's default one (no CloudWatch Logs statement). */
export async function createKey(kms: KMSClient, opts: { policy?: string; keySpec?: KeySpec; keyUsage?: KeyUsageType } = {}): Promise<string> {
  const out = await kms.send(new CreateKeyCommand({ Policy: opts.policy, KeySpec: opts.keySpec, KeyUsage: opts.keyUsage }));
  return out.KeyMetadata!.Arn!;
}

/** Creates a group and a stream in it. */
export async function createGroupAndStream(logs: CloudWatchLogsClient, group: string, stream: string, kmsKeyId?: string): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: group, kmsKeyId }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
}

export async function put(logs: CloudWatchLogsClient, group: string, stream: string, logEvents: InputLogEvent[]) {
  return logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }));
}

/** `n` events one millisecond apart ending at `end`, with messages `${prefix}${i}`. */
export function events(n: number, end: number, prefix = 'event '): InputLogEvent[] {
  return Array.from({ length: n }, (_, i) => ({ timestamp: end - (n - 1) + i, message: `${prefix}${i}` }));
}
