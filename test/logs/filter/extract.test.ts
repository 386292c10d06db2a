import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractFields, parseFilterPattern, splitFields } from '../../../src/logs/filter/index.js';

const APACHE_404 = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';

describe('values extracted from matching events', () => {
  it('space-delimited: named fields as $name and the others by position, as in the guide example', () => {
    const ast = parseFilterPattern('[..., request=*.html*, status_code=4*,]');
    assert.deepEqual(extractFields(ast, APACHE_404), {
      $1: '127.0.0.1',
      $2: '-',
      $3: 'frank',
      $4: '10/Oct/2000:13:25:15 -0700',
      $request: 'GET /index.html HTTP/1.0',
      $status_code: '404',
      $7: '1534',
    });
  });

  it('space-delimited: every field named', () => {
    const ast = parseFilterPattern('[ip, user, username, timestamp, request, status_code, bytes]');
    assert.deepEqual(extractFields(ast, APACHE_404), {
      $ip: '127.0.0.1',
      $user: '-',
      $username: 'frank',
      $timestamp: '10/Oct/2000:13:25:15 -0700',
      $request: 'GET /index.html HTTP/1.0',
      $status_code: '404',
      $bytes: '1534',
    });
  });

  it('space-delimited: fields before and after an ellipsis keep their names', () => {
    const ast = parseFilterPattern('[ip, ..., bytes]');
    const out = extractFields(ast, 'a b c d');
    assert.deepEqual(out, { $ip: 'a', $2: 'b', $3: 'c', $bytes: 'd' });
  });

  it('JSON: the first value of each selector in the pattern', () => {
    const ast = parseFilterPattern('{ $.latency > 100 && $.items[*].id = * }');
    assert.deepEqual(extractFields(ast, '{"latency": 250, "items": [{"name": "x"}, {"id": 7}]}'), {
      '$.latency': '250',
      '$.items[*].id': '7',
    });
  });

  it('a non-matching event extracts nothing (null)', () => {
    assert.equal(extractFields(parseFilterPattern('[a, b = 1]'), 'x 2'), null);
    assert.equal(extractFields(parseFilterPattern('{ $.a = 1 }'), '{"a": 2}'), null);
    assert.equal(extractFields(parseFilterPattern('ERROR'), 'INFO'), null);
  });

  it('a term pattern extracts an empty set of values on a match', () => {
    assert.deepEqual(extractFields(parseFilterPattern('ERROR'), 'ERROR x'), {});
  });
});

describe('splitting a space-delimited event', () => {
  const split = (message: string, limit = 100): string[] => {
    const out: string[] = [];
    const n = splitFields(message, out, limit);
    return out.slice(0, Math.min(n, limit));
  };

  it('quotes and square brackets group words into one field without the delimiters', () => {
    assert.deepEqual(split(APACHE_404), ['127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /index.html HTTP/1.0', '404', '1534']);
  });

  it('an unclosed quote runs to the end of the event', () => {
    assert.deepEqual(split('a "b c'), ['a', 'b c']);
  });

  it('leading, trailing and repeated whitespace makes no empty fields', () => {
    assert.deepEqual(split('  a \t b  '), ['a', 'b']);
  });

  it('an empty quoted field is a field', () => {
    assert.deepEqual(split('a "" b'), ['a', '', 'b']);
  });

  it('stops past the limit and says there were more', () => {
    const out: string[] = [];
    assert.equal(splitFields('a b c d', out, 2), 3);
    assert.equal(splitFields('a b', out, 2), 2);
  });
});
