import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateLogGroupCommand,
  DeleteTransformerCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  GetLogRecordCommand,
  GetTransformerCommand,
  PutTransformerCommand,
  TestTransformerCommand,
  type Processor,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { rows, runQuery } from '../../insights/helpers.js';
import { atLeast, boto3Venv, runPython, DEV_BOTO3_ENV } from '../../helpers/python.js';
import { clientConfig, devAccount, startTestServer, type TestServer } from '../../helpers/server.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const sec = (ms: number) => Math.floor(ms / 1000);

function filesOf(dir: string): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesOf(p));
    else out.push([p, readFileSync(p)]);
  }
  return out;
}

const appTransformer: Processor[] = [
  { grok: { match: '%{TIMESTAMP_ISO8601:time} %{LOGLEVEL:level} user=%{WORD:user.id} %{GREEDYDATA:msg}' } },
  { lowerCaseString: { withKeys: ['level'] } },
  { upperCaseString: { withKeys: ['msg'] } },
  { addKeys: { entries: [{ key: 'env', value: 'ADDED-ONLY-IN-TRANSFORMED-7q2' }] } },
  { copyValue: { entries: [{ source: '@logGroupName', target: 'group' }] } },
];

describe('log transformers', () => {
  let env: LogsEnv;
  let t0: number;

  before(async () => {
    env = await startLogsEnv();
    t0 = env.clock.now();
  });
  after(async () => {
    await env.dispose();
  });

  test('PutTransformer then GetTransformer answers the processors with creation and modification times', async () => {
    await createGroupAndStream(env.logs, 'tr/get', 's');
    const config: Processor[] = [{ parseJSON: {} }, { renameKeys: { entries: [{ key: 'a', renameTo: 'b', overwriteIfExists: true }] } }];
    await env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/get', transformerConfig: config }));
    const got = await env.logs.send(new GetTransformerCommand({ logGroupIdentifier: 'tr/get' }));
    assert.equal(got.logGroupIdentifier, 'tr/get');
    assert.deepEqual(got.transformerConfig, config);
    assert.ok(got.creationTime! > 0 && got.creationTime! <= env.clock.now());
    assert.equal(got.lastModifiedTime, got.creationTime);
    env.clock.advance(5000);
    await env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/get', transformerConfig: [{ csv: {} }] }));
    const again = await env.logs.send(new GetTransformerCommand({ logGroupIdentifier: 'tr/get' }));
    assert.deepEqual(again.transformerConfig, [{ csv: {} }]);
    assert.equal(again.creationTime, got.creationTime);
    assert.ok(again.lastModifiedTime! - again.creationTime! >= 5000);
  });

  test('GetTransformer and DeleteTransformer of a group without one, or of no group, answer ResourceNotFoundException', async () => {
    await createGroupAndStream(env.logs, 'tr/none', 's');
    for (const call of [
      env.logs.send(new GetTransformerCommand({ logGroupIdentifier: 'tr/none' })),
      env.logs.send(new DeleteTransformerCommand({ logGroupIdentifier: 'tr/none' })),
    ]) {
      assert.deepEqual(await sdkError(call), { name: 'ResourceNotFoundException', message: 'The specified transformer does not exist.', status: 400 });
    }
    const missing = await sdkError(env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/missing', transformerConfig: [{ parseJSON: {} }] })));
    assert.deepEqual(missing, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
  });

  test('a transformer is refused with InvalidParameterException naming the broken rule, and nothing is stored', async () => {
    await createGroupAndStream(env.logs, 'tr/bad', 's');
    const cases: [Processor[], string][] = [
      [[{ addKeys: { entries: [{ key: 'a', value: 'b' }] } }], 'the first processor must be a parser (parseJSON, grok, csv, parseKeyValue or a built-in parser)'],
      [[{ parseJSON: {} }, { parseVPC: {} }], 'parseVPC is a built-in parser and must be the first processor'],
      [[{ grok: { match: '%{WORD:a}' } }, { grok: { match: '%{WORD:b}' } }], 'a transformer can include only one grok processor'],
      [Array.from({ length: 6 }, () => ({ parseJSON: {} })), 'a transformer can have at most 5 parser-type processors'],
      [[{ grok: { match: '%{NOTAPATTERN:x}' } }], 'unknown grok pattern %{NOTAPATTERN}'],
      [[{ parseJSON: {} }, { substituteString: { entries: [{ source: 'a', from: '(x)\\1', to: 'y' }] } }], 'the regular expression (x)\\1 cannot be run in linear time (backreferences and lookaround are not supported)'],
    ];
    for (const [transformerConfig, detail] of cases) {
      const err = await sdkError(env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/bad', transformerConfig })));
      assert.deepEqual(err, { name: 'InvalidParameterException', message: `Invalid transformer configuration: ${detail}.`, status: 400 });
    }
    const tooMany = await sdkError(
      env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/bad', transformerConfig: Array.from({ length: 21 }, () => ({ trimString: { withKeys: ['a'] } })) })),
    );
    assert.equal(tooMany.name, 'InvalidParameterException');
    assert.match(tooMany.message, /transformerConfig' failed to satisfy constraint: Member must have length less than or equal to 20/);
    const err = await sdkError(env.logs.send(new GetTransformerCommand({ logGroupIdentifier: 'tr/bad' })));
    assert.equal(err.name, 'ResourceNotFoundException');
  });

  test('a group of the INFREQUENT_ACCESS class cannot have a transformer (InvalidOperationException)', async () => {
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'tr/ia', logGroupClass: 'INFREQUENT_ACCESS' }));
    const err = await sdkError(env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/ia', transformerConfig: [{ parseJSON: {} }] })));
    assert.deepEqual(err, { name: 'InvalidOperationException', message: 'Transformers can be created only for log groups in the STANDARD log class.', status: 400 });
  });

  test('a caller without logs:PutTransformer on the group is refused; logs:GetTransformer reads it', async () => {
    await createGroupAndStream(env.logs, 'tr/authz', 's');
    await env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/authz', transformerConfig: [{ parseJSON: {} }] }));
    const iam = new IAMClient(clientConfig(env.srv.url, undefined, REGION, env.clock));
    try {
      await iam.send(new CreateUserCommand({ UserName: 'reader' }));
      const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:GetTransformer'], Resource: '*' }] };
      await iam.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'p', PolicyDocument: JSON.stringify(doc) }));
      const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
      const reader = env.clients({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).logs;
      assert.deepEqual((await reader.send(new GetTransformerCommand({ logGroupIdentifier: 'tr/authz' }))).transformerConfig, [{ parseJSON: {} }]);
      const err = await sdkError(reader.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/authz', transformerConfig: [{ csv: {} }] })));
      assert.equal(err.name, 'AccessDeniedException');
      assert.match(err.message, new RegExp(`arn:aws:iam::${devAccount}:user/reader is not authorized to perform: logs:PutTransformer on resource: arn:aws:logs:${REGION}:${devAccount}:log-group:tr/authz`));
    } finally {
      iam.destroy();
    }
  });

  test('TestTransformer answers each message numbered from 1 with its transformed version', async () => {
    const out = await env.logs.send(
      new TestTransformerCommand({
        transformerConfig: [
          { parseKeyValue: { fieldDelimiter: ' ', keyValueDelimiter: '=' } },
          { typeConverter: { entries: [{ key: 'status', type: 'integer' }] } },
          { upperCaseString: { withKeys: ['method'] } },
          { copyValue: { entries: [{ source: '@regionName', target: 'region' }] } },
        ],
        logEventMessages: ['method=get status=200', 'method=post status=500', 'no pairs here'],
      }),
    );
    assert.deepEqual(out.transformedLogs, [
      { eventNumber: 1, eventMessage: 'method=get status=200', transformedEventMessage: '{"method":"GET","status":200,"region":"us-east-1"}' },
      { eventNumber: 2, eventMessage: 'method=post status=500', transformedEventMessage: '{"method":"POST","status":500,"region":"us-east-1"}' },
      { eventNumber: 3, eventMessage: 'no pairs here', transformedEventMessage: '{"region":"us-east-1"}' },
    ]);
  });

  test('TestTransformer with a message the parser cannot read gives it back unchanged, and validates like PutTransformer', async () => {
    const out = await env.logs.send(new TestTransformerCommand({ transformerConfig: [{ parseJSON: {} }], logEventMessages: ['{"ok":true}', 'not json'] }));
    assert.deepEqual(
      out.transformedLogs!.map((r) => r.transformedEventMessage),
      ['{"ok":true}', 'not json'],
    );
    const err = await sdkError(env.logs.send(new TestTransformerCommand({ transformerConfig: [{ trimString: { withKeys: ['a'] } }], logEventMessages: ['x'] })));
    assert.equal(err.name, 'InvalidParameterException');
    const tooMany = await sdkError(env.logs.send(new TestTransformerCommand({ transformerConfig: [{ parseJSON: {} }], logEventMessages: Array.from({ length: 51 }, () => 'x') })));
    assert.equal(tooMany.name, 'InvalidParameterException');
    assert.match(tooMany.message, /logEventMessages' failed to satisfy constraint: Member must have length less than or equal to 50/);
  });

  describe('at ingestion', () => {
    const lines = [
      '2024-05-01T10:00:00Z ERROR user=alice payment failed',
      'this line does not match the grok pattern',
      '2024-05-01T10:00:02Z INFO user=bob payment ok',
    ];

    before(async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await createGroupAndStream(env.logs, 'tr/app', 'web-1', key);
      await put(env.logs, 'tr/app', 'web-1', [{ timestamp: t0, message: '2024-05-01T09:59:59Z WARN user=early before the transformer' }]);
      await env.logs.send(new PutTransformerCommand({ logGroupIdentifier: 'tr/app', transformerConfig: appTransformer }));
      await put(env.logs, 'tr/app', 'web-1', lines.map((message, i) => ({ timestamp: t0 + 1 + i, message })));
    });

    test('GetLogEvents and FilterLogEvents answer the original messages', async () => {
      const got = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'tr/app', logStreamName: 'web-1', startFromHead: true }));
      assert.deepEqual(got.events!.map((e) => e.message), ['2024-05-01T09:59:59Z WARN user=early before the transformer', ...lines]);
      const filtered = await env.logs.send(new FilterLogEventsCommand({ logGroupName: 'tr/app', filterPattern: 'payment' }));
      assert.deepEqual(filtered.events!.map((e) => e.message), [lines[0], lines[2]]);
    });

    test('Logs Insights sees the transformed fields of events ingested since the transformer was put', async () => {
      const r = await runQuery(env.logs, {
        logGroupName: 'tr/app',
        startTime: sec(t0) - 1,
        endTime: sec(t0) + 60,
        queryString: 'fields level, user.id, env, group, @transformationError | sort @timestamp asc',
      });
      assert.equal(r.status, 'Complete', JSON.stringify(r));
      assert.deepEqual(rows(r), [
        {},
        { level: 'error', 'user.id': 'alice', env: 'ADDED-ONLY-IN-TRANSFORMED-7q2', group: 'tr/app' },
        { '@transformationError': 'the grok pattern did not match' },
        { level: 'info', 'user.id': 'bob', env: 'ADDED-ONLY-IN-TRANSFORMED-7q2', group: 'tr/app' },
      ]);
      const errors = await runQuery(env.logs, {
        logGroupName: 'tr/app',
        startTime: sec(t0) - 1,
        endTime: sec(t0) + 60,
        queryString: 'filter level = "error" | stats count(*) as n',
      });
      assert.deepEqual(rows(errors), [{ n: '1' }]);
    });

    test('GetLogRecord shows the original @message with the transformed fields', async () => {
      const r = await runQuery(env.logs, { logGroupName: 'tr/app', startTime: sec(t0) - 1, endTime: sec(t0) + 60, queryString: 'fields @ptr | filter user.id = "bob"' });
      const ptr = r.results![0]!.find((f) => f.field === '@ptr')!.value!;
      const rec = await env.logs.send(new GetLogRecordCommand({ logRecordPointer: ptr }));
      assert.equal(rec.logRecord!['@message'], lines[2]);
      assert.equal(rec.logRecord!['level'], 'info');
      assert.equal(rec.logRecord!['msg'], 'PAYMENT OK');
    });

    test('compaction merges the chunks before and after the transformer and keeps each event\'s transformed version', async () => {
      const store = env.srv.server.app.store.logs;
      const g = (await store.getGroup('000000000000', 'us-east-1', 'tr/app'))!;
      const chunks = async () => (await store.listChunks({ groupId: g.id, fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, order: 'asc', limit: 1000 })).chunks;
      assert.deepEqual((await chunks()).map((c) => c.data[0]), [2, 3]);
      await env.runTask('logs-compaction');
      assert.deepEqual((await chunks()).map((c) => [c.data[0], c.count]), [[3, 4]]);
      const r = await runQuery(env.logs, { logGroupName: 'tr/app', startTime: sec(t0) - 1, endTime: sec(t0) + 60, queryString: 'filter ispresent(level) | fields user.id | sort @timestamp asc' });
      assert.deepEqual(rows(r), [{ 'user.id': 'alice' }, { 'user.id': 'bob' }]);
    });

    test('after DeleteTransformer new events are stored untransformed; earlier ones keep their transformed version', async () => {
      await env.logs.send(new DeleteTransformerCommand({ logGroupIdentifier: 'tr/app' }));
      await put(env.logs, 'tr/app', 'web-1', [{ timestamp: t0 + 10, message: '2024-05-01T10:00:09Z INFO user=carol after delete' }]);
      const r = await runQuery(env.logs, { logGroupName: 'tr/app', startTime: sec(t0) - 1, endTime: sec(t0) + 60, queryString: 'fields user.id | sort @timestamp asc' });
      assert.deepEqual(rows(r), [{}, { 'user.id': 'alice' }, {}, { 'user.id': 'bob' }, {}]);
    });

    test('neither the originals nor their transformed versions reach the data directory in plaintext', async () => {
      // PAYMENT FAILED exists only in the transformed version (upperCaseString of what grok extracted).
      for (const [name, bytes] of filesOf(env.srv.dataDir)) {
        assert.equal(bytes.includes(Buffer.from('PAYMENT FAILED')), false, name);
        assert.equal(bytes.includes(Buffer.from('payment failed')), false, name);
        assert.equal(bytes.includes(Buffer.from('"user":{"id"')), false, name);
      }
    });
  });
});

