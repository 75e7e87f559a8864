/**
 * Frequentist and Bayesian statistics for experiment reports. Pure functions over counts;
 * distribution functions come from jstat. Every p-value is computed from the tail that
 * is small (Φ(−|z|), not 1 − Φ(|z|)) so tiny p-values do not round to 0 early.
 *
 * Conventions: arm 1 / A is the control, arm 2 / B the challenger; a positive statistic
 * means the challenger is higher.
 */
import jStat from 'jstat';

export type Interval = [lo: number, hi: number];

export interface TestResult {
  z: number;
  pValue: number;
}

const normalCdf = (x: number): number => jStat.normal.cdf(x, 0, 1);
const normalQuantile = (p: number): number => jStat.normal.inv(p, 0, 1);
const twoSidedZ = (level: number): number => normalQuantile(1 - (1 - level) / 2);

/** Upper tail P(X ≥ x) of a chi-square with `df` degrees of freedom. */
export function chiSquarePValue(chi2: number, df: number): number {
  if (!(chi2 > 0)) return 1;
  return Math.max(0, 1 - jStat.chisquare.cdf(chi2, df));
}

/**
 * Two-sided two-proportion z-test with pooled variance (the contract's `pValue`).
 * No data or no variance (0 % or 100 % in both arms) gives z = 0, p = 1: nothing to tell apart.
 */
export function twoProportionZTest(c1: number, n1: number, c2: number, n2: number): TestResult {
  if (n1 <= 0 || n2 <= 0) return { z: 0, pValue: 1 };
  const pooled = (c1 + c2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (c2 / n2 - c1 / n1) / se;
  return { z, pValue: 2 * normalCdf(-Math.abs(z)) };
}

/**
 * Wilson score interval of one arm's conversion rate: unlike the Wald interval it stays
 * inside [0, 1] and keeps its coverage with few visitors or a rate near 0.
 */
export function proportionCI(c: number, n: number, level = 0.95): Interval {
  if (n <= 0) return [0, 1];
  const z = twoSidedZ(level);
  const p = c / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Wald interval (unpooled variance) of the absolute difference p2 − p1. */
export function diffCI(c1: number, n1: number, c2: number, n2: number, level = 0.95): Interval {
  const p1 = c1 / n1;
  const p2 = c2 / n2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const half = twoSidedZ(level) * se;
  return [p2 - p1 - half, p2 - p1 + half];
}

/**
 * Interval of the relative uplift p2 / p1 − 1, by the delta method on the log of the
 * ratio (the Katz log interval for a risk ratio): Var(ln p̂) ≈ (1 − p) / (n p). It stays
 * asymmetric around the estimate, as ratios should. Undefined (null) when either arm has
 * no conversions, because the log of 0 has no interval.
 */
export function relativeUpliftCI(c1: number, n1: number, c2: number, n2: number, level = 0.95): Interval | null {
  if (c1 <= 0 || c2 <= 0 || n1 <= 0 || n2 <= 0) return null;
  const p1 = c1 / n1;
  const p2 = c2 / n2;
  const logRatio = Math.log(p2 / p1);
  const se = Math.sqrt((1 - p1) / c1 + (1 - p2) / c2);
  const half = twoSidedZ(level) * se;
  return [Math.exp(logRatio - half) - 1, Math.exp(logRatio + half) - 1];
}

/** Above this many terms the exact sum gets slow; the normal approximation is then within 1e-4. */
const EXACT_TERMS_LIMIT = 20_000;

/**
 * Bayesian chance that B's true rate beats A's, P(pB > pA), with uniform priors:
 * pX ~ Beta(1 + c, 1 + n − c). Exact closed form for integer parameters (Evan Miller,
 * "Formulas for Bayesian A/B Testing", 2015), summed over the arm with fewer conversions;
 * for very large counts, where the sum would take long, the normal approximation of the
 * difference of the two Betas, which is then accurate to far below the digits shown.
 */
export function chanceToBeatControl(cA: number, nA: number, cB: number, nB: number): number {
  const aA = 1 + cA;
  const bA = 1 + nA - cA;
  const aB = 1 + cB;
  const bB = 1 + nB - cB;
  if (Math.min(aA, aB) > EXACT_TERMS_LIMIT) return betaDifferenceNormal(aA, bA, aB, bB);
  return aB <= aA ? probBetaExceeds(aB, bB, aA, bA) : 1 - probBetaExceeds(aA, bA, aB, bB);
}

/** P(X > Y) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2), a1 an integer: a1 terms. */
function probBetaExceeds(a1: number, b1: number, a2: number, b2: number): number {
  const base = jStat.betaln(a2, b2);
  let sum = 0;
  for (let i = 0; i < a1; i++) {
    sum += Math.exp(jStat.betaln(a2 + i, b1 + b2) - Math.log(b1 + i) - jStat.betaln(1 + i, b1) - base);
  }
  return Math.min(1, Math.max(0, sum));
}

function betaDifferenceNormal(aA: number, bA: number, aB: number, bB: number): number {
  const mean = (a: number, b: number) => a / (a + b);
  const variance = (a: number, b: number) => (a * b) / ((a + b) ** 2 * (a + b + 1));
  const sd = Math.sqrt(variance(aA, bA) + variance(aB, bB));
  return normalCdf((mean(aB, bB) - mean(aA, bA)) / sd);
}

export interface WelchResult {
  t: number;
  df: number;
  pValue: number;
}

/** Mean and sample variance (n − 1 denominator) from running sums, as the aggregates store them. */
export function meanVariance(n: number, sum: number, sumSquares: number): { mean: number; variance: number } {
  if (n <= 0) return { mean: 0, variance: 0 };
  const mean = sum / n;
  if (n === 1) return { mean, variance: 0 };
  // Clamped: with all-equal values, rounding can make the difference a tiny negative.
  return { mean, variance: Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) };
}

/**
 * Welch's unequal-variance t-test, two-sided, with Welch–Satterthwaite degrees of
 * freedom. Used for revenue per visitor, where most visitors spend 0 and variances differ.
 */
export function welchTest(
  meanA: number,
  varA: number,
  nA: number,
  meanB: number,
  varB: number,
  nB: number,
): WelchResult {
  if (nA < 2 || nB < 2) return { t: 0, df: 0, pValue: 1 };
  const sA = varA / nA;
  const sB = varB / nB;
  const se2 = sA + sB;
  if (se2 === 0) return { t: 0, df: nA + nB - 2, pValue: 1 };
  const t = (meanB - meanA) / Math.sqrt(se2);
  const df = (se2 * se2) / ((sA * sA) / (nA - 1) + (sB * sB) / (nB - 1));
  return { t, df, pValue: Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df)) };
}

