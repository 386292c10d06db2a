/**
 * Logs Insights shows what data protection policies mask, as GetLogEvents does: results, fields discovered from
 * masked events, filters and GetLogRecord see asterisks; `unmask(@message)` and GetLogRecord's `unmask` give the
 * originals to callers allowed logs:Unmask and are refused to others.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetLogRecordCommand, PutDataProtectionPolicyCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig } from '../helpers/server.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../logs/helpers.js';
import { rows, runQuery } from './helpers.js';

const ARN = 'arn:aws:dataprotection::aws:data-identifier/';
const policy = JSON.stringify({
  Name: 'data-protection-policy',
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: [`${ARN}EmailAddress`], Operation: { Audit: { FindingsDestination: {} } } },
    { Sid: 'redact', DataIdentifier: [`${ARN}EmailAddress`], Operation: { Deidentify: { MaskConfig: {} } } },
  ],
});
const plain = 'login alice@example.com ok';
const masked = `login ${'*'.repeat('alice@example.com'.length)} ok`;
const json = '{"user":"bob@example.org","n":1}';

describe('Logs Insights and data protection', () => {
  let env: LogsEnv;
  let iam: IAMClient;
  let t0: number;
  const sec = (ms: number) => Math.floor(ms / 1000);

  async function userClient(name: string, actions: string[]): Promise<CloudWatchLogsClient> {
    await iam.send(new CreateUserCommand({ UserName: name }));
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify(doc) }));
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return env.clients({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).logs;
  }

  const q = (logs: CloudWatchLogsClient, queryString: string) =>
    runQuery(logs, { logGroupName: 'dpq', startTime: sec(t0) - 60, endTime: sec(t0) + 60, queryString });

  before(async () => {
    env = await startLogsEnv();
    iam = new IAMClient(clientConfig(env.srv.url, undefined, REGION, env.clock));
    const key = await createKey(env.kms, { policy: logsKeyPolicy() });
    await createGroupAndStream(env.logs, 'dpq', 's', key);
    await env.logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'dpq', policyDocument: policy }));
    t0 = env.clock.now();
    await put(env.logs, 'dpq', 's', [
      { timestamp: t0 - 2, message: plain },
      { timestamp: t0 - 1, message: json },
    ]);
  });
  after(() => {
    iam.destroy();
    return env.dispose();
  });

  test('query results show masked messages and masked discovered fields', async () => {
    const r = await q(env.logs, 'fields @message, user | sort @timestamp asc');
    assert.equal(r.status, 'Complete');
    assert.deepEqual(rows(r), [{ '@message': masked }, { '@message': `{"user":"${'*'.repeat('bob@example.org'.length)}","n":1}`, user: '*'.repeat(15) }]);
  });

  test('filters match what the caller sees: a masked value is not found, unless through unmask()', async () => {
    assert.deepEqual(rows(await q(env.logs, 'filter @message like "alice@example.com"')), []);
    assert.deepEqual(rows(await q(env.logs, 'filter @message like /alice/ | fields @message')), []);
    assert.deepEqual(rows(await q(env.logs, 'filter unmask(@message) like "alice@example.com" | fields @message')), [{ '@message': masked }]);
  });

  test('unmask(@message) shows the original to a caller allowed logs:Unmask', async () => {
    const r = await q(env.logs, 'fields @message, unmask(@message) as original, unmask(user) as u | sort @timestamp asc');
    assert.deepEqual(rows(r), [
      { '@message': masked, original: plain },
      { '@message': `{"user":"${'*'.repeat(15)}","n":1}`, original: json, u: 'bob@example.org' },
    ]);
    const reader = await userClient('insights-unmasker', ['logs:StartQuery', 'logs:GetQueryResults', 'logs:Unmask']);
    assert.deepEqual(rows(await q(reader, 'fields unmask(@message) as m | sort @timestamp asc | limit 1')), [{ m: plain }]);
  });

  test('unmask() without logs:Unmask is refused with AccessDeniedException; the same caller reads masked results', async () => {
    const reader = await userClient('insights-reader', ['logs:StartQuery', 'logs:GetQueryResults', 'logs:GetLogRecord']);
    const e = await sdkError(
      reader.send(new StartQueryCommand({ logGroupName: 'dpq', startTime: sec(t0) - 60, endTime: sec(t0) + 60, queryString: 'fields unmask(@message)' })),
    );
    assert.equal(e.name, 'AccessDeniedException');
    assert.match(e.message, /is not authorized to perform: logs:Unmask on resource: arn:aws:logs:us-east-1:\d{12}:log-group:dpq because no identity-based policy allows the logs:Unmask action/);
    assert.deepEqual(rows(await q(reader, 'fields @message | sort @timestamp asc | limit 1')), [{ '@message': masked }]);
  });

  test('GetLogRecord masks; unmask=true needs logs:Unmask', async () => {
    const r = await q(env.logs, 'fields @message | sort @timestamp asc | limit 1');
    const ptr = r.results![0]!.find((f) => f.field === '@ptr')!.value!;
    assert.equal((await env.logs.send(new GetLogRecordCommand({ logRecordPointer: ptr }))).logRecord!['@message'], masked);
    assert.equal((await env.logs.send(new GetLogRecordCommand({ logRecordPointer: ptr, unmask: true }))).logRecord!['@message'], plain);
    const reader = await userClient('record-reader', ['logs:StartQuery', 'logs:GetQueryResults', 'logs:GetLogRecord']);
    assert.equal((await reader.send(new GetLogRecordCommand({ logRecordPointer: ptr }))).logRecord!['@message'], masked);
    const e = await sdkError(reader.send(new GetLogRecordCommand({ logRecordPointer: ptr, unmask: true })));
    assert.equal(e.name, 'AccessDeniedException');
    assert.match(e.message, /not authorized to perform: logs:Unmask on resource: arn:aws:logs:us-east-1:\d{12}:log-group:dpq /);
  });

  test('unmask() takes a field', async () => {
    const e = await sdkError(env.logs.send(new StartQueryCommand({ logGroupName: 'dpq', startTime: 0, endTime: 1, queryString: 'fields unmask("x")' })));
    assert.equal(e.name, 'MalformedQueryException');
  });
});
