import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PatternMiner } from '../../src/anomaly/miner/miner.js';
import { describeTokens, inferTokenName, splitToken, valueKind } from '../../src/anomaly/tokens.js';

describe('describeTokens', () => {
  it('splits mixed tokens so that every dynamic token is <*>, numbered from 1', () => {
    const m = new PatternMiner();
    for (let i = 0; i < 20; i++) m.add(`GET /items/${i} status=${i % 3 ? 200 : 404} from 10.0.0.${i} in ${i * 3}ms`);
    const p = m.patterns()[0]!;
    assert.equal(p.patternString, 'GET <*> status=<*> from <*> in <*>ms');
    // what the engine's token baselines hold: a few values of each token (by its index in the pattern)
    const examples = new Map([
      [1, ['/items/0', '/items/1']],
      [4, ['10.0.0.0', '10.0.0.1']],
      [6, ['0', '3']],
    ]);
    const tokens = describeTokens(p, (i) => ({ examples: examples.get(i) ?? [] }));
    assert.deepEqual(
      tokens.map((t) => [t.tokenString, t.isDynamic, t.dynamicTokenPosition, t.inferredTokenName]),
      [
        ['GET', false, undefined, undefined],
        ['<*>', true, 1, 'Path-1'],
        ['status=', false, undefined, undefined],
        ['<*>', true, 2, 'status-2'],
        ['from', false, undefined, undefined],
        ['<*>', true, 3, 'IPAddress-3'],
        ['in', false, undefined, undefined],
        ['<*>', true, 4, 'Number-4'],
        ['ms', false, undefined, undefined],
      ],
    );
    assert.deepEqual(tokens[3]!.enumerations, { '404': 7, '200': 13 });
    assert.deepEqual(tokens[7]!.numericRange, { min: 0, max: 57 });
  });

  it('splits a token on its wildcards', () => {
    assert.deepEqual(splitToken('uid=<*>,'), ['uid=', '<*>', ',']);
    assert.deepEqual(splitToken('<*>/<*>'), ['<*>', '/', '<*>']);
    assert.deepEqual(splitToken('plain'), ['plain']);
  });
});

describe('inferTokenName', () => {
  it('prefers a key written before the value', () => {
    assert.equal(inferTokenName('status=', undefined, ['200']), 'status');
    assert.equal(inferTokenName('', 'status:', ['200']), 'status');
    assert.equal(inferTokenName('"client_ip":"', undefined, ['10.0.0.1']), 'client_ip');
  });

  it('then the form of the values, then a plain word before it', () => {
    assert.equal(inferTokenName('', 'from', ['10.1.2.3', '10.1.2.4:80']), 'IPAddress');
    assert.equal(inferTokenName('', 'trace', ['550e8400-e29b-41d4-a716-446655440000']), 'UUID');
    assert.equal(inferTokenName('', 'status', ['200', '404']), 'status');
    assert.equal(inferTokenName('', 'to', ['42']), 'Number');
    assert.equal(inferTokenName('', undefined, ['abc']), 'Token');
  });

  it('recognises value forms', () => {
    assert.equal(valueKind(['2024-01-15T10:30:00Z', '2024-01-15 10:30:00.123']), 'Timestamp');
    assert.equal(valueKind(['fe80::1', '::1']), 'IPAddress');
    assert.equal(valueKind(['https://a.example/x']), 'URL');
    assert.equal(valueKind(['0x7ffd5e8c']), 'HexId');
    assert.equal(valueKind(['a', '1']), undefined);
  });
});
