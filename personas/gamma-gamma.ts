/**
 * Gamma-Gamma model of spend per transaction, after Fader and Hardie (2013), "The
 * Gamma-Gamma model of monetary value". A customer's transaction values are Gamma(p, ν)
 * around their own mean p/ν, and ν ~ Gamma(q, γ) across customers. It is fitted on the
 * mean value of each customer's x ≥ 1 repeat transactions.
 */
import { logGamma } from './math/log-gamma.js';
import { minimize } from './math/nelder-mead.js';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface SpendHistory {
  /** Repeat transactions, at least 1. */
  x: number;
  /** Mean value of those repeat transactions, above 0. */
  meanValue: number;
}

/** ln f(z̄ | p, q, γ, x): the marginal density of a customer's mean spend. */
export function spendLogLikelihood({ p, q, gamma }: GammaGammaParams, { x, meanValue }: SpendHistory): number {
  const px = p * x;
  return (
    logGamma(px + q) - logGamma(px) - logGamma(q) +
    q * Math.log(gamma) + (px - 1) * Math.log(meanValue) + px * Math.log(x) -
    (px + q) * Math.log(gamma + meanValue * x)
  );
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, spends: readonly SpendHistory[]): number {
  return likelihoodOf(spends)(params);
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
}

export function fitGammaGamma(spends: readonly SpendHistory[]): GammaGammaFit {
  if (spends.length === 0) throw new Error('Gamma-Gamma needs at least one customer with a repeat purchase');
  const logLikelihood = likelihoodOf(spends);
  const meanSpend = spends.reduce((s, c) => s + c.meanValue, 0) / spends.length;
  // p = 1 and q = 2 make the population mean pγ/(q−1) equal γ, so start γ at the observed mean.
  const start = [0, Math.log(2), Math.log(meanSpend)];
  const toParams = (t: number[]): GammaGammaParams => ({ p: Math.exp(t[0]), q: Math.exp(t[1]), gamma: Math.exp(t[2]) });
  const best = minimize((t) => -logLikelihood(toParams(t)), start);
  return { ...toParams(best.x), logLikelihood: -best.value };
}

/**
 * The summed log-likelihood as a function of the parameters: the same sum as
 * spendLogLikelihood over every customer, with the Gamma-function terms computed once per
 * distinct x and Σ ln z̄ per x taken out of the loop.
 */
function likelihoodOf(spends: readonly SpendHistory[]): (params: GammaGammaParams) => number {
  const byX = new Map<number, { count: number; sumLogMean: number }>();
  for (const { x, meanValue } of spends) {
    const g = byX.get(x) ?? { count: 0, sumLogMean: 0 };
    g.count++;
    g.sumLogMean += Math.log(meanValue);
    byX.set(x, g);
  }
  const xs = Float64Array.from(spends, (s) => s.x);
  const means = Float64Array.from(spends, (s) => s.meanValue);
  return ({ p, q, gamma }) => {
    let sum = 0;
    for (const [x, g] of byX) {
      const px = p * x;
      sum += g.count * (logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + px * Math.log(x)) + (px - 1) * g.sumLogMean;
    }
    for (let i = 0; i < xs.length; i++) sum -= (p * xs[i] + q) * Math.log(gamma + means[i] * xs[i]);
    return sum;
  };
}

/**
 * E[Z | p, q, γ, x, z̄]: a weighted average of the population mean pγ/(q−1) and the
 * customer's own mean; with x = 0 it is the population mean. Needs q > 1 (a finite mean).
 */
export function expectedAverageValue({ p, q, gamma }: GammaGammaParams, x: number, meanValue: number): number {
  if (q <= 1) throw new RangeError(`Gamma-Gamma q = ${q} ≤ 1: the population mean spend is not finite`);
  const weight = (p * x) / (p * x + q - 1);
  return (1 - weight) * ((p * gamma) / (q - 1)) + weight * meanValue;
}
