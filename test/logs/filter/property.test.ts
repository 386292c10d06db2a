import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileCountingRegex } from '../../../src/logs/filter/regex.js';
import {
  compileExtractor,
  compileFilter,
  compileRegex,
  FilterPatternError,
  parseFilterPattern,
  type FilterAst,
} from '../../../src/logs/filter/index.js';

/** Parses, returning the AST or the FilterPatternError; any other exception fails the property. */
function parseOrError(pattern: string): FilterAst | FilterPatternError {
  try {
    return parseFilterPattern(pattern);
  } catch (e) {
    if (e instanceof FilterPatternError) return e;
    throw new Error(`parser threw ${String(e)} for ${JSON.stringify(pattern)}`);
  }
}

// Pieces of the grammar, so random patterns reach deep into the parser instead of failing on the first character.
const PIECES = [
  ' ', ' ', '{', '}', '[', ']', '(', ')', '$', '.', '$.a', '$.b[0]', '[*]', '.*', '=', '!=', '<', '<=', '>', '>=',
  '&&', '||', '&', '|', '!', ',', '...', '"', '"x y"', '%', '%a+%', '%[0-9]{2}%', '\\', '*', 'a*', '*b', '-', '?',
  'ERROR', 'WARN', '404', '-1.5e3', 'IS', 'NULL', 'TRUE', 'FALSE', 'NOT', 'EXISTS', 'w1', 'status', ':', '^', '\u00e9',
];

const grammarish = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(''));

/** Patterns that must parse: the starting points for the matcher property. */
const VALID_PATTERNS = [
  '',
  'ERROR',
  'ERROR -WARN ?x',
  '?ERROR ?WARN',
  '"a b" -"c d"',
  '%[Ee]rror|[Ff]ail%',
  '%^a.*b$%',
  '{ $.a = 1 }',
  '{ $.a != "x*" && ($.b[0] > 2 || $.c IS NULL) }',
  '{ $.a.* = %x% || $.b NOT EXISTS || $.c IS TRUE }',
  '{ $[0] = 1 }',
  '{ $.a[*].b <= -1e3 }',
  '[a, b, c]',
  '[..., s = 4*, n > 10]',
  '[a = %^x%, ..., z != "q r"]',
  '[w1=ERROR || w1=WARN, w2]',
  '[]',
];

// Messages shaped like the three kinds of events, plus arbitrary text.
const messages = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.array(fc.oneof(fc.constantFrom('a', 'ERROR', '404', '-1.5', '"x', 'y"', '[t', 'u]', '{', '}', '\\', '\n'), fc.string()), { maxLength: 12 })
    .map((ws) => ws.join(' ')),
);

