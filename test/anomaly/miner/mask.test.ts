import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_CHARS, maskMessage, maskToken, tokenize } from '../../../src/anomaly/miner/mask.js';

describe('maskMessage', () => {
  describe('behaviour', () => {
    const cases: [string, string, string][] = [
      ['an integer', 'took 42 ms', 'took <*> ms'],
      ['a signed number after a key', 'count=-17', 'count=<*>'],
      ['a decimal number', 'value 3.14159', 'value <*>'],
      ['a numeric id', 'user id 1234567 logged in', 'user id <*> logged in'],
      ['an id with a constant prefix', 'blk_-1608999687919862906 served', 'blk_<*> served'],
      ['an id made of several numbers and a letter tag', 'attempt_1445144423722_0020_m_000000_0 done', 'attempt_<*> done'],
      ['a 0x hex number', 'ptr 0x7ffd5e8c', 'ptr <*>'],
      ['a hex hash', 'sha 9f86d081884c7d659a2feaa0c55ad015', 'sha <*>'],
      ['an IPv4 address with a port', 'from 192.168.1.10:8080', 'from <*>'],
      ['a Java socket address, keeping its slash', 'client /10.0.0.1:5555', 'client /<*>'],
      ['an IPv6 address', 'addr fe80::1ff:fe23:4567:890a', 'addr <*>'],
      ['a MAC address', 'mac 00:1a:2b:3c:4d:5e', 'mac <*>'],
      ['an ISO-8601 timestamp', 'at 2024-01-15T10:30:00.123Z started', 'at <*> started'],
      ['a clock time', 'time 10:30:00 ok', 'time <*> ok'],
      ['a UUID', 'trace 550e8400-e29b-41d4-a716-446655440000 ok', 'trace <*> ok'],
      ['a number with its unit, keeping the unit', 'took 12ms, size 2.5GB', 'took <*>ms, size <*>GB'],
      ['a path holding a number', 'GET /api/v1/users/123 200', 'GET <*> <*>'],
    ];
    for (const [what, input, expected] of cases) {
      it(`masks ${what}`, () => assert.equal(maskMessage(input), expected));
    }

    it('keeps words, device names and paths without digits, which the miner judges by how they vary', () => {
      assert.equal(maskMessage('eth0 link up on /var/log/app.log'), 'eth0 link up on /var/log/app.log');
    });

    it('keeps punctuation around a masked value', () => {
      assert.equal(maskMessage('(uid=0) [pid 42] "id":77,'), '(uid=<*>) [pid <*>] "id":<*>,');
    });

    it('does not take hex digits after a long number for a unit', () => {
      assert.equal(maskToken('0252524c'), '<*>');
      assert.equal(maskToken('36C'), '<*>C');
    });
  });

  describe('tokenize', () => {
    it('splits on any whitespace and keeps the raw tokens beside the masked ones', () => {
      assert.deepEqual(tokenize('a\t1  b\u00a0x=2\n'), { raw: ['a', '1', 'b', 'x=2'], masked: ['a', '<*>', 'b', 'x=<*>'] });
    });

    it('mines only the first 1,500 characters of an event', () => {
      assert.equal(DEFAULT_MAX_CHARS, 1500);
      const long = `${'word '.repeat(299)}tail ${'x'.repeat(100)}`;
      const t = tokenize(long);
      assert.equal(t.raw.length, 300);
      assert.equal(t.raw[299], 'tail');
      assert.equal(tokenize(long, 10).raw.join(' '), 'word word');
    });
  });
});
