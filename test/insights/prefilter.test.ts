/**
 * The prefilter: terms every event a query can keep contains. It must never drop an event the query keeps (property
 * test against the regex engine and the query engine), and should find the terms of common filters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { QueryEngine } from '../../src/insights/engine.js';
import { parseQuery } from '../../src/insights/parser.js';
import { prefilterTerms, regexLiteral } from '../../src/insights/prefilter.js';
import { EventRow } from '../../src/insights/row.js';

const terms = (q: string, masking = false) => prefilterTerms(parseQuery(q).commands, masking);

test('finds the literal terms of leading filters on @message', () => {
  assert.deepEqual(terms('filter @message like /ERROR/ | stats count(*) by bin(1m)'), ['ERROR']);
  assert.deepEqual(terms('filter @message like "timeout" and strcontains(@message, "db") | fields @message'), ['timeout', 'db']);
  assert.deepEqual(terms('fields @timestamp | filter /user=\\w+ logged in/'), [' logged in']);
  assert.deepEqual(terms('filter @message =~ /a?bcd+e/ | filter @message = "bcde"'), ['bcde', 'bcd']);
  assert.deepEqual(terms('fields @timestamp, @message | filter @message like "x"'), ['x']);
});

test('derives nothing it is not sure of', () => {
  assert.deepEqual(terms('filter @message like /ERROR|WARN/'), []);
  assert.deepEqual(terms('filter @message like /(?i)error/'), []);
  assert.deepEqual(terms('filter @message like "a" or @message like "b"'), []);
  assert.deepEqual(terms('filter @message not like "a"'), []);
  assert.deepEqual(terms('filter not strcontains(@message, "a")'), []);
  // JSON may escape a value's characters: discovered fields give no terms.
  assert.deepEqual(terms('filter level = "ERROR"'), []);
  // Only filters before anything that needs every row or changes their number.
  assert.deepEqual(terms('limit 5 | filter @message like "x"'), []);
  assert.deepEqual(terms('stats count(*) by @logStream | filter @message like "x"'), []);
  assert.deepEqual(terms('parse @message "* *" as a, @message | filter @message like "x"'), []);
  assert.deepEqual(terms('fields concat("x", @logStream) as @message | filter @message like "x"'), []);
  // With masking, a term holding `*` may be made by the mask, not be in the original.
  assert.deepEqual(terms('filter @message like "4***"', true), []);
  assert.deepEqual(terms('filter @message like "4***"', false), ['4***']);
});

test('a regex literal never asks for what a matching text may lack', () => {
  const atom = fc.constantFrom('a', 'b', 'c', '.', '\\.', 'a?', 'b*', 'c+', '[ab]', '(ab)?', '(a|c)', 'a{0,2}', 'b{2}', '^', '$', '\\d', '\\w');
  const source = fc.array(atom, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const text = fc.stringMatching(/^[abc.0-9]{0,16}$/);
  fc.assert(
    fc.property(source, fc.array(text, { maxLength: 20 }), (src, texts) => {
      const lit = regexLiteral(src);
      if (lit === undefined) return;
      const re = new RegExp(src);
      for (const t of texts) if (re.test(t)) assert.ok(t.includes(lit), `${t} matches /${src}/ but lacks ${JSON.stringify(lit)}`);
      // A text made to match: the regex's own literal parts.
    }),
    { numRuns: 3000 },
  );
});

test('every event a query keeps holds its prefilter terms', () => {
  const word = fc.constantFrom('ERROR', 'WARN', 'db', 'timeout', 'user=ann', 'x.y', '4111');
  const message = fc.array(word, { maxLength: 5 }).map((w) => w.join(' '));
  const cond = fc.constantFrom(
    '@message like /ERROR/',
    '@message like "db"',
    'strcontains(@message, "timeout")',
    '@message =~ /user=\\w+/',
    '/x\\.y/',
    '@message like /ERR?OR db/',
    '@message = "WARN"',
  );
  const query = fc.array(cond, { minLength: 1, maxLength: 3 }).map((cs) => `filter ${cs.join(' and ')} | fields @message`);
  fc.assert(
    fc.property(query, fc.array(message, { maxLength: 30 }), (q, messages) => {
      const engine = new QueryEngine(parseQuery(q), { maxResults: 10_000, fromTime: 0, toTime: 1 });
      const ts = engine.prefilterTerms(false);
      messages.forEach((m, i) => engine.push(new EventRow({ timestamp: i, ingestionTime: i, message: m, logStream: 's', log: 'a:g', ptr: '' })));
      engine.end();
      for (const row of engine.results) {
        const m = row.find((f) => f.field === '@message')!.value;
        for (const t of ts) assert.ok(m.includes(t), `${q}: kept ${JSON.stringify(m)} without ${JSON.stringify(t)}`);
      }
    }),
    { numRuns: 500 },
  );
});
