import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { andThen, attempt } from '../../src/server/maybeAsync.js';

describe('andThen', () => {
  it('continues at once, without a promise, when the value is there', () => {
    assert.equal(andThen(2, (n) => n * 3), 6);
  });

  it('continues after the promise when the value is pending', async () => {
    const out = andThen(Promise.resolve(2), (n) => n * 3);
    assert.ok(out instanceof Promise);
    assert.equal(await out, 6);
  });
});

describe('attempt', () => {
  const recover = (err: unknown) => `recovered ${(err as Error).message}`;

  it('returns the result of a step that succeeds synchronously', () => {
    assert.equal(attempt(() => 'ok', recover), 'ok');
  });

  it('recovers synchronously from a step that throws', () => {
    assert.equal(
      attempt(() => {
        throw new Error('boom');
      }, recover),
      'recovered boom',
    );
  });

  it('recovers from a step whose promise rejects', async () => {
    assert.equal(await attempt(() => Promise.reject(new Error('late')), recover), 'recovered late');
  });

  it('lets the recovery rethrow what it does not handle', async () => {
    const rethrow = (err: unknown) => {
      throw err;
    };
    assert.throws(() => attempt(() => { throw new Error('sync'); }, rethrow), /sync/);
    await assert.rejects(() => Promise.resolve(attempt(() => Promise.reject(new Error('async')), rethrow)), /async/);
  });
});
