/**
 * Real clients run Logs Insights queries of every command and function family against an encrypted group: Debian's
 * AWS CLI v2, AWS CLI v1 and boto3 (from the machine's python3). Results are compared with the SDK's for the same
 * query, which the other Insights tests check against expected values.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { insightsService } from '../../src/insights/service.js';
import { awsCli, awsCliSkipReason } from '../helpers/awsCli.js';
import { devAccount, devCreds } from '../helpers/server.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, REGION, startLogsEnv, type LogsEnv } from '../logs/helpers.js';
import { runQuery } from './helpers.js';

/** One query per command and function family. */
const FAMILIES: Record<string, string> = {
  'fields/filter/sort/limit': 'fields @timestamp, level, status | filter status >= 400 | sort status desc | limit 5',
  'stats+bin': 'stats count(*) as n, sum(bytes) as total, avg(bytes), min(bytes), max(bytes), pct(bytes, 50), stddev(bytes) by bin(1m)',
  'stats by keys': 'stats count_distinct(path) as paths, earliest(path), latest(path), sortsFirst(path), sortsLast(path) by level, status',
  'parse glob': 'filter @message like "user=" | parse @message "user=* path=*" as who, where | display who, where',
  'parse regex': 'parse @message /user=(?<who>[a-z]+)/ | filter ispresent(who) | stats count(*) by who',
  'dedup/display': 'filter ispresent(path) | sort @timestamp asc | dedup path | display path, level',
  unnest: 'filter ispresent(tags) | unnest tags into tag | display tag',
  string: 'filter ispresent(path) | fields strlen(path) as len, toupper(level) as up, tolower(level) as low, trim(" x ") as t, concat(level, ":", path) as c, substr(path, 1, 2) as s, replace(path, "/", "_") as r, strcontains(path, "a") as has | sort @timestamp asc',
  numeric: 'filter ispresent(bytes) | fields abs(0 - bytes) as a, ceil(bytes / 7) as c, floor(bytes / 7) as f, greatest(bytes, 100) as g, least(bytes, 100) as l, log(bytes) as ln, sqrt(bytes) as sq, bytes ^ 2 % 1000 as m | sort @timestamp asc',
  datetime: 'fields datefloor(@timestamp, 1h) as h, dateceil(@timestamp, 1m) as m, toMillis(@timestamp) as ms, fromMillis(1700000000000) as fm | sort @timestamp asc | limit 3',
  ip: 'filter ispresent(ip) | fields isValidIp(ip) as v, isValidIpV4(ip) as v4, isValidIpV6(ip) as v6, isIpInSubnet(ip, "10.0.0.0/8") as inside, isIpv6InSubnet(ip, "2001:db8::/32") as in6 | sort @timestamp asc',
  'like/in/not/boolean': 'filter (level in ["ERROR", "WARN"] or @message like /(?i)timeout/) and not path =~ /^\\/health/ | display level, path',
  pattern: 'pattern @message | sort @sampleCount desc',
};

function python(): { python: string; aws1?: string } | undefined {
  try {
    const exe = execFileSync('python3', ['-c', 'import boto3, sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    const aws1 = join(dirname(exe), 'aws');
    return existsSync(aws1) ? { python: exe, aws1 } : { python: exe };
  } catch {
    return undefined;
  }
}

const py = python();

function clientEnv(url: string): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'logseal-py-'));
  writeFileSync(join(home, 'config'), '[default]\n');
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: devCreds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: devCreds.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    ENDPOINT: url,
  };
}