const BOTO3_SCRIPT = `
import json, sys, boto3
logs = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1")
logs.create_log_group(logGroupName="/boto3/transformed")
config = [{"parseJSON": {}}, {"renameKeys": {"entries": [{"key": "lvl", "renameTo": "level"}]}}]
logs.put_transformer(logGroupIdentifier="/boto3/transformed", transformerConfig=config)
got = logs.get_transformer(logGroupIdentifier="/boto3/transformed")
tested = logs.test_transformer(transformerConfig=config, logEventMessages=['{"lvl":"warn"}'])["transformedLogs"]
try:
    logs.put_transformer(logGroupIdentifier="/boto3/transformed", transformerConfig=[{"trimString": {"withKeys": ["a"]}}])
    refused = None
except logs.exceptions.InvalidParameterException as e:
    refused = e.response["Error"]["Code"]
logs.delete_transformer(logGroupIdentifier="/boto3/transformed")
try:
    logs.get_transformer(logGroupIdentifier="/boto3/transformed")
    gone = None
except logs.exceptions.ResourceNotFoundException as e:
    gone = e.response["Error"]["Code"]
print(json.dumps({"config": got["transformerConfig"], "tested": tested, "refused": refused, "gone": gone}))
`;

describe('log transformers through boto3', () => {
  let server: TestServer;
  const venv = boto3Venv();
  const skip = typeof venv === 'string' ? venv : typeof venv !== 'string' && !atLeast(venv.botocoreVersion, 1, 36) ? `botocore ${venv.botocoreVersion} has no transformer operations` : false;

  before(async () => {
    server = await startTestServer({ dev: true });
  });
  after(async () => {
    await server?.dispose();
  });

  test('put, get, test and delete a transformer, and a refused one', { skip }, async () => {
    if (typeof venv === 'string') return;
    const r = await runPython(venv, BOTO3_SCRIPT, DEV_BOTO3_ENV, [server.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      config: [{ parseJSON: {} }, { renameKeys: { entries: [{ key: 'lvl', renameTo: 'level' }] } }],
      tested: [{ eventNumber: 1, eventMessage: '{"lvl":"warn"}', transformedEventMessage: '{"level":"warn"}' }],
      refused: 'InvalidParameterException',
      gone: 'ResourceNotFoundException',
    });
  });
});
