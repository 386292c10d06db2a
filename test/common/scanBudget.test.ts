import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ScanBudget } from '../../src/common/scanBudget.js';

/** A timer the test moves by hand. */
function manualTimer() {
  const t = { ms: 0 };
  return { t, now: () => t.ms };
}

describe('ScanBudget', () => {
  test('asks the scan to stop its stretch once the slice is over, looking at the timer only every 32 units of work', () => {
    const { t, now } = manualTimer();
    const b = new ScanBudget({ sliceMs: 10, now });
    b.begin();
    t.ms = 50;
    let calls = 0;
    while (!b.tick()) calls++;
    assert.equal(calls, 31);
    b.end();
    assert.equal(b.spentMs, 50);
    assert.equal(b.due, true);
  });

  test('counts a KiB of message as a unit of work', () => {
    const { t, now } = manualTimer();
    const b = new ScanBudget({ sliceMs: 10, now });
    b.begin();
    t.ms = 11;
    assert.equal(b.tick(31 * 1024), true);
  });

  test('is exhausted once its stretches add up to the limit; waits in between do not count', async () => {
    const { t, now } = manualTimer();
    const b = new ScanBudget({ limitMs: 100, sliceMs: 10, now });
    for (let i = 0; i < 4; i++) {
      b.begin();
      t.ms += 20;
      b.end();
      t.ms += 1000; // another request's turn, or a chunk being decrypted
      await b.pause();
    }
    assert.equal(b.spentMs, 80);
    assert.equal(b.exhausted, false);
    b.begin();
    t.ms += 20;
    b.end();
    assert.equal(b.exhausted, true);
    assert.equal(b.pauses, 4);
  });

  test('tick reports a limit spent within the current stretch', () => {
    const { t, now } = manualTimer();
    const b = new ScanBudget({ limitMs: 5, sliceMs: 1000, now });
    b.begin();
    t.ms = 6;
    let stopped = false;
    for (let i = 0; i < 32 && !stopped; i++) stopped = b.tick();
    assert.equal(stopped, true);
  });

  test('pause lets I/O callbacks and timers that are due run before the scan goes on', async () => {
    const b = new ScanBudget();
    const order: string[] = [];
    setImmediate(() => order.push('other request'));
    await b.pause();
    order.push('scan');
    assert.deepEqual(order, ['other request', 'scan']);
    assert.equal(b.due, false);
  });

  test('without a limit it is never exhausted', () => {
    const b = new ScanBudget({ now: () => 1e12 });
    b.begin();
    b.end();
    assert.equal(b.exhausted, false);
    assert.equal(b.limitMs, Infinity);
  });
});
