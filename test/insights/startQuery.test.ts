import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  AssociateKmsKeyCommand,
  DeleteQueryDefinitionCommand,
  DescribeQueriesCommand,
  DescribeQueryDefinitionsCommand,
  DisassociateKmsKeyCommand,
  GetLogGroupFieldsCommand,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  PutQueryDefinitionCommand,
  StartQueryCommand,
  StopQueryCommand,
  CreateLogGroupCommand,
  ListLogGroupsForQueryCommand,
  paginateListLogGroupsForQuery,
} from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { rootPrincipal } from '../../src/auth/identity.js';
import { insightsService } from '../../src/insights/service.js';
import { devAccount } from '../helpers/server.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../logs/helpers.js';
import { rows, runQuery, waitForQuery } from './helpers.js';

const resultsArn = `arn:aws:logs:${REGION}:${devAccount}:query-result:*`;

/** Every file under `dir`, read whole. */
function filesOf(dir: string): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesOf(p));
    else out.push(readFileSync(p));
  }
  return out;
}

describe('Logs Insights queries', () => {
  let env: LogsEnv;
  let key: string;
  let t0: number;
  const group = 'insights/app';
  const sec = (ms: number) => Math.floor(ms / 1000);

  before(async () => {
    env = await startLogsEnv();
    key = await createKey(env.kms, { policy: logsKeyPolicy() });
    await createGroupAndStream(env.logs, group, 'web-1', key);
    await env.logs.send(new (await import('@aws-sdk/client-cloudwatch-logs')).CreateLogStreamCommand({ logGroupName: group, logStreamName: 'web-2' }));
    t0 = Math.floor(env.clock.now() / 60_000) * 60_000 - 10 * 60_000;
    await put(env.logs, group, 'web-1', [
      { timestamp: t0 + 1_000, message: '{"level":"INFO","status":200,"path":"/a","latency":12,"user":{"id":"u1"},"tags":["x","y"]}' },
      { timestamp: t0 + 61_000, message: '{"level":"ERROR","status":500,"path":"/b","latency":340,"user":{"id":"u2"},"tags":["z"]}' },
      { timestamp: t0 + 62_000, message: 'user=carol action=login ip=10.1.2.3 latency=20' },
    ]);
    await put(env.logs, group, 'web-2', [
      { timestamp: t0 + 2_000, message: 'user=dave action=logout ip=192.168.0.9 latency=5' },
      { timestamp: t0 + 121_000, message: '{"level":"WARN","status":404,"path":"/a","latency":8,"user":{"id":"u1"}}' },
    ]);
  });
  after(() => env.dispose());

  const q = (queryString: string, extra: Record<string, unknown> = {}) =>
    runQuery(env.logs, { logGroupName: group, startTime: sec(t0), endTime: sec(t0) + 3600, queryString, ...extra });

  describe('serialization', () => {
    test('answers a queryId, then Complete with results as field/value lists, statistics and @ptr', async () => {
      const r = await q('fields @timestamp, @message, @logStream, @log | sort @timestamp asc | limit 2');
      assert.equal(r.status, 'Complete');
      assert.equal(r.results!.length, 2);
      const first = r.results![0]!;
      assert.deepEqual(first.map((f) => f.field), ['@timestamp', '@message', '@logStream', '@log', '@ptr']);
      assert.equal(first[0]!.value, new Date(t0 + 1_000).toISOString().replace('T', ' ').replace('Z', ''));
      assert.equal(first[2]!.value, 'web-1');
      assert.equal(first[3]!.value, `${devAccount}:${group}`);
      assert.deepEqual(r.statistics, { recordsMatched: 5, recordsScanned: 5, bytesScanned: r.statistics!.bytesScanned, logGroupsScanned: 1 });
      assert.ok(r.statistics!.bytesScanned! > 100);
      assert.equal(r.encryptionKey, undefined);
    });
  });

  describe('validation', () => {
    test('returns MalformedQueryException with the position of what does not parse', async () => {
      const e = await env.logs.send(new StartQueryCommand({ logGroupName: group, startTime: 0, endTime: 10, queryString: 'fields @message | sort by' })).catch((x) => x);
      assert.equal(e.name, 'MalformedQueryException');
      assert.equal(e.message, 'unexpected symbol found by at line 1 and position 23');
      assert.deepEqual(e.queryCompileError, { location: { startCharOffset: 23, endCharOffset: 25 }, message: 'unexpected symbol found by at line 1 and position 23' });
    });

    test('refuses a regex that cannot run in linear time', async () => {
      const e = await sdkError(env.logs.send(new StartQueryCommand({ logGroupName: group, startTime: 0, endTime: 10, queryString: 'filter @message like /(a+)\\1/' })));
      assert.equal(e.name, 'MalformedQueryException');
      assert.match(e.message, /cannot be run in linear time/);
    });

    test('needs exactly one of logGroupName, logGroupNames, logGroupIdentifiers, and known groups', async () => {
      const both = await sdkError(env.logs.send(new StartQueryCommand({ logGroupName: group, logGroupNames: [group], startTime: 0, endTime: 10, queryString: 'fields @message' })));
      assert.deepEqual(both, { name: 'InvalidParameterException', message: 'Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.', status: 400 });
      const none = await sdkError(env.logs.send(new StartQueryCommand({ startTime: 0, endTime: 10, queryString: 'fields @message' })));
      assert.equal(none.name, 'InvalidParameterException');
      const unknown = await sdkError(env.logs.send(new StartQueryCommand({ logGroupNames: ['nope'], startTime: 0, endTime: 10, queryString: 'fields @message' })));
      assert.deepEqual(unknown, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
      const backwards = await sdkError(env.logs.send(new StartQueryCommand({ logGroupName: group, startTime: 10, endTime: 5, queryString: 'fields @message' })));
      assert.deepEqual(backwards, { name: 'InvalidParameterException', message: 'endTime must be greater than or equal to startTime.', status: 400 });
    });

    test('refuses queries beyond the concurrency quota with AWS LimitExceededException', async () => {
      const service = insightsService(env.srv.server.app.logs);
      service.maxConcurrent = 0;
      try {
        const e = await sdkError(env.logs.send(new StartQueryCommand({ logGroupName: group, startTime: 0, endTime: 10, queryString: 'fields @message' })));
        assert.deepEqual(e, { name: 'LimitExceededException', message: 'Account maximum query concurrency limit of [0] reached.', status: 400 });
      } finally {
        service.maxConcurrent = 100;
      }
    });

    test('GetQueryResults and StopQuery of an unknown query answer ResourceNotFoundException', async () => {
      const e = await sdkError(env.logs.send(new GetQueryResultsCommand({ queryId: 'no-such-query' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'Query no-such-query does not exist.', status: 400 });
      const s = await sdkError(env.logs.send(new StopQueryCommand({ queryId: 'no-such-query' })));
      assert.equal(s.name, 'ResourceNotFoundException');
    });
  });

  describe('behaviour', () => {
    test('filter, fields and JSON / key=value discovery (nested a.b, arrays a.0)', async () => {
      const r = await q('filter status >= 400 or action = "login" | fields user.id, tags.0, user, ip | sort @timestamp asc');
      assert.deepEqual(rows(r), [{ 'user.id': 'u2', 'tags.0': 'z' }, { user: 'carol', ip: '10.1.2.3' }, { 'user.id': 'u1' }]);
      assert.equal(r.statistics!.recordsMatched, 3);
    });

    test('stats with bin() and several by keys across streams', async () => {
      const r = await q('stats count(*) as n, avg(latency) as avg, max(latency) as max by bin(1m) as minute, @logStream');
      const m = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
      assert.deepEqual(rows(r), [
        { minute: m(t0), '@logStream': 'web-1', n: '1', avg: '12', max: '12' },
        { minute: m(t0), '@logStream': 'web-2', n: '1', avg: '5', max: '5' },
        { minute: m(t0 + 60_000), '@logStream': 'web-1', n: '2', avg: '180', max: '340' },
        { minute: m(t0 + 120_000), '@logStream': 'web-2', n: '1', avg: '8', max: '8' },
      ]);
    });

    test('parse (glob and regex), string, numeric and IP functions, like, in, not', async () => {
      const r = await q(
        'filter @message like /user=/ | parse @message "user=* action=* ip=* " as who, act, ip | parse @message /latency=(?<lat>\\d+)/ ' +
          '| fields toupper(who) as W, strlen(act) as L, lat * 2 + 1 as calc, isIpInSubnet(ip, "10.0.0.0/8") as internal ' +
          '| filter act in ["login", "logout"] and not act like "x" | sort W desc',
      );
      assert.deepEqual(rows(r), [
        { W: 'DAVE', L: '6', calc: '11', internal: 'false', who: 'dave', act: 'logout', ip: '192.168.0.9', lat: '5' },
        { W: 'CAROL', L: '5', calc: '41', internal: 'true', who: 'carol', act: 'login', ip: '10.1.2.3', lat: '20' },
      ]);
    });

    test('dedup, display, unnest, limit', async () => {
      assert.deepEqual(rows(await q('filter ispresent(path) | sort @timestamp asc | dedup path | display path, status')), [
        { path: '/a', status: '200' },
        { path: '/b', status: '500' },
      ]);
      assert.deepEqual(rows(await q('filter ispresent(tags) | unnest tags into tag | sort @timestamp asc | display tag')), [{ tag: 'x' }, { tag: 'y' }, { tag: 'z' }]);
      const limited = await q('fields @message | limit 2');
      assert.equal(limited.results!.length, 2);
    });

    test('StartQuery limit caps the results, and maxItems pages them', async () => {
      assert.equal((await q('fields @message', { limit: 3 })).results!.length, 3);
      const r = await q('fields @message');
      const { queryId } = (await env.logs.send(new DescribeQueriesCommand({ maxResults: 1 }))).queries![0]!;
      const page = await env.logs.send(new GetQueryResultsCommand({ queryId, maxItems: 2 }));
      assert.equal(page.results!.length, 2);
      const rest = await env.logs.send(new GetQueryResultsCommand({ queryId, nextToken: page.nextToken }));
      assert.deepEqual([...page.results!, ...rest.results!], r.results);
    });

    test('the time range is epoch seconds, inclusive', async () => {
      const r = await runQuery(env.logs, { logGroupName: group, startTime: sec(t0 + 61_000), endTime: sec(t0 + 62_000), queryString: 'stats count(*) as n' });
      assert.deepEqual(rows(r), [{ n: '2' }]);
    });

    test('GetLogRecord returns every field of the event a @ptr points at', async () => {
      const r = await q('filter status = 500 | fields @message');
      const ptr = r.results![0]!.find((f) => f.field === '@ptr')!.value!;
      const rec = (await env.logs.send(new GetLogRecordCommand({ logRecordPointer: ptr }))).logRecord!;
      assert.equal(rec['@timestamp'], String(t0 + 61_000));
      assert.equal(rec['@logStream'], 'web-1');
      assert.equal(rec['user.id'], 'u2');
      assert.equal(rec.status, '500');
      const bad = await sdkError(env.logs.send(new GetLogRecordCommand({ logRecordPointer: 'AAAA' })));
      assert.deepEqual(bad, { name: 'InvalidParameterException', message: 'The specified log record pointer is not valid.', status: 400 });
    });

    test('GetLogGroupFields lists discovered fields with the share of events holding them', async () => {
      const out = await env.logs.send(new GetLogGroupFieldsCommand({ logGroupName: group, time: sec(t0 + 60_000) }));
      const fields = Object.fromEntries(out.logGroupFields!.map((f) => [f.name, f.percent]));
      assert.equal(fields['@message'], 100);
      assert.equal(fields.latency, 100);
      assert.equal(fields.status, 60);
      assert.equal(fields.user, 40);
    });

    test('DescribeQueries lists the queries newest first, by status and group', async () => {
      const { queryId } = await env.logs.send(new StartQueryCommand({ logGroupName: group, startTime: sec(t0), endTime: sec(t0) + 10, queryString: 'fields @message' }));
      await waitForQuery(env.logs, queryId!);
      const all = (await env.logs.send(new DescribeQueriesCommand({ logGroupName: group }))).queries!;
      assert.equal(all[0]!.queryId, queryId);
      assert.equal(all[0]!.status, 'Complete');
      assert.equal(all[0]!.logGroupName, group);
      assert.equal(all[0]!.queryString, 'fields @message');
      assert.equal((await env.logs.send(new DescribeQueriesCommand({ logGroupName: 'other' }))).queries!.length, 0);
      assert.equal((await env.logs.send(new DescribeQueriesCommand({ status: 'Running' }))).queries!.length, 0);
    });

    test('StopQuery cancels a running query; stopping a finished one is refused', async () => {
      const service = insightsService(env.srv.server.app.logs);
      const ctx = { requestId: 'r', principal: rootPrincipal(devAccount), region: REGION, sourceIp: '', userAgent: '', time: env.clock.now(), secureTransport: true };
      // The query is held in its scan until StopQuery has answered: a small query may otherwise end first (chunks
      // open on the event loop, without a turn for the StopQuery request in between).
      const logsStore = env.srv.server.app.store.logs;
      const listChunks = logsStore.listChunks;
      let release = () => {};
      const gate = new Promise<void>((r) => (release = r));
      let scanning = () => {};
      const inScan = new Promise<void>((r) => (scanning = r));
      logsStore.listChunks = async (...args: Parameters<typeof listChunks>) => {
        scanning();
        await gate;
        return listChunks.apply(logsStore, args);
      };
      let id: string;
      try {
        id = await service.start(ctx, { logGroupName: group, startTime: sec(t0), endTime: sec(t0) + 3600, queryString: 'stats count(*)' });
        await inScan;
        // StopQuery marks the query cancelled in the store, then waits for its run to end: the scan goes on once
        // the mark is there.
        const stopping = env.logs.send(new StopQueryCommand({ queryId: id }));
        for (let i = 0; (await env.srv.server.app.store.insights.getQuery(devAccount, REGION, id))?.status !== 'Cancelled'; i++) {
          assert.ok(i < 500, 'StopQuery never marked the query');
          await new Promise((r) => setTimeout(r, 10));
        }
        release();
        assert.equal((await stopping).success, true);
      } finally {
        logsStore.listChunks = listChunks;
        release();
      }
      await service.settle(id);
      assert.equal((await env.logs.send(new GetQueryResultsCommand({ queryId: id }))).status, 'Cancelled');
      const again = await sdkError(env.logs.send(new StopQueryCommand({ queryId: id })));
      assert.deepEqual(again, { name: 'InvalidParameterException', message: `Query ${id} is not running (status: Cancelled).`, status: 400 });
    });

    test('ListLogGroupsForQuery lists the ARNs of the groups a query analysed, in pages', async () => {
      const names = Array.from({ length: 51 }, (_, i) => `insights/many-${String(i).padStart(2, '0')}`);
      for (const n of names) await env.logs.send(new CreateLogGroupCommand({ logGroupName: n }));
      const arnOf = (n: string) => `arn:aws:logs:${REGION}:${devAccount}:log-group:${n}`;
      const { queryId } = await env.logs.send(
        new StartQueryCommand({ logGroupIdentifiers: [names[0]!, ...names.slice(1, 50).map(arnOf)], startTime: sec(t0), endTime: sec(t0) + 10, queryString: 'fields @message' }),
      );
      const first = await env.logs.send(new ListLogGroupsForQueryCommand({ queryId }));
      assert.deepEqual(first.logGroupIdentifiers, names.slice(0, 50).map(arnOf));
      assert.equal(first.nextToken, undefined);
      const all: string[] = [];
      for await (const page of paginateListLogGroupsForQuery({ client: env.logs, pageSize: 20 } as never, { queryId, maxResults: 50 })) all.push(...page.logGroupIdentifiers!);
      assert.deepEqual(all, names.slice(0, 50).map(arnOf));
      const two = await env.logs.send(new StartQueryCommand({ logGroupNames: [names[50]!, group], startTime: sec(t0), endTime: sec(t0) + 10, queryString: 'fields @message' }));
      assert.deepEqual((await env.logs.send(new ListLogGroupsForQueryCommand({ queryId: two.queryId }))).logGroupIdentifiers, [arnOf(names[50]!), arnOf(group)]);
      const missing = await sdkError(env.logs.send(new ListLogGroupsForQueryCommand({ queryId: '00000000-0000-0000-0000-000000000000' })));
      assert.equal(missing.name, 'ResourceNotFoundException');
      const small = await sdkError(env.logs.send(new ListLogGroupsForQueryCommand({ queryId, maxResults: 10 })));
      assert.equal(small.name, 'InvalidParameterException');
      const badToken = await sdkError(env.logs.send(new ListLogGroupsForQueryCommand({ queryId, nextToken: 'nope' })));
      assert.equal(badToken.name, 'InvalidParameterException');
    });

    test('results expire after 7 days', async () => {
      const r = await env.logs.send(new StartQueryCommand({ logGroupName: group, startTime: sec(t0), endTime: sec(t0) + 10, queryString: 'fields @message' }));
      await waitForQuery(env.logs, r.queryId!);
      env.clock.advance(7 * 24 * 3_600_000 + 1);
      try {
        await env.runTask('insights-expiry');
        const { logs } = env.clients((await import('../helpers/server.js')).devCreds);
        const e = await sdkError(logs.send(new GetQueryResultsCommand({ queryId: r.queryId })));
        assert.equal(e.name, 'ResourceNotFoundException');
      } finally {
        env.clock.advance(-(7 * 24 * 3_600_000 + 1));
      }
    });
  });

  describe('query definitions', () => {
    test('are saved, listed by name prefix, updated and deleted', async () => {
      const a = await env.logs.send(new PutQueryDefinitionCommand({ name: 'errors/by-path', queryString: 'filter status >= 500 | stats count(*) by path', logGroupNames: [group] }));
      const b = await env.logs.send(new PutQueryDefinitionCommand({ name: 'latency', queryString: 'stats avg(latency)' }));
      const list = (await env.logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'errors/' }))).queryDefinitions!;
      assert.deepEqual(list.map((d) => [d.queryDefinitionId, d.name, d.logGroupNames]), [[a.queryDefinitionId, 'errors/by-path', [group]]]);
      await env.logs.send(new PutQueryDefinitionCommand({ queryDefinitionId: b.queryDefinitionId, name: 'latency p99', queryString: 'stats pct(latency, 99)' }));
      const page1 = await env.logs.send(new DescribeQueryDefinitionsCommand({ maxResults: 1 }));
      const page2 = await env.logs.send(new DescribeQueryDefinitionsCommand({ maxResults: 1, nextToken: page1.nextToken }));
      assert.deepEqual([...page1.queryDefinitions!, ...page2.queryDefinitions!].map((d) => d.name), ['errors/by-path', 'latency p99']);
      assert.equal(page2.queryDefinitions![0]!.queryString, 'stats pct(latency, 99)');
      assert.deepEqual(await env.logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId: a.queryDefinitionId })).then((o) => o.success), true);
      const gone = await sdkError(env.logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId: a.queryDefinitionId })));
      assert.deepEqual(gone, { name: 'ResourceNotFoundException', message: 'The specified query definition does not exist.', status: 400 });
      const missing = await sdkError(env.logs.send(new PutQueryDefinitionCommand({ queryDefinitionId: 'nope', name: 'x', queryString: 'fields @message' })));
      assert.equal(missing.name, 'ResourceNotFoundException');
    });
  });

  describe('query-result encryption', () => {
    test('AssociateKmsKey for query results is refused while the key policy lacks CloudWatch Logs, like a log group', async () => {
      const bare = await createKey(env.kms);
      const e = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: resultsArn, kmsKeyId: bare })));
      assert.deepEqual(e, { name: 'AccessDeniedException', message: `The specified KMS key does not exist or is not allowed to be used with Arn '${resultsArn}'`, status: 400 });
      const both = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ logGroupName: group, resourceIdentifier: resultsArn, kmsKeyId: key })));
      assert.deepEqual(both, { name: 'InvalidParameterException', message: 'LogGroup name and resource identifier are mutually exclusive parameters.', status: 400 });
      const neither = await sdkError(env.logs.send(new DisassociateKmsKeyCommand({})));
      assert.deepEqual(neither, { name: 'InvalidParameterException', message: 'Either LogGroup name or resource identifier must be specified.', status: 400 });
      const other = `arn:aws:logs:${REGION}:111122223333:query-result:*`;
      const foreign = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: other, kmsKeyId: key })));
      assert.deepEqual(foreign, { name: 'InvalidParameterException', message: `Unsupported resource identifier: ${other}`, status: 400 });
    });

    test('results are stored encrypted under the associated key, GetQueryResults names it, and a disabled key stops reads', async () => {
      const rkey = await createKey(env.kms, { policy: logsKeyPolicy(devAccount, REGION, { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': resultsArn } }) });
      await env.logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: resultsArn, kmsKeyId: rkey }));
      const r = await q('filter @message like /carol/ | fields toupper(@message) as shout');
      assert.equal(r.encryptionKey, rkey);
      const shout = 'USER=CAROL ACTION=LOGIN IP=10.1.2.3 LATENCY=20';
      assert.deepEqual(rows(r), [{ shout }]);
      await env.srv.server.app.store.scrub();
      for (const f of filesOf(env.srv.dataDir)) assert.equal(f.indexOf(shout), -1, 'results are never stored in plaintext');

      const queryId = (await env.logs.send(new DescribeQueriesCommand({ maxResults: 1 }))).queries![0]!.queryId!;
      await env.kms.send(new DisableKeyCommand({ KeyId: rkey }));
      const e = await sdkError(env.logs.send(new GetQueryResultsCommand({ queryId })));
      assert.deepEqual(e, {
        name: 'AccessDeniedException',
        message: `The KMS key ${rkey} that encrypts the results of query ${queryId} cannot be used: DisabledException: ${rkey} is disabled.`,
        status: 400,
      });
      await env.kms.send(new EnableKeyCommand({ KeyId: rkey }));
      assert.deepEqual(rows(await env.logs.send(new GetQueryResultsCommand({ queryId }))), [{ shout }]);

      await env.logs.send(new DisassociateKmsKeyCommand({ resourceIdentifier: resultsArn }));
      const plain = await q('stats count(*) as n');
      assert.equal(plain.encryptionKey, undefined);
      assert.deepEqual(rows(plain), [{ n: '5' }]);
    });
  });
});
