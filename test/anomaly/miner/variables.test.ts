/**
 * The kinds of variable text real logs carry, and what the miner makes of each. Every row feeds its events (written
 * for this table, not taken from any data set) to a fresh miner and states the outcome: the events form ONE pattern
 * (the text shown), or they stay SEPARATE event types. The reason is part of the row, so the table documents the
 * miner as much as it checks it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PatternMiner } from '../../../src/anomaly/miner/index.js';

interface Row {
  kind: string;
  events: string[];
  /** The single pattern all events share, or 'separate' when each distinct event type keeps its own. */
  outcome: string | 'separate';
  why: string;
}

const TABLE: Row[] = [
  {
    kind: 'numeric date and time (ISO 8601, with zone)',
    events: ['backup started at 2024-01-15T10:30:00Z', 'backup started at 2024-02-01T23:59:59.999+02:00', 'backup started at 2025-12-31T00:00:00-05:00'],
    outcome: 'backup started at <*>',
    why: 'digits joined by - : . T + are one masked run',
  },
  {
    kind: 'date and time with a space, and a comma before milliseconds',
    events: ['job 7 ran 2024-01-15 10:30:00,123 ok', 'job 8 ran 2024-03-02 08:00:01,500 ok', 'job 9 ran 2024-03-02 09:10:11,001 ok'],
    outcome: 'job <*> ran <*> <*> ok',
    why: 'each part holds digits, so each is masked; two bare values side by side stay two tokens',
  },
  {
    kind: 'date with weekday and month names (ctime)',
    events: ['connection closed at Sun Jul 24 02:38:22 2005', 'connection closed at Mon Aug 1 12:00:00 2005', 'connection closed at Tue Jun 14 09:01:02 2005'],
    outcome: 'connection closed at <*>',
    why: 'month and weekday names next to a number are part of the date; the run of masked tokens is one value',
  },
  {
    kind: 'RFC 2822 date with a numeric zone',
    events: ['mail received Mon, 02 Jan 2006 15:04:05 -0700 from relay', 'mail received Fri, 13 Dec 2024 01:02:03 +0100 from relay', 'mail received Wed, 30 Apr 2025 23:00:00 +0000 from relay'],
    outcome: 'mail received <*>, <*> from relay',
    why: 'the weekday (a name before a number) is masked; the comma after it is punctuation and stays',
  },
  {
    kind: 'time with a zone name or AM/PM',
    events: ['status changed 15:29:45 PDT ok', 'status changed 03:01:00 PM ok', 'status changed 10:30:00 UTC ok'],
    outcome: 'status changed <*> <*> ok',
    why: 'a zone or half-day marker right after a masked time is part of it',
  },
  {
    kind: 'syslog header left in the message',
    events: ['Jan  5 12:00:01 web1 cron[42]: job done', 'Feb 11 00:00:59 web1 cron[7]: job done', 'Mar 30 23:59:00 web1 cron[1234]: job done'],
    outcome: '<*> web1 cron[<*>]: job done',
    why: 'month name before a number, day and time: one date value; the host and program in fixed places are constants of this stream',
  },
  {
    kind: 'epoch seconds and milliseconds',
    events: ['checkpoint 1700000000 written', 'checkpoint 1700000300 written', 'checkpoint 1731000000123 written'],
    outcome: 'checkpoint <*> written',
    why: 'numbers are values',
  },
  {
    kind: 'durations and sizes with the unit attached',
    events: ['request served in 12ms (2.5KB)', 'request served in 1500ms (30KB)', 'request served in 3ms (1KB)'],
    outcome: 'request served in <*>ms (<*>KB)',
    why: 'the unit is constant text, the number a value the engine can range-check',
  },
  {
    kind: 'durations and sizes with a separate unit that changes with the magnitude',
    events: ['copied 512 KB in 3 s', 'copied 1.5 GB in 2 min', 'copied 30 MB in 900 ms'],
    outcome: 'copied <*> <*> in <*> <*>',
    why: 'a unit word varies with the number before it, so it never splits event types',
  },
  {
    kind: 'optional parenthesised detail that is a value',
    events: ['worker exited (code 1)', 'worker exited (code 137)', 'worker exited (code 0)'],
    outcome: 'worker exited (code <*>)',
    why: 'brackets are punctuation around the masked value',
  },
  {
    kind: 'bracketed request and thread ids',
    events: ['[req-8f3a1c2e] [thread 12] cache refreshed', '[req-00aa11bb] [thread 3] cache refreshed', '[req-deadbe01] [thread 44] cache refreshed'],
    outcome: '[req-<*>] [thread <*>] cache refreshed',
    why: 'an id with a digit is masked from its first alphanumeric run holding one; the tag before it stays',
  },
  {
    kind: 'host names and FQDNs, with and without a port',
    events: ['resolved mail.example.org to backend', 'resolved db.corp.local:5432 to backend', 'resolved cdn.example.co.uk to backend'],
    outcome: 'resolved <*> to backend',
    why: 'dotted lower-case names ending in a top-level domain are hosts; Java names end in a class instead',
  },
  {
    kind: 'IPv4 and IPv6 with ports',
    events: ['accepted from 10.0.0.1:51234', 'accepted from 192.168.10.200:22', 'accepted from [fe80::1]:8080'],
    outcome: 'accepted from <*>',
    why: 'digits joined by dots and colons, and hex with two colons or more, are addresses',
  },
  {
    kind: 'e-mail addresses',
    events: ['notification sent to alice@example.com', 'notification sent to bob.smith@mail.example.org', 'notification sent to ops@corp.io'],
    outcome: 'notification sent to <*>',
    why: 'local part, @ and a dotted domain',
  },
  {
    kind: 'URLs',
    events: ['fetch https://api.example.com/v1/items/42 failed', 'fetch https://api.example.com/v2/items/7?x=1 failed', 'fetch http://10.0.0.5:8080/health failed'],
    outcome: 'fetch <*> failed',
    why: 'a URL holding a number is one value',
  },
  {
    kind: 'paths with numbers',
    events: ['opened /var/lib/app/shard-3/data.db', 'opened /var/lib/app/shard-12/data.db', 'opened /var/lib/app/shard-7/data.db'],
    outcome: 'opened <*>',
    why: 'a path holding a number is one value',
  },
  {
    kind: 'paths without numbers, many of them',
    events: ['loaded /etc/app/a.conf', 'loaded /etc/app/b.conf', 'loaded /etc/app/c.conf', 'loaded /etc/app/d.conf'],
    outcome: 'loaded /etc/app/<*>.conf',
    why: 'a word position with more values than splitCardinality is a parameter; the prefix and suffix its values share stay',
  },
  {
    kind: 'hex dumps whose bytes may have no digit',
    events: ['packet dump 0a ff de ad be ef 12', 'packet dump 00 11 22 33 44 55 66', 'packet dump 7f 45 4c 46 02 01 01'],
    outcome: 'packet dump <*>',
    why: 'two-hex-digit words next to masked bytes are bytes too, and the run is one value',
  },
  {
    kind: 'variable-length lists',
    events: ['deleting blk_1 blk_2', 'deleting blk_3 blk_4 blk_5 blk_6', 'deleting blk_9'],
    outcome: 'deleting blk_<*>',
    why: 'a run of equal masked tokens is one value whatever its length',
  },
  {
    kind: 'quoted strings holding numbers',
    events: ['query "select 1" took 3 ms', 'query "select 42" took 5 ms', 'query "select 7" took 1 ms'],
    outcome: 'query "select <*>" took <*> ms',
    why: 'quotes are punctuation; the number inside is masked',
  },
  {
    kind: 'key=value lists with word values',
    events: ['login user=alice result=ok', 'login user=bob result=denied', 'login user=carol result=ok'],
    outcome: 'login user=<*> result=<*>',
    why: 'the value of key=value is a value by how it is written; the engine then follows its few values as a token',
  },
  {
    kind: 'key=value lists with varying keys',
    events: ['request done status=200 user=bob', 'request done status=404 path=/x', 'request done status=500 trace=abc', 'request done status=200 user=eve'],
    outcome: 'request done status=<*> <*>',
    why: 'tokens that differ beyond their masked value join as one parameter; the key that all share stays',
  },
  {
    kind: 'a single key=value with varying keys',
    events: ['env os.name=Linux', 'env java.vendor=Acme'],
    outcome: 'separate',
    why: 'a limit, measured: two-token events join only on a differing word, and joining differing keys cost more than it gained',
  },
  {
    kind: 'JSON payloads',
    events: ['event {"id":12,"state":"open","ms":40}', 'event {"id":13,"state":"closed","ms":7}', 'event {"id":99,"state":"open","ms":120}'],
    outcome: 'event {"id":<*>,"state":"<*>","ms":<*>}',
    why: 'numbers and string members are masked inside the token; keys stay',
  },
  {
    kind: 'Java stack frames',
    events: ['at com.acme.Foo.run(Foo.java:42)', 'at com.acme.Foo.run(Foo.java:57)', 'at com.acme.Foo.run(Foo.java:101)'],
    outcome: 'at com.acme.Foo.run(Foo.java:<*>)',
    why: 'the line number is a value; the method is the event (a different frame is a different pattern)',
  },
  {
    kind: 'Python stack frames',
    events: ['File "/srv/app/main.py", line 12, in handler', 'File "/srv/app/main.py", line 80, in handler', 'File "/srv/app/main.py", line 3, in handler'],
    outcome: 'File "/srv/app/main.py", line <*>, in handler',
    why: 'the line number is a value; file and function name the frame',
  },
  {
    kind: 'user names in a fixed position',
    events: ['session opened for user root by (uid=0)', 'session opened for user alice by (uid=1000)', 'session opened for user bob by (uid=1001)'],
    outcome: 'session opened for user <*> by (uid=<*>)',
    why: 'a word position with more values than splitCardinality (2) becomes a parameter',
  },
  {
    kind: 'process names in a fixed position',
    events: ['chrome.exe connected', 'Dropbox.exe connected', 'svchost.exe connected', 'outlook.exe connected'],
    outcome: 'separate',
    why: 'a limit: the first token keys the parse tree (as in Drain), so a word there names the event type',
  },
  {
    kind: 'constants that separate event types',
    events: ['cache hit for key <k>', 'cache miss for key <k>'],
    outcome: 'separate',
    why: 'a word position with at most splitCardinality values splits the group: hit and miss are two event types',
  },
  {
    kind: 'short events of different types',
    events: ['Connection established', 'Connection lost'],
    outcome: 'separate',
    why: 'two values of a word are two event types until a third appears',
  },
];

describe('what the miner does with each kind of variable text', () => {
  for (const row of TABLE) {
    it(`${row.kind}: ${row.outcome === 'separate' ? 'separate event types' : row.outcome} (${row.why})`, () => {
      const m = new PatternMiner();
      const ids = row.events.map((e) => m.add(e).patternId);
      const finals = ids.map((id) => m.resolve(id));
      if (row.outcome === 'separate') {
        assert.equal(new Set(finals).size, row.events.length, `patterns: ${m.patterns().map((p) => p.patternString).join(' | ')}`);
      } else {
        assert.equal(new Set(finals).size, 1, `patterns: ${m.patterns().map((p) => p.patternString).join(' | ')}`);
        assert.equal(m.pattern(finals[0]!)!.patternString, row.outcome);
        // the pattern's regex matches every event of the row
        for (const e of row.events) assert.match(e, m.pattern(finals[0]!)!.patternRegex);
      }
    });
  }
});
