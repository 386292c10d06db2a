import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { JsonError, parseStrictJson } from '../../../src/auth/policy/json.js';

describe('parseStrictJson', () => {
  test('reads every JSON document as JSON.parse does (any whitespace, escapes and numbers)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        assert.deepEqual(parseStrictJson(text), JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test('refuses an object that names a member twice, at any depth', () => {
    for (const text of ['{"a":1,"a":1}', '{"x":{"Effect":"Deny","Effect":"Allow"}}', '[{"k":[]},{"k":1,"k":2}]', '{"\\u0061":1,"a":2}']) {
      assert.throws(() => parseStrictJson(text), (e: unknown) => e instanceof JsonError && e.kind === 'duplicate-key', text);
    }
  });

  test('refuses what JSON.parse refuses', () => {
    for (const text of ['', '{', '{"a":1,}', '[1,]', "{'a':1}", '01', '1.', '"\\x"', '"a\nb"', 'nul', '{"a":1} x', 'NaN']) {
      assert.throws(() => JSON.parse(text), SyntaxError, text);
      assert.throws(() => parseStrictJson(text), (e: unknown) => e instanceof JsonError && e.kind === 'syntax', text);
    }
  });

  test('keeps a member named __proto__ as data, as JSON.parse does', () => {
    const v = parseStrictJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  test('refuses nesting deeper than any policy needs instead of exhausting the stack', () => {
    assert.throws(() => parseStrictJson('['.repeat(100_000) + ']'.repeat(100_000)), JsonError);
  });
});
