import { describe, expect, it } from 'vitest';
import {
  expectedAverageValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  spendLogLikelihood,
  type GammaGammaParams,
  type SpendHistory,
} from './gamma-gamma.js';
import { integrate } from './math/quadrature.js';
import { seededRng } from './math/random.js';
import { standardErrors } from './math/standard-errors.js';
import { simulateSpends } from './simulate.js';

/** Fader and Hardie (2013): the Gamma-Gamma estimates on CDNOW. */
const CDNOW: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

/**
 * The density of a customer's mean spend from the individual model — z̄ | ν ~ Gamma(px, νx),
 * ν ~ Gamma(q, γ) — integrated over ν numerically, with both normalising constants
 * integrated too (∫ t^(k−1) e^(−t) dt), so no Gamma function is shared with the code.
 */
function densityByQuadrature({ p, q, gamma }: GammaGammaParams, { x, meanValue }: SpendHistory): number {
  const gammaFn = (k: number) => integrate((t) => t ** (k - 1) * Math.exp(-t), 0, k + 60 * Math.sqrt(k), 40_000);
  const shape = p * x;
  const nuMax = (q + 40 * Math.sqrt(q)) / gamma;
  const mixed = integrate(
    (nu) =>
      ((nu * x) ** shape * meanValue ** (shape - 1) * Math.exp(-nu * x * meanValue)) *
      (gamma ** q * nu ** (q - 1) * Math.exp(-gamma * nu)),
    0,
    nuMax,
  );
  return mixed / (gammaFn(shape) * gammaFn(q));
}

describe('Gamma-Gamma log-likelihood', () => {
  const params: GammaGammaParams = { p: 3.2, q: 4.5, gamma: 60 };
  it.each<SpendHistory>([
    { x: 1, meanValue: 18 },
    { x: 3, meanValue: 42.5 },
    { x: 6, meanValue: 9.9 },
  ])('matches numerical integration of the individual model for %o', (spend) => {
    expect(spendLogLikelihood(params, spend)).toBeCloseTo(Math.log(densityByQuadrature(params, spend)), 6);
  });
});

describe('Gamma-Gamma summed log-likelihood', () => {
  it('is the sum of the per-customer terms', () => {
    const spends = [
      { x: 1, meanValue: 20 },
      { x: 1, meanValue: 35 },
      { x: 4, meanValue: 12.5 },
    ];
    const each = spends.reduce((s, c) => s + spendLogLikelihood(CDNOW, c), 0);
    expect(gammaGammaLogLikelihood(CDNOW, spends)).toBeCloseTo(each, 9);
  });
});

describe('Gamma-Gamma expected average value', () => {
  it('is the population mean pγ/(q−1) for a customer without repeat purchases', () => {
    expect(expectedAverageValue(CDNOW, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
  });

  it('moves towards the customer’s own mean the more repeat purchases they made', () => {
    const one = expectedAverageValue(CDNOW, 1, 100);
    const ten = expectedAverageValue(CDNOW, 10, 100);
    expect(one).toBeGreaterThan(35.2);
    expect(ten).toBeGreaterThan(one);
    expect(ten).toBeLessThan(100);
  });

  it('refuses q ≤ 1, where the population mean is infinite', () => {
    expect(() => expectedAverageValue({ p: 1, q: 0.9, gamma: 10 }, 1, 10)).toThrow(RangeError);
  });
});

describe('Gamma-Gamma maximum likelihood: parameter recovery', () => {
  /*
   * 5,000 simulated customers with 1–6 repeat transactions from the CDNOW parameters.
   * Tolerance: three asymptotic standard errors (about 11 % for p, 3 % for q, 14 % for γ
   * at this size; p and γ trade off). The population mean spend pγ/(q−1), which is what
   * the lifetime value uses, must be within 5 %.
   */
  const rng = seededRng(20_13);
  const spends = Array.from({ length: 5000 }, () => {
    const x = 1 + Math.floor(rng() * 6);
    const values = simulateSpends(rng, CDNOW, x);
    return { x, meanValue: values.reduce((s, v) => s + v, 0) / x };
  });
  const fit = fitGammaGamma(spends);
  const names = ['p', 'q', 'gamma'] as const;
  const errors = standardErrors(
    (t) => -gammaGammaLogLikelihood({ p: Math.exp(t[0]), q: Math.exp(t[1]), gamma: Math.exp(t[2]) }, spends),
    names.map((k) => Math.log(fit[k])),
  );

  it.each(names.map((name, i) => [name, i] as const))('recovers %s within three standard errors', (name, i) => {
    expect(errors[i]).toBeLessThan(0.2);
    expect(Math.abs(Math.log(fit[name] / CDNOW[name]))).toBeLessThan(3 * errors[i]);
  });

  it('recovers the population mean spend within 5 %', () => {
    const mean = (g: GammaGammaParams) => (g.p * g.gamma) / (g.q - 1);
    expect(Math.abs(mean(fit) / mean(CDNOW) - 1)).toBeLessThan(0.05);
  });
});
