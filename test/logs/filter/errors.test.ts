import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FilterPatternError, parseFilterPattern } from '../../../src/logs/filter/index.js';
import { AwsError } from '../../../src/protocol/errors.js';

const INVALID = 'Invalid filter pattern';
const BRACE = "If a filter pattern starts with '{' it must end with '}'";
const BRACKET = "If a filter pattern starts with '[' it must end with ']'";
const term = (t: string): string => `Invalid character(s) in term '${t}'`;

// [what the user did, pattern, AWS's message]. The quoted-term messages are those AWS returns for the same input
// (seen in public reports: ':' in `?Status: timeout`, '$."' for a quoted property name, '!(' , ',' in JSON).
const rows: [string, string, string][] = [
  ['a colon in an unquoted term', '?Status: timeout', term(':')],
  ['a parenthesis in an unquoted term', 'PlayerSpawnedInWorld (reason: JoinMultiplayer', term('(')],
  ['a backslash in an unquoted term', 'level\\":\\"error', term('\\')],
  ['a backtick pasted before a term', '`ERROR', term('`')],
  ['an @ in an unquoted e-mail address', 'email@someemail.com', term('@')],
  ['a ! before a parenthesis, quoted with the next character', 'not !(info)', term('!(')],
  ['a colon after a quoted term', '"retrievedReferences":[]', term(':')],
  ['a bracket inside an unquoted term', 'ERROR[1]', term('[')],
  ['a wildcard in an unquoted term', 'ERR*', term('*')],
  ['a non-ASCII quote character', '\u201cERROR\u201d', term('\u201c')],
  ['an emoji, quoted whole', 'ok \u{1F600}', term('\u{1F600}')],
  ['a quoted property name in a JSON selector', '{ $."sc-status" = 5* }', term('$."')],
  ['a comma between JSON conditions', '{ $.message = "error-response", $.path = "/authenticate" }', term(',')],
  ['an @ in an unquoted JSON value', '{ $.user = john@example.com }', term('@')],
  ['a JSON selector with a letter as array index', '{ $.a[x] = 1 }', term('$.a[x')],
  ['a JSON selector with an unclosed index', '{ $.a[1 = 1 }', term('$.a[1 ')],
  ['a single & in JSON', '{ $.a = 1 & $.b = 2 }', term('&')],
  ['a JSON pattern without its closing brace', '{ $.a = 1', BRACE],
  ['a lone opening brace', '{', BRACE],
  ['a space-delimited pattern without its closing bracket', '[time, level=ERROR, msg', BRACKET],
  ['a lone opening bracket', '[', BRACKET],
  ['an empty JSON pattern', '{}', INVALID],
  ['a JSON condition without a value', '{ $.a = }', INVALID],
  ['a JSON condition without an operator', '{ $.a }', INVALID],
  ['a JSON condition not starting with a selector', '{ a = 1 }', INVALID],
  ['a bare $ as selector', '{ $ = 1 }', INVALID],
  ['IS followed by something other than NULL, TRUE or FALSE', '{ $.a IS EMPTY }', INVALID],
  ['NOT without EXISTS', '{ $.a NOT NULL }', INVALID],
  ['a numeric operator with a string value', '{ $.a > abc }', INVALID],
  ['a numeric operator with a quoted value', '{ $.a < "5" }', INVALID],
  ['a numeric operator with a regex value', '{ $.a >= %5% }', INVALID],
  ['an unbalanced opening parenthesis in JSON', '{ ($.a = 1 }', INVALID],
  ['an unbalanced closing parenthesis in JSON', '{ $.a = 1) }', INVALID],
  ['a dangling && in JSON', '{ $.a = 1 && }', INVALID],
  ['two values after one operator', '{ $.a = b c }', INVALID],
  ['two wildcards in one selector', '{ $.a[*].b[*] = 1 }', INVALID],
  ['four wildcard selectors in one pattern', '{ $.a[*] = 1 || $.b[*] = 1 || $.c[*] = 1 || $.d[*] = 1 }', INVALID],
  ['an unterminated quoted JSON value', '{ $.a = "abc }', INVALID],
  ['three regular expressions in a JSON pattern', '{ $.a = %a% || $.b = %b% || $.c = %c% }', INVALID],
  ['three regular expressions among terms', '%a% %b% %c%', INVALID],
  ['conditions on two different fields in one entry', '[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]', INVALID],
  ['two ellipses', '[..., a, ...]', INVALID],
  ['the same field name twice', '[a, a]', INVALID],
  ['a field name that is not a word', '[a.b, c]', INVALID],
  ['a bare name inside a compound condition', '[a && a = 1, b]', INVALID],
  ['a space-delimited condition without a value', '[a =, b]', INVALID],
  ['a space-delimited numeric operator with a string', '[a > high, b]', INVALID],
  ['a $ in a space-delimited pattern', '[$a, b]', term('$')],
  ['an unterminated quoted phrase', '"INTERNAL SERVER', INVALID],
  ['a lone minus', '-', INVALID],
  ['a lone question mark', '?', INVALID],
  ['a doubled operator', '?-ERROR', INVALID],
  ['an unterminated regex', '%ERROR', INVALID],
  ['an empty regex', '%%', INVALID],
  ['an unsupported symbol in a regex (the guide example)', '%something!%', term('!')],
  ['parentheses in a regex', '%(a|b)c%', term('(')],
  ['a space in a regex', '%a b%', term(' ')],
  ['a multi-byte character in a regex', '%caf\u00e9%', term('\u00e9')],
  ['a quantifier with nothing to repeat', '%*abc%', INVALID],
  ['a doubled quantifier', '%a**%', INVALID],
  ['a quantifier on an anchor', '%^*a%', INVALID],
  ['a back-reference', '%a\\1%', INVALID],
  ['an unclosed character class', '%[abc%', INVALID],
  ['an empty character class', '%[]a%', INVALID],
  ['a reversed range', '%[z-a]%', INVALID],
  ['malformed braces', '%a{,3}%', INVALID],
  ['a repeat count above our bound', '%a{1001}%', INVALID],
  ['min above max in braces', '%a{3,2}%', INVALID],
  ['a trailing backslash', '%abc\\%', INVALID],
  ['a bad \\x escape', '%\\xZZ%', INVALID],
];

