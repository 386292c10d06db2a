import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compileFilter, parseFilterPattern, requiredLiterals } from '../../../src/logs/filter/index.js';

const req = (pattern: string, masking = false) => requiredLiterals(parseFilterPattern(pattern), masking);

describe('text a filter pattern requires', () => {
  test('required terms and phrases each require their text; regexes the literal run every match holds', () => {
    assert.deepEqual(req('ERROR'), [['ERROR']]);
    assert.deepEqual(req('ERROR "disk full" -WARN'), [['ERROR'], ['disk full']]);
    assert.deepEqual(req('%timeout=[0-9]+ms%'), [['timeout=']]);
    assert.deepEqual(req('%[Ee]rror%'), [['rror']]);
  });

  test('optional terms alone require one of them; beside required terms they require nothing', () => {
    assert.deepEqual(req('?ERROR ?WARN'), [['ERROR', 'WARN']]);
    assert.deepEqual(req('?ERROR ?%a|b%'), [], 'an alternative without a literal');
    assert.deepEqual(req('ERROR ?WARN'), [['ERROR']]);
  });

  test('exclusions, alternations, JSON and space-delimited patterns require nothing', () => {
    assert.deepEqual(req('-WARN'), []);
    assert.deepEqual(req('-WARN ?ERROR'), []);
    assert.deepEqual(req('%ERROR|FATAL%'), []);
    assert.deepEqual(req('{ $.level = "ERROR" }'), []);
    assert.deepEqual(req('[ip, user, level = ERROR]'), []);
    assert.deepEqual(req(''), []);
  });

  test('with masking, text holding * is not required (masking writes *)', () => {
    assert.deepEqual(req('"a*b" ERROR', true), [['ERROR']]);
    assert.deepEqual(req('"a*b" ERROR', false), [['a*b'], ['ERROR']]);
    assert.deepEqual(req('?"a*b" ?ERROR', true), []);
  });

  // Every message a pattern matches holds an alternative of every clause: skipping chunks on them loses nothing.
  const PATTERNS = ['ERROR', '"a b"', '%ab+c%', '%^x[0-9]*yz%', '?abc ?zzz', 'ERROR -WARN', '%E.R%', '?%b{2}c% ?ERR', 'ab "b c" %c_d%', '"é日本"'];
  const words = fc.constantFrom('ERROR', 'WARN', 'a', 'b', 'ab', 'abbc', 'abc', 'x12yz', 'xyz', 'ERR', 'zzz', 'c_d', 'é日本', ' ', 'E_R');
  test('every matching message contains what the pattern requires (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), fc.array(fc.oneof(words, fc.string({ maxLength: 4 })), { maxLength: 10 }), (pattern, parts) => {
        const message = parts.join(parts.length % 2 ? '' : ' ');
        const ast = parseFilterPattern(pattern);
        if (!compileFilter(ast)(message)) return;
        for (const clause of requiredLiterals(ast)) {
          assert.ok(
            clause.some((t) => message.includes(t)),
            `${JSON.stringify(message)} matches ${pattern} but holds none of ${JSON.stringify(clause)}`,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });
});
