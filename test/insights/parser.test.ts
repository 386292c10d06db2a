import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseQuery } from '../../src/insights/parser.js';

/** Queries in the style of AWS's query syntax documentation and sample queries, written out as our own cases. */
const VALID = [
  'fields @timestamp, @message | sort @timestamp desc | limit 25',
  'fields @timestamp, @message, @logStream, @log | sort @timestamp desc | limit 20',
  'filter @message like /Exception/ | stats count(*) as exceptionCount by bin(1h) | sort exceptionCount desc',
  'filter @type = "REPORT" | stats avg(@duration), max(@duration), min(@duration) by bin(5m)',
  'stats count(*) by @logStream | limit 100',
  'fields @timestamp, @message | filter @message like /(?i)error|fail/ | sort @timestamp desc',
  'parse @message "[*] *" as loggingType, loggingMessage | filter loggingType = "ERROR" | display loggingMessage',
  'parse @message /(?<user>\\S+) logged in from (?<ip>\\S+)/ | stats count(*) by user, ip',
  'stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15',
  'filter isIpv4InSubnet(srcAddr, "192.0.2.0/24") | fields srcAddr, dstAddr',
  'fields strlen(@message) as len, toupper(level), concat(a, "-", b), substr(@message, 0, 10), replace(@message, "a", "b")',
  'fields abs(x), ceil(x), floor(x), greatest(x, y, 3), least(x, 1), log(x), sqrt(x), x ^ 2, x % 3, -x',
  'fields datefloor(@timestamp, 1h) as h, dateceil(@timestamp, 1d), fromMillis(1700000000000), toMillis(@timestamp)',
  'filter ispresent(requestId) and not isempty(userId) or isblank(x)',
  'filter status in [400, 401, 403] and method not in ["GET", "HEAD"]',
  'filter @message not like "healthcheck" | filter path =~ /^\\/api\\//',
  'stats pct(latency, 99) as p99, stddev(latency), count_distinct(user), earliest(@message), latest(@message), sortsFirst(a), sortsLast(a)',
  'stats count(*) by bin(30s), bin(1m) as m, level',
  'filter level = "ERROR" | dedup requestId | limit 10',
  'unnest tags into tag | stats count(*) by tag',
  'pattern @message',
  'filter @logStream = "web" | pattern @message | anomaly',
  'fields `field with spaces`, `@odd.name` | sort `field with spaces` asc',
  'fields @timestamp # a comment\n| limit 5',
  'filter (a + b) * 2 >= 10 and c / 4 < 1.5e3',
  'filter @message like /a\\/b/',
  'filter /ERROR/',
];

describe('CWLI parser', () => {
  for (const q of VALID) {
    test(`parses ${JSON.stringify(q)}`, () => {
      assert.ok(parseQuery(q).commands.length > 0);
    });
  }

  test('names an expression without alias by its text, and keeps aliases', () => {
    const q = parseQuery('stats count(*), avg(latency) as a by bin(5m), path');
    const stats = q.commands[0]!;
    assert.equal(stats.k, 'stats');
    if (stats.k !== 'stats') return;
    assert.deepEqual(stats.aggs.map((a) => a.name), ['count(*)', 'a']);
    assert.deepEqual(stats.by.map((b) => b.name), ['bin(5m)', 'path']);
  });

  test('tells a regex from a division by where an operand is expected', () => {
    const q = parseQuery('fields a / 2 as half | filter b like /x/');
    assert.equal(q.commands.length, 2);
  });

  const BAD: [string, string, number, number][] = [
    ['fields @message | sort by', 'by', 23, 25],
    ['fields', '<EOF>', 6, 6],
    ['stats count(*) by', '<EOF>', 17, 17],
    ['filter x ==', '=', 10, 11],
    ['limit ten', 'ten', 6, 9],
    ['selectt @message', 'selectt', 0, 7],
    ['fields a\n| filter b like /x/i', 'i', 28, 29],
  ];
  for (const [query, token, start, end] of BAD) {
    test(`refuses ${JSON.stringify(query)} at ${token}`, () => {
      const line = query.slice(0, start).split('\n').length;
      const position = start - (query.slice(0, start).lastIndexOf('\n') + 1);
      assert.throws(() => parseQuery(query), (e: any) => {
        assert.equal(e.code, 'MalformedQueryException');
        assert.equal(e.message, `unexpected symbol found ${token} at line ${line} and position ${position}`);
        assert.deepEqual(e.fields.queryCompileError.location, { startCharOffset: start, endCharOffset: end });
        return true;
      });
    });
  }

  test('refuses what parses but cannot run, saying why', () => {
    const cases: [string, RegExp][] = [
      ['limit 0', /limit must be between 1 and 10000/],
      ['fields nosuch(1)', /Unknown function: nosuch/],
      ['filter count(*) > 1', /only allowed in stats/],
      ['stats latency by path', /needs an aggregate/],
      ['parse @message "a * b *" as x', /captures 2 value\(s\) but 1/],
      ['parse @message /no groups/', /named capture group/],
      ['stats count(*) by bin(x)', /time period/],
      ['anomaly', /must follow a pattern/],
      ['filter @message like /(a)\\1/', /linear time/],
    ];
    for (const [q, re] of cases) assert.throws(() => parseQuery(q), (e: any) => e.code === 'MalformedQueryException' && re.test(e.message), q);
  });
});
