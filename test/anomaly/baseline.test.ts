import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SeasonalCounts, TokenBaseline, parseNumber } from '../../src/anomaly/baseline.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);

describe('SeasonalCounts', () => {
  it('expects each hour of the day its own mean', () => {
    const c = new SeasonalCounts();
    // a week of hourly windows: 100 events in working hours (8–17), 2 at night
    for (let h = 0; h < 7 * 24; h++) c.update(T0 + h * HOUR, (h % 24) >= 8 && (h % 24) < 18 ? 100 : 2);
    const day = c.expectation(T0 + 7 * 24 * HOUR + 10 * HOUR);
    const night = c.expectation(T0 + 7 * 24 * HOUR + 3 * HOUR);
    assert.ok(Math.abs(day.expected - 100) < 5, String(day.expected));
    assert.ok(Math.abs(night.expected - 2) < 5, String(night.expected));
    assert.ok(day.expected > 10 * night.expected);
    assert.equal(day.dispersion, 1);
  });

  it('measures how bursty a pattern is', () => {
    const steady = new SeasonalCounts();
    const bursty = new SeasonalCounts();
    for (let h = 0; h < 7 * 24; h++) {
      steady.update(T0 + h * HOUR, 50);
      bursty.update(T0 + h * HOUR, (h * 7) % 5 === 0 ? 200 : 0);
    }
    assert.equal(steady.expectation(T0).dispersion, 1);
    assert.ok(bursty.expectation(T0).dispersion > 50);
  });

  it('falls back to the all-day mean for an hour never seen', () => {
    const c = new SeasonalCounts();
    for (let i = 0; i < 12; i++) c.update(T0 + i * 300_000, 30);
    assert.ok(Math.abs(c.expectation(T0 + 12 * HOUR).expected - 30) < 1e-9);
    // older windows weigh a little less (half as much after a week)
    assert.ok(c.history() < 12 && c.history() > 11.9, String(c.history()));
  });

  it('never expects less than half an event over the history', () => {
    const c = new SeasonalCounts();
    for (let h = 0; h < 100; h++) c.update(T0 + h * HOUR, 0);
    assert.equal(c.expectation(T0).expected, 0.5 / c.history());
  });

  it('round-trips its state', () => {
    const c = new SeasonalCounts();
    for (let h = 0; h < 50; h++) c.update(T0 + h * HOUR, h % 7);
    const d = SeasonalCounts.fromState(JSON.parse(JSON.stringify(c.toState())));
    assert.deepEqual(d.expectation(T0 + 3 * HOUR), c.expectation(T0 + 3 * HOUR));
  });
});

describe('TokenBaseline', () => {
  it('flags a value never seen in a closed set of values', () => {
    const t = new TokenBaseline();
    for (let i = 0; i < 200; i++) t.observe(i % 10 === 0 ? '404' : '200');
    assert.equal(t.judge('200'), undefined);
    assert.deepEqual(t.judge('503'), { kind: 'TOKEN_VALUE' });
  });

  it('does not trust a set with many values seen once, nor one seen too few times', () => {
    const users = new TokenBaseline();
    for (let i = 0; i < 60; i++) users.observe(i < 52 ? 'root' : `user${i}`);
    assert.equal(users.isClosedSet(), false);
    const young = new TokenBaseline();
    for (let i = 0; i < 20; i++) young.observe('200');
    assert.equal(young.judge('503'), undefined);
  });

  it('stops enumerating beyond ten values', () => {
    const t = new TokenBaseline();
    for (let i = 0; i < 500; i++) t.observe(`v${i % 11}`);
    assert.equal(t.values, undefined);
    assert.equal(t.judge('unseen'), undefined);
  });

  it('flags a number far outside a stable range', () => {
    const t = new TokenBaseline();
    for (let i = 0; i < 500; i++) t.observe(String(10 + ((i * 7919) % 190)));
    assert.equal(t.judge('150'), undefined);
    assert.equal(t.judge('600'), undefined);
    const v = t.judge('5000');
    assert.equal(v?.kind, 'TOKEN_RANGE');
    assert.equal(v?.kind === 'TOKEN_RANGE' ? v.direction : '', 'above');
  });

  it('never range-checks a counter, whose every value is a new maximum', () => {
    const t = new TokenBaseline();
    for (let i = 0; i < 500; i++) t.observe(String(1000 + i));
    assert.equal(t.hasStableRange(), false);
    assert.equal(t.judge('999999'), undefined);
  });

  it('parses plain decimal numbers only', () => {
    assert.equal(parseNumber('-12.5'), -12.5);
    assert.equal(parseNumber('0x1f'), undefined);
    assert.equal(parseNumber('12ms'), undefined);
    assert.equal(parseNumber(''), undefined);
  });

  it('round-trips its state', () => {
    const t = new TokenBaseline();
    for (let i = 0; i < 100; i++) t.observe(String(i % 3));
    const u = TokenBaseline.fromState(JSON.parse(JSON.stringify(t.toState())));
    assert.deepEqual(u.toState(), t.toState());
  });
});
