/**
 * Statistics for the anomaly engine: Poisson tail probabilities (through the regularised incomplete gamma function)
 * and the quasi-Poisson test used to judge a window's count against its baseline. Pure functions, no state.
 */

const EPS = 1e-15;
const FPMIN = 1e-300;
const MAX_ITER = 100_000;

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error below 1e-13). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** e^(-x) x^a / Γ(a), computed in log space. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`gammaP(${a}, ${x})`);
  if (x === 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far upper tail too. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`gammaQ(${a}, ${x})`);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITER; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return Math.min(1, sum * gammaPrefactor(a, x));
}

/** Q(a, x) by Lentz's continued fraction (x ≥ a + 1). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.min(1, gammaPrefactor(a, x) * h);
}

/**
 * P(X ≥ k) for X ~ Poisson(mean). `k` may be fractional (the quasi-Poisson test scales counts); for whole k it is the
 * exact Poisson tail, since P(X ≥ k) = P(k, mean).
 */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  return gammaP(k, mean);
}

/** P(X ≤ k) for X ~ Poisson(mean), k ≥ 0 (fractional allowed): Q(k + 1, mean). */
export function poissonLowerTail(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean <= 0) return 1;
  return gammaQ(k + 1, mean);
}

/**
 * One-sided p-values of a count against a quasi-Poisson baseline: mean `expected`, variance `dispersion` × mean
 * (dispersion ≥ 1, estimated from the history). Counts and mean are divided by the dispersion, the usual
 * scaled-Poisson approximation of an over-dispersed count.
 */
export function countTails(count: number, expected: number, dispersion: number): { upper: number; lower: number } {
  const phi = dispersion >= 1 ? dispersion : 1;
  const k = count / phi;
  const mu = expected / phi;
  return { upper: poissonUpperTail(k, mu), lower: poissonLowerTail(k, mu) };
}

/** Harmonic number H(n) = 1 + 1/2 + … + 1/n (asymptotic form beyond 64 terms). */
export function harmonic(n: number): number {
  if (n <= 0) return 0;
  if (n <= 64) {
    let h = 0;
    for (let i = 1; i <= n; i++) h += 1 / i;
    return h;
  }
  return Math.log(n) + 0.5772156649015329 + 1 / (2 * n) - 1 / (12 * n * n);
}
