import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PatternMiner, commonTemplate } from '../../../src/anomaly/miner/miner.js';

/** A varied, deterministic stream: three event kinds, users, statuses and durations. */
function stream(n: number, offset = 0): string[] {
  const out: string[] = [];
  const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];
  for (let i = offset; i < offset + n; i++) {
    switch (i % 4) {
      case 0:
        out.push(`GET /api/items/${i} status=${i % 7 === 0 ? 404 : 200} took ${(i * 37) % 500}ms`);
        break;
      case 1:
        out.push(`user ${users[i % users.length]} logged in from 10.0.${i % 256}.${(i * 7) % 256}`);
        break;
      case 2:
        out.push(`cache ${i % 3 === 0 ? 'miss' : 'hit'} for key k${i}`);
        break;
      default:
        out.push(`worker-${i % 5} heartbeat ok`);
    }
  }
  return out;
}

describe('PatternMiner', () => {
  describe('behaviour', () => {
    it('groups events of one template and names its variable parts <*>', () => {
      const m = new PatternMiner();
      for (const l of stream(400)) m.add(l);
      const strings = m.patterns().map((p) => p.patternString);
      assert.ok(strings.includes('GET <*> status=<*> took <*>ms'), strings.join('\n'));
      assert.ok(strings.includes('user <*> logged in from <*>'), strings.join('\n'));
    });

    it('splits a word position with few values into one pattern per value', () => {
      const m = new PatternMiner();
      for (const l of stream(400)) m.add(l);
      const strings = m.patterns().map((p) => p.patternString);
      assert.ok(strings.includes('cache miss for key <*>'));
      assert.ok(strings.includes('cache hit for key <*>'));
    });

    it('keeps the text a variable position shares around its values', () => {
      const m = new PatternMiner();
      m.add('sshd: authentication failure; tty=ssh rhost=10.0.0.1 user=root');
      m.add('sshd: authentication failure; tty=ssh rhost=host.example.org user=admin');
      for (const u of ['guest', 'oracle', 'test', 'pi', 'ubuntu']) m.add(`sshd: authentication failure; tty=ssh rhost=h${u}.org user=${u}`);
      assert.deepEqual(
        m.patterns().map((p) => p.patternString),
        ['sshd: authentication failure; tty=<*> rhost=<*> user=<*>'],
      );
      assert.equal(commonTemplate('<*>,', 'LOCAL(<*>),'), '<*>,');
      assert.equal(commonTemplate('user=root', 'user=rooted'), 'user=<*>');
    });

    it('reports the dynamic values of an event and where they are in the pattern', () => {
      const m = new PatternMiner();
      m.add('GET /a/1 status=200 took 5ms');
      const r = m.add('GET /a/2 status=404 took 17ms');
      assert.deepEqual(r.params, ['/a/2', '404', '17']);
      assert.deepEqual([...r.positions], [1, 2, 4]);
      assert.equal(r.isNew, false);
    });

    it('keeps enumerations and numeric ranges of dynamic tokens', () => {
      const m = new PatternMiner();
      for (const l of stream(400)) m.add(l);
      const p = m.patterns().find((x) => x.patternString === 'GET <*> status=<*> took <*>ms')!;
      const status = p.tokens.find((t) => t.tokenString === 'status=<*>')!;
      assert.deepEqual([...status.enumerations!.keys()].sort(), ['200', '404']);
      const took = p.tokens.find((t) => t.tokenString === '<*>ms')!;
      assert.equal(took.numericRange!.min, 0);
      assert.ok(took.numericRange!.max <= 499);
      assert.equal(p.tokens.find((t) => t.tokenString === '<*>')!.highCardinality, true);
    });

    it('matches an event to a pattern without learning from it', () => {
      const m = new PatternMiner();
      for (const l of stream(100)) m.add(l);
      const before = JSON.stringify(m.toJSON());
      assert.ok(m.match('worker-3 heartbeat ok') !== undefined);
      assert.equal(m.match('something never seen before at all'), undefined);
      assert.equal(JSON.stringify(m.toJSON()), before);
    });

    it('gives the same pattern ids to the same stream in two processes', () => {
      const a = new PatternMiner();
      const b = new PatternMiner();
      const ids = stream(300).map((l) => a.add(l).patternId);
      assert.deepEqual(stream(300).map((l) => b.add(l).patternId), ids);
      assert.ok(ids.every((id) => /^[0-9a-f]{32}$/.test(id)));
    });

    it('resolves the id of a pattern merged into another', () => {
      const m = new PatternMiner();
      const first = m.add('job alpha finished').patternId;
      for (const w of ['beta', 'gamma', 'delta', 'epsilon', 'zeta']) m.add(`job ${w} finished`);
      assert.equal(m.size, 1);
      assert.equal(m.resolve(first), m.patterns()[0]!.patternId);
      assert.equal(m.patterns()[0]!.patternString, 'job <*> finished');
    });

    it('drops the least recently seen pattern group beyond maxGroups', () => {
      const m = new PatternMiner({ maxGroups: 3 });
      const old = m.add('alpha one').patternId;
      m.add('beta two words');
      m.add('gamma three more words');
      m.add('delta four words in here');
      assert.equal(m.resolve(old), undefined);
      assert.equal(m.size, 3);
    });
  });

  describe('serialization', () => {
    it('restores from JSON to a miner that continues exactly as the original', () => {
      const a = new PatternMiner({ maxGroups: 40 });
      for (const l of stream(2000)) a.add(l);
      for (let i = 0; i < 60; i++) a.add(`rare event number ${i % 2 ? 'x' : 'y'} kind ${'k'.repeat(1 + (i % 9))}`);
      const state = JSON.parse(JSON.stringify(a.toJSON()));
      const b = PatternMiner.fromJSON(state);
      assert.deepEqual(b.toJSON(), a.toJSON());
      const more = [...stream(1500, 5000), ...Array.from({ length: 50 }, (_, i) => `late event ${i} of ${'z'.repeat(i % 7)}`)];
      for (const l of more) assert.deepEqual(b.add(l), a.add(l));
      assert.deepEqual(b.toJSON(), a.toJSON());
      assert.deepEqual(
        b.patterns().map((p) => [p.patternId, p.patternString, p.patternRegex.source]),
        a.patterns().map((p) => [p.patternId, p.patternString, p.patternRegex.source]),
      );
    });

    it('refuses state of another version', () => {
      const s = { ...new PatternMiner().toJSON(), version: 2 } as unknown as Parameters<typeof PatternMiner.fromJSON>[0];
      assert.throws(() => PatternMiner.fromJSON(s), /unsupported miner state version 2/);
    });
  });
});
