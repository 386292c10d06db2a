import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
  type LiveTailSessionLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { createDatabase, dropDatabase, needsPg } from '../helpers/pg.js';
import { newMasterKey, startInstance, stopInstance, type Instance } from '../helpers/instances.js';
import { devAccount, devCreds } from '../helpers/server.js';

/**
 * A Live Tail session on one instance shows what the others ingest: sessions read the shared store, not the
 * instance's own ingest.
 */
describe('Live Tail across instances on one PostgreSQL database', { skip: needsPg }, () => {
  let instances: Instance[] = [];
  let dbUrl: string;
  before(async () => {
    dbUrl = await createDatabase('livetail');
    const masterKey = newMasterKey();
    instances = await Promise.all([0, 1].map(() => startInstance({ databaseUrl: dbUrl, masterKey })));
  });
  after(async () => {
    await Promise.all(instances.map(stopInstance));
    await dropDatabase(dbUrl);
  });

  const client = (i: Instance) =>
    new CloudWatchLogsClient({ endpoint: i.url, region: 'us-east-1', credentials: devCreds, maxAttempts: 1, disableHostPrefix: true });

  test('a session on one instance receives, in order, the events another instance stores after it started', async () => {
    const [a, b] = [client(instances[0]!), client(instances[1]!)];
    const abort = new AbortController();
    try {
      await b.send(new CreateLogGroupCommand({ logGroupName: 'multi-tail' }));
      await b.send(new CreateLogStreamCommand({ logGroupName: 'multi-tail', logStreamName: 's' }));
      await b.send(new PutLogEventsCommand({ logGroupName: 'multi-tail', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'before' }] }));
      const out = await a.send(
        new StartLiveTailCommand({ logGroupIdentifiers: [`arn:aws:logs:us-east-1:${devAccount}:log-group:multi-tail`] }),
        { abortSignal: abort.signal },
      );
      const events: LiveTailSessionLogEvent[] = [];
      const reading = (async () => {
        try {
          for await (const e of out.responseStream!) {
            if (e.sessionUpdate) events.push(...(e.sessionUpdate.sessionResults ?? []));
            if (events.length >= 3) return;
          }
        } catch {
          // aborted
        }
      })();
      for (let i = 1; i <= 3; i++) {
        await b.send(new PutLogEventsCommand({ logGroupName: 'multi-tail', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: `after ${i}` }] }));
      }
      await Promise.race([reading, new Promise((r) => setTimeout(r, 15_000))]);
      assert.deepEqual(events.map((e) => e.message), ['after 1', 'after 2', 'after 3']);
    } finally {
      abort.abort();
      a.destroy();
      b.destroy();
    }
  });
});
