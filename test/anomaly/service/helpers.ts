/**
 * What the anomaly detection tests share: a server with Logs and KMS clients that sign with the server's moving
 * clock, key policies for detectors, a log group with a steady history, and the scheduler.
 */
import {
  CloudWatchLogsClient,
  CreateLogAnomalyDetectorCommand,
  ListAnomaliesCommand,
  type Anomaly,
  type CreateLogAnomalyDetectorRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient } from '@aws-sdk/client-kms';
import { ANOMALY_TASK_NAME } from '../../../src/anomaly/service/scheduler.js';
import { OffsetClock, type Clock } from '../../../src/common/clock.js';
import { clientConfig, devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../../helpers/server.js';
import { createGroupAndStream, put, REGION } from '../../logs/helpers.js';

export { sdkError } from '../../protocol/helpers.js';
export { createKey, createGroupAndStream, put, REGION } from '../../logs/helpers.js';

export const MINUTE = 60_000;
export const FIVE_MIN = 5 * MINUTE;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const groupArn = (name: string, account = devAccount, region = REGION) => `arn:aws:logs:${region}:${account}:log-group:${name}`;
export const DETECTOR_ARN_RE = new RegExp(`^arn:aws:logs:${REGION}:${devAccount}:anomaly-detector:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);

export interface AnomalyEnv {
  srv: TestServer;
  clock: OffsetClock;
  logs: CloudWatchLogsClient;
  kms: KMSClient;
  /** Runs the anomaly detection scheduler once (what the server does every 15 s). */
  runScheduler(): Promise<void>;
  /** Restarts the server on the same data (and clock); clients follow. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** Clients re-read the server's clock before every request, so moving the clock never makes signatures stale. */
function clientsFollowing(url: string, creds: Creds, clock: Clock): { logs: CloudWatchLogsClient; kms: KMSClient } {
  const logs = new CloudWatchLogsClient(clientConfig(url, creds, REGION, clock));
  const kms = new KMSClient(clientConfig(url, creds, REGION, clock));
  const step = { step: 'initialize', name: 'testClockOffset' } as const;
  logs.middlewareStack.add((next) => (args) => ((logs.config.systemClockOffset = clock.now() - Date.now()), next(args)), step);
  kms.middlewareStack.add((next) => (args) => ((kms.config.systemClockOffset = clock.now() - Date.now()), next(args)), step);
  return { logs, kms };
}

export async function startAnomalyEnv(): Promise<AnomalyEnv> {
  const clock = new OffsetClock();
  let srv = await startTestServer({ clock });
  const clients = () => clientsFollowing(srv.url, devCreds, clock);
  const env: AnomalyEnv = {
    srv,
    clock,
    ...clients(),
    async runScheduler() {
      const task = env.srv.server.app.background.find((t) => t.name === ANOMALY_TASK_NAME);
      if (!task) throw new Error('no anomaly detection task');
      await task.runOnce();
    },
    async restart() {
      env.logs.destroy();
      env.kms.destroy();
      srv = await srv.restart();
      env.srv = srv;
      Object.assign(env, clients());
    },
    async dispose() {
      env.logs.destroy();
      env.kms.destroy();
      await env.srv.dispose();
    },
  };
  return env;
}

const LOGS_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/** Which CloudWatch Logs statements a key policy carries (AWS's guide shows both detector statements). */
export type DetectorPolicy = 'both' | 'crypto-ec' | 'logs-arn' | 'log-groups-only' | 'unconditional';

/** A key policy: the account administers the key; CloudWatch Logs of the region may use it as `which` says. */
export function detectorKeyPolicy(which: DetectorPolicy, accountId = devAccount, region = REGION): string {
  const logs = (contextKey?: string, resource?: string) => ({
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: LOGS_ACTIONS,
    Resource: '*',
    ...(contextKey ? { Condition: { ArnLike: { [`kms:EncryptionContext:${contextKey}`]: `arn:aws:logs:${region}:${accountId}:${resource}` } } } : {}),
  });
  const statements: unknown[] = [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }];
  if (which === 'both' || which === 'logs-arn') statements.push(logs('aws:logs:arn', 'anomaly-detector:*'));
  if (which === 'both' || which === 'crypto-ec') statements.push(logs('aws-crypto-ec:aws:logs:arn', 'anomaly-detector:*'));
  if (which === 'log-groups-only') statements.push(logs('aws:logs:arn', 'log-group:*'));
  if (which === 'unconditional') statements.push(logs());
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * A group with one stream and a steady history: `hours` of one `INFO GET /health status=200 latency=Nms` event a
 * minute, ending now (timestamps in the past, ingested now).
 */
export async function steadyGroup(env: AnomalyEnv, group: string, hours = 3): Promise<void> {
  await createGroupAndStream(env.logs, group, 's');
  const now = env.clock.now();
  const minutes = hours * 60;
  const events = Array.from({ length: minutes }, (_, i) => ({
    timestamp: now - (minutes - i) * MINUTE,
    message: `INFO GET /health status=200 latency=${10 + (i % 7)}ms`,
  }));
  await put(env.logs, group, 's', events);
}

export const INCIDENT = 'ERROR database connection refused to <*>';

/** New events now: by default five errors of the INCIDENT pattern. */
export async function injectIncident(env: AnomalyEnv, group: string, messages?: string[]): Promise<void> {
  const now = env.clock.now();
  const texts = messages ?? Array.from({ length: 5 }, (_, i) => `ERROR database connection refused to db-${i}.internal:5432`);
  await put(env.logs, group, 's', texts.map((message, i) => ({ timestamp: now + i, message })));
}

export async function createDetector(env: AnomalyEnv, input: Partial<CreateLogAnomalyDetectorRequest> & { logGroupArnList: string[] }): Promise<string> {
  const out = await env.logs.send(new CreateLogAnomalyDetectorCommand({ evaluationFrequency: 'FIVE_MIN', ...input }));
  return out.anomalyDetectorArn!;
}

/** Every anomaly of a detector (all pages). */
export async function allAnomalies(logs: CloudWatchLogsClient, anomalyDetectorArn: string): Promise<Anomaly[]> {
  const out: Anomaly[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new ListAnomaliesCommand({ anomalyDetectorArn, nextToken }));
    out.push(...(page.anomalies ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/**
 * A detector with open anomalies: a steady group, a detector trained on it, then the incident's events (five errors
 * by default), the clock moved past the window and the scheduler run. Returns the detector and its anomalies.
 */
export async function detectorWithIncident(env: AnomalyEnv, group: string, input: Partial<CreateLogAnomalyDetectorRequest> = {}, incident?: string[]) {
  await steadyGroup(env, group);
  const arn = await createDetector(env, { logGroupArnList: [groupArn(group)], ...input });
  await env.runScheduler();
  await injectIncident(env, group, incident);
  env.clock.advance(FIVE_MIN + 1000);
  await env.runScheduler();
  return { arn, anomalies: await allAnomalies(env.logs, arn) };
}