function execOut(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? 1 : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

describe('Logs Insights through the AWS CLI and boto3', () => {
  let env: LogsEnv;
  let t0: number;
  const group = 'insights/clients';
  const sdkResults = new Map<string, unknown>();
  const sec = (ms: number) => Math.floor(ms / 1000);

  before(async () => {
    env = await startLogsEnv();
    const key = await createKey(env.kms, { policy: logsKeyPolicy() });
    await createGroupAndStream(env.logs, group, 'a', key);
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'b' }));
    t0 = Math.floor(env.clock.now() / 3_600_000) * 3_600_000 - 3_600_000;
    const levels = ['INFO', 'WARN', 'ERROR'];
    const paths = ['/a', '/b/c', '/health', '/api/x'];
    const a = [];
    const b = [];
    for (let i = 0; i < 40; i++) {
      const ts = t0 + i * 20_000;
      if (i % 3 === 0) b.push({ timestamp: ts, message: `user=${['ann', 'bob', 'cy'][i % 3 === 0 ? (i / 3) % 3 : 0]} path=/p${i % 4} ip=${i % 2 ? '10.0.0.' + i : '2001:db8::' + i}` });
      else
        a.push({
          timestamp: ts,
          message: JSON.stringify({ level: levels[i % 3], status: [200, 404, 500][i % 3], path: paths[i % 4], bytes: 10 + i * 13, tags: i % 5 === 0 ? ['t1', 't2'] : undefined, note: i % 7 === 0 ? 'Timeout talking to db' : 'ok' }),
        });
    }
    await put(env.logs, group, 'a', a);
    await put(env.logs, group, 'b', b);
    for (const [name, queryString] of Object.entries(FAMILIES)) {
      const r = await runQuery(env.logs, { logGroupName: group, startTime: sec(t0), endTime: sec(t0) + 7200, queryString });
      assert.equal(r.status, 'Complete', name);
      assert.ok(r.results!.length > 0, `${name} finds something`);
      sdkResults.set(name, r.results);
    }
  });
  after(() => env.dispose());

  const cliSkip = awsCliSkipReason();
  test('AWS CLI v2: start-query and get-query-results for every family', { skip: cliSkip }, async () => {
    for (const [name, queryString] of Object.entries(FAMILIES)) {
      const started = await awsCli(env.srv.url, devCreds, ['logs', 'start-query', '--log-group-name', group, '--start-time', String(sec(t0)), '--end-time', String(sec(t0) + 7200), '--query-string', queryString]);
      assert.equal(started.code, 0, started.stderr);
      const { queryId } = JSON.parse(started.stdout) as { queryId: string };
      await insightsService(env.srv.server.app.logs).settle(queryId);
      const got = await awsCli(env.srv.url, devCreds, ['logs', 'get-query-results', '--query-id', queryId]);
      assert.equal(got.code, 0, got.stderr);
      const out = JSON.parse(got.stdout) as { status: string; results: unknown };
      assert.equal(out.status, 'Complete', name);
      assert.deepEqual(out.results, sdkResults.get(name), name);
    }
  });

  test('AWS CLI v2: a malformed query', { skip: cliSkip }, async () => {
    const bad = await awsCli(env.srv.url, devCreds, ['logs', 'start-query', '--log-group-name', group, '--start-time', '0', '--end-time', '1', '--query-string', 'stats count(*) by']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /MalformedQueryException.*unexpected symbol found <EOF> at line 1 and position 17/);
  });

  test('AWS CLI v1: start-query and get-query-results', { skip: py?.aws1 ? false : 'AWS CLI v1 (python3 -m awscli) not found' }, async () => {
    const e = clientEnv(env.srv.url);
    for (const name of ['stats+bin', 'parse regex', 'pattern']) {
      const started = await execOut(py!.aws1!, ['--endpoint-url', env.srv.url, 'logs', 'start-query', '--log-group-name', group, '--start-time', String(sec(t0)), '--end-time', String(sec(t0) + 7200), '--query-string', FAMILIES[name]!], e);
      assert.equal(started.code, 0, started.stderr);
      const { queryId } = JSON.parse(started.stdout) as { queryId: string };
      await insightsService(env.srv.server.app.logs).settle(queryId);
      const got = await execOut(py!.aws1!, ['--endpoint-url', env.srv.url, 'logs', 'get-query-results', '--query-id', queryId], e);
      assert.equal(got.code, 0, got.stderr);
      assert.deepEqual((JSON.parse(got.stdout) as { results: unknown }).results, sdkResults.get(name), name);
    }
    // CLI v2 2.9.19's model predates --resource-identifier; v1 has it.
    const cli = (args: string[]) => execOut(py!.aws1!, ['--endpoint-url', env.srv.url, ...args], e);
    const arn = `arn:aws:logs:${REGION}:${devAccount}:query-result:*`;
    const bare = await createKey(env.kms);
    const denied = await cli(['logs', 'associate-kms-key', '--resource-identifier', arn, '--kms-key-id', bare]);
    assert.match(denied.stderr, /AccessDeniedException.*not allowed to be used with Arn 'arn:aws:logs:us-east-1:000000000000:query-result:\*'/);
    const both = await cli(['logs', 'associate-kms-key', '--log-group-name', group, '--resource-identifier', arn, '--kms-key-id', bare]);
    assert.match(both.stderr, /InvalidParameterException.*LogGroup name and resource identifier are mutually exclusive parameters\./);
    const key = await createKey(env.kms, { policy: logsKeyPolicy() });
    const ok = await cli(['logs', 'associate-kms-key', '--resource-identifier', arn, '--kms-key-id', key]);
    assert.equal(ok.code, 0, ok.stderr);
    const started = await cli(['logs', 'start-query', '--log-group-name', group, '--start-time', String(sec(t0)), '--end-time', String(sec(t0) + 7200), '--query-string', 'stats count(*) as n']);
    const { queryId } = JSON.parse(started.stdout) as { queryId: string };
    await insightsService(env.srv.server.app.logs).settle(queryId);
    const got = JSON.parse((await cli(['logs', 'get-query-results', '--query-id', queryId])).stdout) as { encryptionKey: string; results: unknown };
    assert.equal(got.encryptionKey, key);
    assert.deepEqual(got.results, [[{ field: 'n', value: '40' }]]);
    assert.equal((await cli(['logs', 'disassociate-kms-key', '--resource-identifier', arn])).code, 0);
  });

  test('boto3: every family, query definitions, DescribeQueries and ListLogGroupsForQuery', { skip: py ? false : 'python3 with boto3 not found' }, async () => {
    const script = `
import boto3, json, sys, time
c = boto3.client('logs', endpoint_url=__import__('os').environ['ENDPOINT'])
spec = json.load(sys.stdin)
out = {}
for name, q in spec['families'].items():
    qid = c.start_query(logGroupName=spec['group'], startTime=spec['start'], endTime=spec['end'], queryString=q)['queryId']
    while True:
        r = c.get_query_results(queryId=qid)
        if r['status'] not in ('Running', 'Scheduled'):
            break
        time.sleep(0.02)
    out[name] = {'status': r['status'], 'results': r['results'], 'matched': r['statistics']['recordsMatched']}
d = c.put_query_definition(name='boto3/errors', queryString='filter level = "ERROR"', logGroupNames=[spec['group']])
out['definitions'] = [x['name'] for x in c.describe_query_definitions(queryDefinitionNamePrefix='boto3/')['queryDefinitions']]
c.delete_query_definition(queryDefinitionId=d['queryDefinitionId'])
out['described'] = len(c.describe_queries(logGroupName=spec['group'])['queries'])
out['groups'] = [g for page in c.get_paginator('list_log_groups_for_query').paginate(queryId=qid) for g in page['logGroupIdentifiers']]
try:
    c.start_query(logGroupName=spec['group'], startTime=0, endTime=1, queryString='fields |')
except c.exceptions.MalformedQueryException as e:
    out['malformed'] = e.response['queryCompileError']
print(json.dumps(out))
`;
    const r = await execOut(py!.python, ['-c', script], clientEnv(env.srv.url), JSON.stringify({ families: FAMILIES, group, start: sec(t0), end: sec(t0) + 7200 }));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, any>;
    for (const name of Object.keys(FAMILIES)) {
      assert.equal(out[name].status, 'Complete', name);
      assert.deepEqual(out[name].results, sdkResults.get(name), name);
    }
    assert.deepEqual(out.definitions, ['boto3/errors']);
    assert.ok(out.described >= Object.keys(FAMILIES).length);
    assert.deepEqual(out.groups, [`arn:aws:logs:${REGION}:${devAccount}:log-group:${group}`]);
    assert.deepEqual(out.malformed, { location: { startCharOffset: 7, endCharOffset: 8 }, message: 'unexpected symbol found | at line 1 and position 7' });
  });
});
