import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS, limitsFrom } from '../../src/server/limits.js';

test('with no flags and no environment, the server keeps its default timeouts in milliseconds', () => {
  assert.deepEqual(limitsFrom({}, {}), DEFAULT_LIMITS);
});

test('timeouts given in seconds by flag or environment become milliseconds', () => {
  const limits = limitsFrom({ 'headers-timeout': '2.5' }, { LOGSEAL_REQUEST_TIMEOUT: '30' });
  assert.equal(limits.headersTimeoutMs, 2500);
  assert.equal(limits.requestTimeoutMs, 30_000);
});

test('a limit that is not a positive number is refused with the flag it came from', () => {
  assert.throws(() => limitsFrom({ 'max-connections': '0' }, {}), /invalid --max-connections/);
  assert.throws(() => limitsFrom({}, { LOGSEAL_MAX_INFLIGHT_BYTES: 'lots' }), /LOGSEAL_MAX_INFLIGHT_BYTES 'lots'/);
});
