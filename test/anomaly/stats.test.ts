import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countTails, gammaP, gammaQ, harmonic, lnGamma, poissonLowerTail, poissonUpperTail } from '../../src/anomaly/stats.js';

/** P(X ≥ k) by summing the Poisson probabilities directly. */
function directUpper(k: number, mean: number): number {
  let p = Math.exp(-mean);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += p;
    p *= mean / (i + 1);
  }
  return 1 - below;
}

/** Equal within a relative tolerance (an absolute one around 0). */
function close(actual: number, expected: number, rel = 1e-9): void {
  const tol = expected === 0 ? rel : rel * Math.abs(expected);
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} != ${expected}`);
}

describe('stats', () => {
  it('computes ln Γ exactly on factorials', () => {
    close(lnGamma(1), 0, 1e-12);
    close(lnGamma(5), Math.log(24));
    close(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)));
    close(lnGamma(171), 706.5730622457874, 1e-12);
  });

  it('gives Poisson tails equal to the sums of the probabilities', () => {
    for (const [k, mean] of [
      [1, 0.5],
      [3, 2],
      [10, 4],
      [15, 10],
      [120, 100],
    ] as const) {
      close(poissonUpperTail(k, mean), directUpper(k, mean), 1e-8);
      close(poissonLowerTail(k - 1, mean), 1 - directUpper(k, mean), 1e-8);
    }
  });

  it('keeps far tails accurate instead of rounding them to 0 or 1', () => {
    // P(X = 0) for mean 100 is e^-100
    close(poissonLowerTail(0, 100), Math.exp(-100), 1e-9);
    const far = poissonUpperTail(200, 100);
    assert.ok(far > 0 && far < 1e-12, String(far));
    close(gammaP(3, 2) + gammaQ(3, 2), 1, 1e-12);
  });

  it('handles edge cases of the tails', () => {
    assert.equal(poissonUpperTail(0, 5), 1);
    assert.equal(poissonUpperTail(3, 0), 0);
    assert.equal(poissonLowerTail(-1, 5), 0);
    assert.equal(poissonLowerTail(2, 0), 1);
    assert.throws(() => gammaP(0, 1), RangeError);
  });

  it('widens the test for bursty counts (quasi-Poisson)', () => {
    const tight = countTails(60, 30, 1).upper;
    const bursty = countTails(60, 30, 10).upper;
    assert.ok(tight < 1e-5, String(tight));
    assert.ok(bursty > 0.05, String(bursty));
    // below 1 the dispersion is taken as 1
    assert.equal(countTails(60, 30, 0.2).upper, tight);
  });

  it('computes harmonic numbers', () => {
    close(harmonic(1), 1);
    close(harmonic(4), 25 / 12);
    close(harmonic(1000), 7.485470860550345, 1e-12);
    assert.equal(harmonic(0), 0);
  });
});