describe('the parser and matchers never fail in unexpected ways', () => {
  it('random strings parse to an AST or a FilterPatternError, nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (pattern) => {
        parseOrError(pattern);
      }),
      { numRuns: 3000 },
    );
  });

  it('random strings built from grammar pieces parse to an AST or a FilterPatternError', () => {
    fc.assert(
      fc.property(grammarish, fc.constantFrom('', '{', '['), (body, open) => {
        const close = open === '{' ? '}' : open === '[' ? ']' : '';
        parseOrError(open + body + close);
      }),
      { numRuns: 5000 },
    );
  });

  it('a FilterPatternError always carries one of the AWS messages', () => {
    const wording = /^(Invalid filter pattern|Invalid character\(s\) in term '.+'|If a filter pattern starts with '(\{|\[)' it must end with '(\}|\])')$/su;
    fc.assert(
      fc.property(grammarish, (pattern) => {
        const r = parseOrError(pattern);
        if (r instanceof FilterPatternError) assert.match(r.message, wording);
      }),
      { numRuns: 2000 },
    );
  });

  it('compiled matchers and extractors never throw on random messages', () => {
    const compiled = VALID_PATTERNS.map((p) => {
      const ast = parseFilterPattern(p);
      return { p, match: compileFilter(ast), extract: compileExtractor(ast) };
    });
    fc.assert(
      fc.property(messages, (message) => {
        for (const { match, extract } of compiled) {
          const matched = match(message);
          assert.equal(typeof matched, 'boolean');
          // Extraction and matching must agree on which events match.
          assert.equal(extract(message) !== null, matched);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('patterns that parse from random pieces compile and never throw on random messages', () => {
    fc.assert(
      fc.property(grammarish, messages, (pattern, message) => {
        const r = parseOrError(pattern);
        if (r instanceof FilterPatternError) return;
        assert.equal(typeof compileFilter(r)(message), 'boolean');
      }),
      { numRuns: 3000 },
    );
  });
});

// Regexes of the supported subset over a two-letter alphabet, where the native engine is quick and agrees with
// the subset's meaning; used to check our automaton against it.
const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\w', '\\d', '[a-b]');
const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?');
const seq = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(atom, quant).map(([a, q]) => a + q), { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([start, parts, end]) => (start ? '^' : '') + parts.join('') + (end ? '$' : ''));
const smallRegex = fc.array(seq, { minLength: 1, maxLength: 3 }).map((alts) => alts.join('|'));

describe('the regex automaton agrees with a reference engine', () => {
  it('finds the same matches as RegExp on small alphabets', () => {
    fc.assert(
      fc.property(smallRegex, fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '\u00e9'), maxLength: 12 }), (source, text) => {
        assert.equal(compileRegex(source).test(text), new RegExp(source).test(text), `/${source}/ on ${JSON.stringify(text)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with RegExp when its states outgrow the cache of the lazy DFA', () => {
    // "an a twelve characters before the end" needs 2^13 DFA states, more than are cached.
    const source = 'a[ab]{12}$';
    const re = compileRegex(source);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 20, maxLength: 200 }), (text) => {
        assert.equal(re.test(text), new RegExp(source).test(text));
      }),
      { numRuns: 300 },
    );
    // One long event walks through thousands of distinct states in a single scan.
    let x = 7;
    let long = '';
    for (let i = 0; i < 50_000; i++) {
      x = (x * 48271) % 2147483647;
      long += x % 2 ? 'a' : 'b';
    }
    for (const text of [long, long + 'a' + 'b'.repeat(12), long + 'b'.repeat(13)]) {
      assert.equal(re.test(text), new RegExp(source).test(text));
    }
  });

  it('a regex that makes a backtracking engine explode still answers on a long line', () => {
    // /\d*\d*\d*\d*\d*\d*x/ against 20,000 digits needs on the order of n^6 steps in a backtracking engine.
    const re = compileRegex('\\d*\\d*\\d*\\d*\\d*\\d*x');
    assert.equal(re.test('1'.repeat(20_000)), false);
    assert.equal(re.test('1'.repeat(20_000) + 'x'), true);
  });

  it('the counting matcher alone finds the same matches as RegExp', () => {
    fc.assert(
      fc.property(smallRegex, fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '\u00e9'), maxLength: 12 }), (source, text) => {
        assert.equal(compileCountingRegex(source).test(text), new RegExp(source).test(text), `/${source}/ on ${JSON.stringify(text)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('both matchers agree with RegExp on wider counted repeats', () => {
    const counted = fc
      .tuple(fc.constantFrom('a', 'b', '.', '[ab]', '[^b]'), fc.nat(6), fc.nat(6), fc.boolean())
      .map(([a, m, extra, open]) => `${a}{${m}${open ? ',' : `,${m + extra}`}}`);
    const part = fc.oneof(counted, fc.tuple(atom, quant).map(([a, q]) => a + q));
    const source = fc
      .array(fc.tuple(fc.boolean(), fc.array(part, { minLength: 1, maxLength: 4 }), fc.boolean()), { minLength: 1, maxLength: 2 })
      .map((alts) => alts.map(([s, parts, e]) => (s ? '^' : '') + parts.join('') + (e ? '$' : '')).join('|'));
    fc.assert(
      fc.property(source, fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 30 }), (src, text) => {
        const expected = new RegExp(src).test(text);
        assert.equal(compileRegex(src).test(text), expected, `/${src}/ on ${JSON.stringify(text)}`);
        assert.equal(compileCountingRegex(src).test(text), expected, `counting /${src}/ on ${JSON.stringify(text)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('a wide repeat such as a[ab]{900}c is matched without expanding it', () => {
    const re = compileRegex('a[ab]{900}c');
    let x = 11;
    let text = '';
    for (let i = 0; i < 10_000; i++) {
      x = (x * 48271) % 2147483647;
      text += x % 2 ? 'a' : 'b';
    }
    for (const t of [text, text + 'c', 'a' + 'b'.repeat(900) + 'c', 'a' + 'b'.repeat(899) + 'c', 'a' + 'b'.repeat(901) + 'c']) {
      assert.equal(re.test(t), /a[ab]{900}c/.test(t));
    }
  });

  it('wide bounded repeats answer on a long line', () => {
    const re = compileRegex('a{0,500}a{0,500}b');
    assert.equal(re.test('a'.repeat(5_000)), false);
    assert.equal(re.test('a'.repeat(5_000) + 'b'), true);
  });
});
