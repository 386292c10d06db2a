import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContextIndex } from '../../../src/auth/policy/context.js';
import { PatternSet, parseTemplate, resolveVariables } from '../../../src/auth/policy/template.js';
import { CompiledPolicyCache, compilePolicy, evaluate, parsePolicy } from '../../../src/auth/policy/index.js';

const index = (c: Record<string, unknown>): ContextIndex => new ContextIndex(c as never);

describe('policy variables', () => {
  it('splits text, literal characters and variables', () => {
    const t = parseTemplate("a${*}${aws:username}${x, 'it''s'}${?}${$}", true);
    assert.deepEqual(t.parts, [
      { kind: 'text', text: 'a' },
      { kind: 'literal', text: '*' },
      { kind: 'var', key: 'aws:username', fallback: null },
      { kind: 'var', key: 'x', fallback: "it's" },
      { kind: 'literal', text: '?' },
      { kind: 'literal', text: '$' },
    ]);
    assert.equal(t.dynamic, true);
  });

  it('keeps ${…} as text when variables are off', () => {
    const t = parseTemplate('${aws:username}', false);
    assert.deepEqual(t.parts, [{ kind: 'text', text: '${aws:username}' }]);
    assert.equal(t.dynamic, false);
  });

  it('keeps an unclosed or malformed variable as text', () => {
    assert.deepEqual(parseTemplate('a${aws:username', true).parts, [{ kind: 'text', text: 'a${aws:username' }]);
    assert.deepEqual(parseTemplate('${a b}', true).parts, [{ kind: 'text', text: '${a b}' }]);
  });

  it('resolves variable names case-insensitively and falls back to defaults', () => {
    const t = parseTemplate("${AWS:UserName}/${aws:PrincipalTag/team, 'none'}", true);
    assert.deepEqual(resolveVariables(t, index({ 'aws:username': 'alice' })), ['alice', 'none']);
    assert.deepEqual(resolveVariables(t, index({ 'aws:username': 'alice', 'AWS:PRINCIPALTAG/TEAM': 'blue' })), ['alice', 'blue']);
    assert.equal(resolveVariables(t, index({})), null);
  });
});

describe('pattern sets', () => {
  it('match actions case-insensitively and with both wildcards', () => {
    const s = new PatternSet(['kms:Describe*', 'kms:?ncrypt', 'logs:PutLogEvents'], { mode: 'plain', ignoreCase: true, variables: false });
    assert.equal(s.test('KMS:DESCRIBEKEY', null), true);
    assert.equal(s.test('kms:Encrypt', null), true);
    assert.equal(s.test('logs:putlogevents', null), true);
    assert.equal(s.test('kms:ReEncrypt', null), false);
  });

  it('escape regular-expression characters in literal text', () => {
    const s = new PatternSet(['arn:aws:s3:::a.b+(c)'], { mode: 'resource', ignoreCase: false, variables: false });
    assert.equal(s.test('arn:aws:s3:::a.b+(c)', null), true);
    assert.equal(s.test('arn:aws:s3:::aXb+(c)', null), false);
  });

  it('match an action named literally exactly when the names are equal ignoring case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9]{1,8}:[a-zA-Z0-9]{1,12}$/), fc.stringMatching(/^[a-zA-Z0-9]{1,8}:[a-zA-Z0-9]{1,12}$/), (a, b) => {
        const s = new PatternSet([a], { mode: 'plain', ignoreCase: true, variables: false });
        return s.test(b, null) === (a.toLowerCase() === b.toLowerCase()) && s.test(a.toUpperCase(), null);
      }),
    );
  });

  it('match every string with a lone "*" and any prefix with a trailing "*"', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, rest) => {
        const star = new PatternSet(['*'], { mode: 'plain', ignoreCase: false, variables: false });
        const escaped = prefix.replace(/[*?$]/g, (c) => `\${${c}}`);
        const pre = new PatternSet([`${escaped}*`], { mode: 'plain', ignoreCase: false, variables: true });
        return star.test(prefix + rest, null) && pre.test(prefix + rest, null);
      }),
    );
  });
});

describe('compiled policy cache', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:*', Resource: '*' } });

  it('compiles a policy once per owner and version', () => {
    const cache = new CompiledPolicyCache();
    let builds = 0;
    const build = () => {
      builds++;
      return compilePolicy(parsePolicy(policy, { kind: 'identity' }));
    };
    const a = cache.get('key-1', 1, build);
    assert.equal(cache.get('key-1', 1, build), a);
    assert.notEqual(cache.get('key-1', 2, build), a);
    assert.equal(builds, 2);
    cache.forget('key-1');
    assert.equal(cache.size, 0);
  });

  it('drops the least recently used policy when full', () => {
    const cache = new CompiledPolicyCache(2);
    const built: string[] = [];
    const build = (owner: string) => () => {
      built.push(owner);
      return compilePolicy(parsePolicy(policy, { kind: 'identity' }));
    };
    const first = cache.get('a', 1, build('a'));
    cache.get('b', 1, build('b'));
    cache.get('a', 1, build('a')); // touch a
    cache.get('c', 1, build('c')); // evicts b
    assert.equal(cache.get('a', 1, build('a')), first);
    cache.get('b', 1, build('b'));
    assert.deepEqual(built, ['a', 'b', 'c', 'b']);
    assert.equal(cache.size, 2);
    const e = evaluate(first, { principal: { type: 'AWS', arn: 'arn:aws:iam::111122223333:root' }, action: 'kms:Decrypt', resource: 'x:y', context: {} });
    assert.equal(e.allowed, true);
  });
});
