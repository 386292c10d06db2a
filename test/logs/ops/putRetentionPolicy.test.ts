import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeLogGroupsCommand, GetLogEventsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount, devCreds } from '../../helpers/server.js';
import { createGroupAndStream, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const DAY = 86_400_000;
const ALLOWED = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

describe('PutRetentionPolicy', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  const groupOf = async (name: string, logs = env.logs) => (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!;

  describe('serialization', () => {
    test('answers an empty body and DescribeLogGroups shows retentionInDays', async () => {
      await createGroupAndStream(env.logs, 'ret/ser', 's');
      const out = await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'ret/ser', retentionInDays: 30 }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      assert.equal((await groupOf('ret/ser')).retentionInDays, 30);
    });
  });

  describe('validation', () => {
    test("accepts each of AWS's values and refuses others with AWS's message", async () => {
      await createGroupAndStream(env.logs, 'ret/values', 's');
      for (const days of ALLOWED) await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'ret/values', retentionInDays: days }));
      for (const days of [2, 0, 4000]) {
        const e = await sdkError(env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'ret/values', retentionInDays: days })));
        assert.deepEqual(e, {
          name: 'InvalidParameterException',
          message: `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${ALLOWED.join(', ')}]`,
          status: 400,
        });
      }
    });

    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'ret/none', retentionInDays: 1 })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('the retention task deletes events once they are older than the retention, and only those', async () => {
      await createGroupAndStream(env.logs, 'ret/expire', 's');
      await createGroupAndStream(env.logs, 'ret/keep', 's');
      const t0 = env.clock.now();
      await put(env.logs, 'ret/expire', 's', [{ timestamp: t0 - 2 * 3_600_000, message: 'old' }]);
      await put(env.logs, 'ret/keep', 's', [{ timestamp: t0 - 2 * 3_600_000, message: 'kept forever' }]);
      await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'ret/expire', retentionInDays: 1 }));

      await env.runTask('logs-retention');
      assert.equal((await groupOf('ret/expire')).storedBytes, 3, 'nothing expired yet');

      env.clock.advance(DAY);
      const { logs } = env.clients(devCreds);
      await put(logs, 'ret/expire', 's', [{ timestamp: env.clock.now(), message: 'new' }]);
      await env.runTask('logs-retention');
      const left = await logs.send(new GetLogEventsCommand({ logGroupName: 'ret/expire', logStreamName: 's', startFromHead: true }));
      assert.deepEqual(left.events!.map((e) => e.message), ['new']);
      assert.equal((await groupOf('ret/expire', logs)).storedBytes, 3);
      const kept = await logs.send(new GetLogEventsCommand({ logGroupName: 'ret/keep', logStreamName: 's', startFromHead: true }));
      assert.deepEqual(kept.events!.map((e) => e.message), ['kept forever']);
      // Deleted, not hidden: the expired chunk's row (and its encrypted data) is gone from the store.
      const store = env.srv.server.app.store.logs;
      const group = (await store.getGroup(devAccount, REGION, 'ret/expire'))!;
      const { chunks } = await store.listChunks({ groupId: group.id, fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, order: 'asc', limit: 10 });
      assert.equal(chunks.length, 1);
      assert.ok(chunks[0]!.minTime > t0, 'only the chunk of the new event is left');
    });
  });
});
