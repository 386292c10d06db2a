import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Processor } from '../../../src/protocol/generated/logs.js';
import { compileTransformer } from '../../../src/logs/transform/processors.js';
import { GROK_LIBRARY, compileGrok } from '../../../src/logs/transform/grok.js';

const meta = { logGroupName: 'g', logStreamName: 's', accountId: '123456789012', region: 'us-east-1' };

function run(config: Processor[], message: string): unknown {
  const r = compileTransformer(config).apply(message, meta);
  if (!r.ok) return { error: r.error };
  return JSON.parse(r.json);
}

function refusal(config: Processor[]): string {
  try {
    compileTransformer(config);
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
}

describe('transformer processors', () => {
  test('parseJSON puts members at the root or under a destination', () => {
    assert.deepEqual(run([{ parseJSON: {} }], '{"a":{"b":1},"c":"x"}'), { a: { b: 1 }, c: 'x' });
    assert.deepEqual(run([{ parseJSON: { destination: 'new_key' } }], '{"outer_key":{"inner_key":"inner_value"}}'), {
      new_key: { outer_key: { inner_key: 'inner_value' } },
    });
    assert.deepEqual(run([{ parseJSON: {} }], 'not json'), { error: '@message is not valid JSON' });
  });

  test('a second parseJSON parses a nested string field', () => {
    assert.deepEqual(run([{ parseJSON: {} }, { parseJSON: { source: 'inner', destination: 'parsed' } }], '{"inner":"{\\"x\\":2}"}'), { inner: '{"x":2}', parsed: { x: 2 } });
  });

  test('grok extracts named fields, dotted names nest', () => {
    const match = '%{NUMBER:version} %{HOSTNAME:hostname} %{NOTSPACE:status} "%{DATA:logMsg}"';
    assert.deepEqual(run([{ grok: { match } }], '293750 server-01.internal-network.local OK "[Thread-000] token generated"'), {
      version: '293750',
      hostname: 'server-01.internal-network.local',
      status: 'OK',
      logMsg: '[Thread-000] token generated',
    });
    assert.deepEqual(run([{ grok: { match: '%{IPV4:client.ip} %{WORD:client.method}' } }], '10.0.0.1 GET /'), { client: { ip: '10.0.0.1', method: 'GET' } });
    assert.deepEqual(run([{ grok: { match: '^%{INT:n}$' } }], 'abc'), { error: 'the grok pattern did not match' });
  });

  test('grok parses an Apache combined log line', () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://example.com/start.html" "Mozilla/4.08"';
    const out = run([{ grok: { match: '%{COMBINEDAPACHELOG}' } }], line) as Record<string, string>;
    assert.equal(out['clientip'], '127.0.0.1');
    assert.equal(out['auth'], 'frank');
    assert.equal(out['timestamp'], '10/Oct/2000:13:55:36 -0700');
    assert.equal(out['verb'], 'GET');
    assert.equal(out['request'], '/apache_pb.gif');
    assert.equal(out['response'], '200');
    assert.equal(out['agent'], '"Mozilla/4.08"');
  });

  test('every library pattern compiles for the linear-time engine', () => {
    for (const name of Object.keys(GROK_LIBRARY)) assert.doesNotThrow(() => compileGrok(`%{${name}:f}`), name);
  });

  test('grok answers at once on input that makes backtracking engines run for hours', () => {
    // Four lazy wildcards and a missing final x: a backtracking engine tries O(n^4) splits of 20,000 characters.
    // No speed assertion (benches measure speed): with backtracking this test would not end.
    const g = compileGrok('%{DATA:a}%{DATA:b}%{DATA:c}%{DATA:d}x$');
    assert.equal(g.match('a'.repeat(20_000)), undefined);
    assert.deepEqual(g.match('abx'), [['a', ''], ['b', ''], ['c', ''], ['d', 'ab']]);
  });

  test('csv splits quoted cells and names columns column_1… by default', () => {
    assert.deepEqual(run([{ csv: {} }], 'a,"b,c",""""'), { column_1: 'a', column_2: 'b,c', column_3: '"' });
    assert.deepEqual(run([{ csv: { delimiter: '\\t', quoteCharacter: "'", columns: ['x', 'y'] } }], "1\t'2\t3'"), { x: '1', y: '2\t3' });
  });

  test('parseKeyValue with delimiters, prefix, non-matching value and destination', () => {
    assert.deepEqual(run([{ parseKeyValue: {} }], 'a=1&b=2&c'), { a: '1', b: '2' });
    assert.deepEqual(
      run([{ parseKeyValue: { destination: 'kv', fieldDelimiter: '!', keyValueDelimiter: ':', keyPrefix: 'p_', nonMatchValue: 'none' } }], 'key1:value1!key2:value2!key3'),
      { kv: { p_key1: 'value1', p_key2: 'value2', p_key3: 'none' } },
    );
  });

  test('JSON mutators: addKeys, deleteKeys, moveKeys, renameKeys, copyValue with metadata', () => {
    const out = run(
      [
        { parseJSON: {} },
        { addKeys: { entries: [{ key: 'env', value: 'prod' }, { key: 'a', value: 'kept' }, { key: 'b', value: 'over', overwriteIfExists: true }] } },
        { deleteKeys: { withKeys: ['gone'] } },
        { moveKeys: { entries: [{ source: 'm', target: 'inner.m' }] } },
        { renameKeys: { entries: [{ key: 'old', renameTo: 'new' }] } },
        { copyValue: { entries: [{ source: '@logGroupName', target: 'group' }, { source: '@accountId', target: 'account' }, { source: 'env', target: 'env2' }] } },
      ],
      '{"a":1,"b":2,"gone":3,"m":4,"old":5}',
    );
    assert.deepEqual(out, { a: 1, b: 'over', inner: { m: 4 }, new: 5, env: 'prod', group: 'g', account: '123456789012', env2: 'prod' });
  });

  test('listToMap, with and without flatten', () => {
    const msg = '{"items":[{"k":"a","v":1},{"k":"b","v":2},{"k":"a","v":3}]}';
    assert.deepEqual(run([{ parseJSON: {} }, { listToMap: { source: 'items', key: 'k', valueKey: 'v', target: 'm' } }], msg), {
      items: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }],
      m: { a: [1, 3], b: [2] },
    });
    const flat = run([{ parseJSON: {} }, { listToMap: { source: 'items', key: 'k', valueKey: 'v', flatten: true, flattenedElement: 'last' } }], msg) as Record<string, unknown>;
    assert.equal(flat['a'], 3);
    assert.equal(flat['b'], 2);
  });

  test('string mutators: lowerCase, upperCase, trim, split, substitute', () => {
    const out = run(
      [
        { parseJSON: {} },
        { lowerCaseString: { withKeys: ['l'] } },
        { upperCaseString: { withKeys: ['u'] } },
        { trimString: { withKeys: ['t'] } },
        { splitString: { entries: [{ source: 's', delimiter: ',' }] } },
        { substituteString: { entries: [{ source: 'r', from: '(\\d+)-(\\d+)', to: '$2-$1' }, { source: 'p', from: '\\$', to: 'USD' }] } },
      ],
      '{"l":"MiXeD","u":"MiXeD","t":"  pad  ","s":"a,b,c","r":"12-34 and 5-6","p":"$5"}',
    );
    assert.deepEqual(out, { l: 'mixed', u: 'MIXED', t: 'pad', s: ['a', 'b', 'c'], r: '34-12 and 6-5', p: 'USD5' });
  });

  test('typeConverter to integer, double, boolean and string', () => {
    const out = run(
      [{ parseJSON: {} }, { typeConverter: { entries: [{ key: 'i', type: 'integer' }, { key: 'd', type: 'double' }, { key: 'b', type: 'boolean' }, { key: 's', type: 'string' }] } }],
      '{"i":"42","d":"2.5","b":"TRUE","s":7}',
    );
    assert.deepEqual(out, { i: 42, d: 2.5, b: true, s: '7' });
    assert.deepEqual(run([{ parseJSON: {} }, { typeConverter: { entries: [{ key: 'i', type: 'integer' }] } }], '{"i":"4x"}'), { error: 'i cannot be converted to integer' });
  });

  test('dateTimeConverter reads Java patterns and writes the target format in the target zone', () => {
    const base: Processor[] = [{ parseJSON: {} }];
    assert.deepEqual(
      run([...base, { dateTimeConverter: { source: 't', target: 'iso', matchPatterns: ['dd/MMM/yyyy:HH:mm:ss Z'] } }], '{"t":"10/Oct/2000:13:55:36 -0700"}'),
      { t: '10/Oct/2000:13:55:36 -0700', iso: '2000-10-10T20:55:36.000Z' },
    );
    assert.deepEqual(
      run(
        [...base, { dateTimeConverter: { source: 't', target: 't', matchPatterns: ['yyyy-MM-dd HH:mm:ss'], sourceTimezone: 'Europe/Paris', targetFormat: 'yyyy-MM-dd HH:mm', targetTimezone: 'America/New_York' } }],
        '{"t":"2024-07-01 12:00:00"}',
      ),
      { t: '2024-07-01 06:00' },
    );
    assert.deepEqual(run([...base, { dateTimeConverter: { source: 't', target: 'x', matchPatterns: ['yyyy'] } }], '{"t":"soon"}'), { error: 't matches none of the date patterns' });
  });

  test('built-in parsers: parseVPC, parseRoute53, parsePostgres, parseWAF, parseCloudfront', () => {
    assert.deepEqual(run([{ parseVPC: {} }], '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK'), {
      version: 2,
      account_id: '123456789010',
      interface_id: 'eni-1235b8ca123456789',
      srcaddr: '172.31.16.139',
      dstaddr: '172.31.16.21',
      srcport: 20641,
      dstport: 22,
      protocol: 6,
      packets: 20,
      bytes: 4249,
      start: 1418530010,
      end: 1418530070,
      action: 'ACCEPT',
      log_status: 'OK',
    });
    const r53 = run([{ parseRoute53: {} }], '1.0 2017-12-13T08:15:50.235Z Z123412341234 example.com AAAA NOERROR TCP IAD12 192.0.2.0 192.0.2.0/24') as Record<string, string>;
    assert.equal(r53['queryName'], 'example.com');
    assert.equal(r53['ednsClientSubnet'], '192.0.2.0/24');
    const pg = run([{ parsePostgres: {} }], '2019-03-10 03:54:59 UTC:10.0.0.123(52834):postgres@logs:[20175]:ERROR:  column "x" does not exist') as Record<string, unknown>;
    assert.deepEqual([pg['userName'], pg['databaseName'], pg['processId'], pg['logLevel'], pg['message']], ['postgres', 'logs', 20175, 'ERROR', 'column "x" does not exist']);
    const waf = run([{ parseWAF: {} }], '{"action":"ALLOW","httpRequest":{"headers":[{"name":"Host","value":"example.com"}]}}') as { httpRequest: { headers: Record<string, string> } };
    assert.equal(waf.httpRequest.headers['Host'], 'example.com');
    const cf = run([{ parseCloudfront: {} }], ['2019-12-04', '21:02:31', 'LAX1', '392', '192.0.2.100', 'GET', 'd111111abcdef8.cloudfront.net', '/index.html', '200', '-', 'Mozilla', '-', '-', 'Hit', 'abc', 'd111111abcdef8.cloudfront.net', 'https', '23', '0.001', '-'].join('\t')) as Record<string, unknown>;
    assert.equal(cf['sc-status'], 200);
    assert.equal(cf['cs-uri-stem'], '/index.html');
  });

  test('AWS rules on the processor list, each refused with its reason', () => {
    assert.match(refusal([{ addKeys: { entries: [{ key: 'a', value: 'b' }] } }]), /the first processor must be a parser/);
    assert.match(refusal([{ parseJSON: {} }, { parseVPC: {} }]), /parseVPC is a built-in parser and must be the first processor/);
    assert.match(refusal([{ grok: { match: '%{WORD:a}' } }, { grok: { match: '%{WORD:b}' } }]), /only one grok processor/);
    assert.match(refusal([{ parseJSON: {} }, { addKeys: { entries: [{ key: 'a', value: 'b' }] } }, { addKeys: { entries: [{ key: 'c', value: 'd' }] } }]), /only one addKeys processor/);
    assert.match(refusal([{ parseJSON: {} }, { copyValue: { entries: [{ source: 'a', target: 'b' }] } }, { copyValue: { entries: [{ source: 'a', target: 'c' }] } }]), /only one copyValue/);
    assert.match(refusal(Array.from({ length: 6 }, () => ({ parseJSON: {} }))), /at most 5 parser-type processors/);
    assert.match(refusal([{ parseJSON: {}, csv: {} }]), /processor 1 must name exactly one processor type/);
    assert.match(refusal([{ parseJSON: { source: 'a.b' } }]), /as the first processor must parse @message/);
    assert.match(refusal([{ parseJSON: { destination: 'a.b.c.d' } }]), /nested deeper than 3 levels/);
    assert.match(refusal([{ grok: { match: '%{NOPE:x}' } }]), /unknown grok pattern %\{NOPE\}/);
    assert.match(refusal([{ grok: { match: '%{NUMBER:x:int}' } }]), /do not support type conversions/);
    assert.match(refusal([{ grok: { match: Array.from({ length: 21 }, (_, i) => `%{WORD:w${i}}`).join(' ') } }]), /at most 20 grok patterns/);
    assert.match(refusal([{ grok: { match: Array.from({ length: 6 }, (_, i) => `%{DATA:d${i}}`).join(' ') } }]), /at most 5 times/);
    assert.match(refusal([{ grok: { match: '(?=a)%{WORD:w}' } }]), /cannot be run in linear time/);
    assert.match(refusal([{ parseJSON: {} }, { substituteString: { entries: [{ source: 'a', from: '(?<=x)y', to: '' }] } }]), /cannot be run in linear time/);
    assert.match(refusal([{ parseJSON: {} }, { dateTimeConverter: { source: 'a', target: 'b', matchPatterns: ['yyyy'], sourceTimezone: 'Mars/Olympus' } }]), /Mars\/Olympus is not a valid time zone/);
    assert.match(refusal([{ parseJSON: {} }, { listToMap: { source: 'a', key: 'k', flatten: true } }]), /flattenedElement \(first or last\) is required/);
    assert.match(refusal([{ csv: { delimiter: ';;' } }]), /csv delimiter must be one character/);
    assert.match(refusal([{ parseToOCSF: { eventSource: 'CloudTrail', ocsfVersion: 'V1.1' } }]), /parseToOCSF processor is not supported/);
  });

  test('more than 200 extracted fields is a transformation error', () => {
    const obj = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]));
    assert.deepEqual(run([{ parseJSON: {} }], JSON.stringify(obj)), { error: 'the transformer extracted more than 200 fields' });
  });
});
