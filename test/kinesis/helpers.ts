/** What the Kinesis tests share: a server with Kinesis, KMS and Logs clients. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { KMSClient } from '@aws-sdk/client-kms';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { OffsetClock } from '../../src/common/clock.js';
import { clientConfig, devCreds, startTestServer, type Creds, type TestServer } from '../helpers/server.js';

export { sdkError } from '../protocol/helpers.js';

export interface KinesisEnv {
  srv: TestServer;
  clock: OffsetClock;
  kinesis: KinesisClient;
  kms: KMSClient;
  logs: CloudWatchLogsClient;
  clients(creds: Creds): { kinesis: KinesisClient; kms: KMSClient; logs: CloudWatchLogsClient };
  /** Stops the server and starts it again on the same data (clients follow it to its new port). */
  restart(): Promise<void>;
  runTask(name: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function startKinesisEnv(): Promise<KinesisEnv> {
  const clock = new OffsetClock();
  let srv = await startTestServer({ clock });
  let made: { destroy(): void }[] = [];
  const clients = (creds: Creds) => {
    const cfg = clientConfig(srv.url, creds, 'us-east-1', clock);
    // The SDK's Kinesis client speaks HTTP/2 by default (for SubscribeToShard); the server answers HTTP/1.1.
    const c = { kinesis: new KinesisClient({ ...cfg, requestHandler: new NodeHttpHandler() }), kms: new KMSClient(cfg), logs: new CloudWatchLogsClient(cfg) };
    made.push(c.kinesis, c.kms, c.logs);
    return c;
  };
  const env: KinesisEnv = {
    srv,
    clock,
    ...clients(devCreds),
    clients,
    async restart() {
      for (const c of made) c.destroy();
      made = [];
      srv = await srv.restart();
      env.srv = srv;
      Object.assign(env, clients(devCreds));
    },
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
  return env;
}