export interface SrmResult {
  chi2: number;
  pValue: number;
  /** False when the observed split is too unlikely under the planned one (p < 0.001). */
  ok: boolean;
}

/** Below this p-value the split is called broken; 0.001 keeps false alarms rare when checked daily. */
export const SRM_THRESHOLD = 0.001;

/**
 * Sample ratio mismatch: Pearson's chi-square goodness of fit of the visitors per arm
 * against the planned weights (normalised). Arms planned at weight 0 are left out.
 */
export function srmTest(observed: readonly number[], expectedWeights: readonly number[]): SrmResult {
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = expectedWeights.reduce((a, w) => a + (w > 0 ? w : 0), 0);
  let chi2 = 0;
  let cells = 0;
  observed.forEach((o, i) => {
    const w = expectedWeights[i];
    if (!(w > 0)) return;
    const expected = (total * w) / weightSum;
    cells++;
    if (expected > 0) chi2 += (o - expected) ** 2 / expected;
  });
  const pValue = cells < 2 || total === 0 ? 1 : chiSquarePValue(chi2, cells - 1);
  return { chi2, pValue, ok: pValue >= SRM_THRESHOLD };
}

/**
 * Visitors needed per arm to detect a relative lift `mde` over `baselineRate` with a
 * two-sided two-proportion test: n = (z₁₋α/₂·√(2p̄q̄) + z₁₋β·√(p₁q₁ + p₂q₂))² / (p₂ − p₁)²,
 * the closed form of R's `power.prop.test` (strict = FALSE). Rounded up.
 */
export function requiredSampleSize(baselineRate: number, mde: number, alpha = 0.05, power = 0.8): number {
  const p1 = baselineRate;
  const p2 = baselineRate * (1 + mde);
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1) || p1 === p2) return Infinity;
  const pBar = (p1 + p2) / 2;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const root = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p2 - p1) * (p2 - p1)));
}
