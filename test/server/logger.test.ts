import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonLineLogger, type RequestLogEntry } from '../../src/server/logger.js';

/** A logger writing into a string, and a way to read back the lines written so far. */
function capture() {
  let out = '';
  const logger = jsonLineLogger({ write: (chunk: string) => ((out += chunk), true) } as unknown as NodeJS.WritableStream);
  return {
    logger,
    lines(): Record<string, unknown>[] {
      logger.flush!();
      return out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

describe('jsonLineLogger', () => {
  it('writes one JSON line per request with every field of the entry', () => {
    const { logger, lines } = capture();
    const entry: RequestLogEntry = {
      requestId: 'c0ffee00-0000-4000-8000-000000000000',
      service: 'sts',
      operation: 'GetCallerIdentity',
      principal: 'arn:aws:iam::000000000000:root',
      status: 403,
      code: 'SignatureDoesNotMatch',
      ms: 1.25,
    };
    logger.request(entry);
    logger.request({ requestId: 'second', status: 200, ms: 0 });
    const [first, second] = lines();
    assert.deepEqual({ ...first, time: undefined }, { ...entry, time: undefined });
    assert.deepEqual(Object.keys(second!), ['time', 'requestId', 'status', 'ms']);
  });

  it('escapes what clients choose, such as the operation name', () => {
    const { logger, lines } = capture();
    const odd = ['quote " and \\ backslash', 'line\nbreak\ttab\u0000', 'lone \ud800 surrogate', 'é 日本 😀', '\u2028'];
    for (const operation of odd) logger.request({ requestId: 'r', operation, status: 400, ms: 0 });
    assert.deepEqual(
      lines().map((l) => l.operation),
      odd.map((s) => JSON.parse(JSON.stringify(s))),
    );
  });

  it('stamps each line with the wall-clock time in ISO-8601 with milliseconds', () => {
    const { logger, lines } = capture();
    const realNow = Date.now;
    const stamps = [Date.UTC(2026, 10, 23, 12, 0, 0, 7), Date.UTC(2026, 10, 23, 12, 0, 0, 70), Date.UTC(2026, 10, 23, 12, 0, 1, 999)];
    try {
      for (const t of stamps) {
        Date.now = () => t;
        logger.request({ requestId: 'r', status: 200, ms: 0 });
      }
    } finally {
      Date.now = realNow;
    }
    assert.deepEqual(
      lines().map((l) => l.time),
      stamps.map((t) => new Date(t).toISOString()),
    );
  });
});