describe('malformed filter patterns are rejected with AWS wording', () => {
  for (const [what, pattern, message] of rows) {
    it(`${what}: ${message}`, () => {
      assert.throws(
        () => parseFilterPattern(pattern),
        (e: unknown) => {
          assert.ok(e instanceof FilterPatternError, `not a FilterPatternError: ${String(e)}`);
          assert.equal(e.message, message);
          return true;
        },
      );
    });
  }

  it('the error is an InvalidParameterException with HTTP status 400', () => {
    try {
      parseFilterPattern('{ $.a = 1');
      assert.fail('expected a throw');
    } catch (e) {
      assert.ok(e instanceof AwsError);
      assert.equal(e.code, 'InvalidParameterException');
      assert.equal(e.status, 400);
    }
  });

  it('deeply nested parentheses are refused instead of overflowing the stack', () => {
    const deep = '{ ' + '('.repeat(100_000) + '$.a = 1' + ')'.repeat(100_000) + ' }';
    assert.throws(() => parseFilterPattern(deep), FilterPatternError);
  });

  it('moderately nested parentheses are fine', () => {
    const ok = '{ ' + '('.repeat(20) + '$.a = 1' + ')'.repeat(20) + ' }';
    assert.equal(parseFilterPattern(ok).kind, 'json');
  });
});

describe('well-formed edge cases are accepted', () => {
  const accepted: [string, string, string][] = [
    ['two regular expressions, the most AWS allows', '{ $.a = %a% || $.b = %b% }', 'json'],
    ['three wildcard selectors, the most AWS allows', '{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 }', 'json'],
    ['lowercase keywords', '{ $.a is null || $.b not exists }', 'json'],
    ['an empty space-delimited pattern', '[]', 'delimited'],
    ['a trailing comma (an unnamed last field)', '[a, b,]', 'delimited'],
    ['a lazy quantifier', '%a+?b%', 'terms'],
    ['wide repeats (matched without expanding them)', '%a{0,600}b{0,600}[ab]{1000}%', 'terms'],
    ['a regex with every supported symbol', '%[:_#=@/;,-]+%', 'terms'],
    ['only blank phrases', '" " "  "', 'all'],
    ['surrounding whitespace', '   {$.a=1}   ', 'json'],
  ];
  for (const [what, pattern, kind] of accepted) {
    it(what, () => {
      assert.equal(parseFilterPattern(pattern).kind, kind);
    });
  }
});
