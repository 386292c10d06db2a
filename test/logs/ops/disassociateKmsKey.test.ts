import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AssociateKmsKeyCommand, DescribeLogGroupsCommand, DisassociateKmsKeyCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const groupArn = (name: string) => `arn:aws:logs:${REGION}:${devAccount}:log-group:${name}`;

describe('DisassociateKmsKey', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  const keyOf = async (name: string) => (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!.kmsKeyId;
  const read = (group: string, startTime?: number) =>
    env.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 's', startFromHead: true, startTime }));

  describe('serialization', () => {
    test('answers an empty body and the group no longer shows a key', async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await createGroupAndStream(env.logs, 'disassoc/ser', 's', key);
      const out = await env.logs.send(new DisassociateKmsKeyCommand({ logGroupName: 'disassoc/ser' }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      assert.equal(await keyOf('disassoc/ser'), undefined);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new DisassociateKmsKeyCommand({ logGroupName: 'disassoc/none' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });

    test('takes the group as resourceIdentifier, but not together with logGroupName', async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await createGroupAndStream(env.logs, 'disassoc/res', 's', key);
      const both = await sdkError(env.logs.send(new DisassociateKmsKeyCommand({ logGroupName: 'disassoc/res', resourceIdentifier: groupArn('disassoc/res') })));
      assert.equal(both.message, 'LogGroup name and resource identifier are mutually exclusive parameters.');
      await env.logs.send(new DisassociateKmsKeyCommand({ resourceIdentifier: groupArn('disassoc/res') }));
      assert.equal(await keyOf('disassoc/res'), undefined);
    });
  });

  describe('behaviour', () => {
    test('new data goes back to the service-owned key while data written before still needs the customer key', async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await createGroupAndStream(env.logs, 'disassoc/flow', 's', key);
      const t = env.clock.now();
      await put(env.logs, 'disassoc/flow', 's', [{ timestamp: t - 1000, message: 'old, customer key' }]);
      await env.logs.send(new DisassociateKmsKeyCommand({ logGroupName: 'disassoc/flow' }));
      await put(env.logs, 'disassoc/flow', 's', [{ timestamp: t, message: 'new, service key' }]);
      assert.deepEqual((await read('disassoc/flow')).events!.map((e) => e.message), ['old, customer key', 'new, service key']);

      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      const e = await sdkError(read('disassoc/flow'));
      assert.equal(e.name, 'AccessDeniedException');
      assert.ok(e.message.includes(key), e.message);
      assert.deepEqual((await read('disassoc/flow', t)).events!.map((m) => m.message), ['new, service key']);
      await env.kms.send(new EnableKeyCommand({ KeyId: key }));

      // Associating again works as before.
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'disassoc/flow', kmsKeyId: key }));
      assert.equal(await keyOf('disassoc/flow'), key);
    });
  });
});
