import { describe, expect, it } from 'vitest';
import { cdnowSummary } from './fixtures/cdnow.js';
import { integrate } from './math/quadrature.js';
import {
  fitParetoNbd,
  logDeathIntegralByQuadrature,
  logTail,
  paretoNbdCustomerLogLikelihood,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
  type ParetoNbdParams,
} from './pareto-nbd.js';
import type { RepeatHistory } from './bgnbd.js';

/**
 * The likelihood straight from the individual model, every integral numerical (no Gamma
 * function, no hypergeometric series): λ ~ Gamma(r, α) and μ ~ Gamma(s, β) integrated out
 * of "alive at T" (λ^x e^−λT e^−μT) and "died at τ in (t_x, T]" (λ^x e^−λτ μ e^−μτ).
 */
function likelihoodByQuadrature({ r, alpha, s, beta }: ParetoNbdParams, { x, tx, T }: RepeatHistory): number {
  // Fewer steps inside the τ integral keep it quick; the error stays below 1e-6 relative.
  const gammaMoment = (shape: number, rate: number, power: number, at: number, steps = 20_000) =>
    integrate((v) => v ** (shape - 1 + power) * Math.exp(-(rate + at) * v), 0, (shape + power + 40 * Math.sqrt(shape + power)) / rate, steps) /
    integrate((v) => v ** (shape - 1) * Math.exp(-rate * v), 0, (shape + 40 * Math.sqrt(shape)) / rate, steps);
  const alive = gammaMoment(r, alpha, x, T) * gammaMoment(s, beta, 0, T);
  const died = tx < T ? integrate((tau) => gammaMoment(r, alpha, x, tau, 4000) * gammaMoment(s, beta, 1, tau, 4000), tx, T, 200) : 0;
  return alive + died;
}

describe('Pareto/NBD log-likelihood', () => {
  // Shapes above 2 keep the integrands smooth enough for Simpson's rule.
  it.each<[string, ParetoNbdParams, RepeatHistory]>([
    ['α < β, one-timer', { r: 2.5, alpha: 6, s: 2.2, beta: 20 }, { x: 0, tx: 0, T: 30 }],
    ['α < β, repeat buyer', { r: 2.5, alpha: 6, s: 2.2, beta: 20 }, { x: 3, tx: 12, T: 30 }],
    ['α > β', { r: 2.5, alpha: 25, s: 3, beta: 8 }, { x: 2, tx: 5, T: 40 }],
    ['α = β', { r: 2.5, alpha: 10, s: 3, beta: 10 }, { x: 1, tx: 20, T: 26 }],
    ['last purchase at T', { r: 2.5, alpha: 6, s: 2.2, beta: 20 }, { x: 4, tx: 30, T: 30 }],
  ])('matches numerical integration of the individual model (%s)', (_, params, history) => {
    expect(paretoNbdCustomerLogLikelihood(params, history)).toBeCloseTo(Math.log(likelihoodByQuadrature(params, history)), 5);
  });

  /*
   * Where one scale is far above the other the code integrates instead of summing the series;
   * the references here are the same likelihood integrated with mpmath at 30 digits (the
   * Simpson reference above is too coarse for death rates this fast).
   */
  it.each<[string, ParetoNbdParams, RepeatHistory, number]>([
    ['β far above α', { r: 2.5, alpha: 0.5, s: 2.2, beta: 60 }, { x: 2, tx: 1, T: 30 }, -5.624511261008974570305],
    ['α far above β', { r: 2.5, alpha: 80, s: 2.2, beta: 0.4 }, { x: 0, tx: 0, T: 30 }, -0.010019491629742070649],
  ])('matches a 30-digit integration where the series gives way to quadrature (%s)', (_, params, history, reference) => {
    expect(paretoNbdCustomerLogLikelihood(params, history)).toBeCloseTo(reference, 10);
  });

  it('sums the per-customer terms, identical histories counted once each', () => {
    const params = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
    const histories = [{ x: 0, tx: 0, T: 30 }, { x: 0, tx: 0, T: 30 }, { x: 2, tx: 10, T: 30 }, { x: 2, tx: 10, T: 20 }];
    const each = histories.reduce((sum, h) => sum + paretoNbdCustomerLogLikelihood(params, h), 0);
    expect(paretoNbdLogLikelihood(params, histories)).toBeCloseTo(each, 9);
  });
});

describe('Pareto/NBD death integral: series against quadrature', () => {
  // Every pair lies where both ways apply (z ≤ 0.9), from one-timers to heavy buyers.
  it.each<[ParetoNbdParams, RepeatHistory]>([
    [{ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { x: 0, tx: 0, T: 38.9 }],
    [{ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { x: 26, tx: 30.86, T: 31 }],
    [{ r: 2.1, alpha: 17.6, s: 0.52, beta: 9.7 }, { x: 3, tx: 40, T: 104 }],
    [{ r: 0.3, alpha: 4, s: 3, beta: 30 }, { x: 1, tx: 20, T: 60 }],
    [{ r: 5, alpha: 30, s: 0.2, beta: 6 }, { x: 60, tx: 50, T: 52 }],
  ])('agree to 1e-10 for %o, %o', (params, { x, tx, T }) => {
    const fromTails = logTail(params, x, tx) + Math.log1p(-Math.exp(logTail(params, x, T) - logTail(params, x, tx)));
    expect(Number.isNaN(fromTails)).toBe(false);
    expect(logDeathIntegralByQuadrature(params, x, tx, T)).toBeCloseTo(fromTails, 10);
  });

  it('stops at the parameter bound where no customer visibly dropped out and the maximum lies at infinity', () => {
    // 30 customers buying steadily: the maximum lies at "nobody dies", far beyond z = 0.9.
    const histories = Array.from({ length: 30 }, (_, c) => ({ x: c % 4, tx: (c % 4) * 4.3, T: 17 + (c % 9) / 7 }));
    // Unbounded, the search walked that flat ridge for minutes (past the test's time limit).
    const fit = fitParetoNbd(histories);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(Math.max(fit.r, fit.alpha, fit.s, fit.beta)).toBeLessThanOrEqual(1e5 * (1 + 1e-12));
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(paretoNbdLogLikelihood({ r: 1, alpha: 4, s: 1, beta: 20 }, histories));
  });
});

/**
 * Published values. The fit: `lifetimes` tests/test_estimation.py, TestParetoNBDFitter
 * ("close to Hardie paper", two decimals): (r, α, s, β) = (0.553, 10.578, 0.606, 11.669);
 * Fader and Hardie's Pareto/NBD note gives ln L = −9595.0 on the same data. P(alive) and
 * E[Y(52)] for the customer with x = 26, t_x = 30.86, T = 31: the BTYD walkthrough, as
 * lifetimes tests them (0.9979 within 0.001; 25.46 within 0.01).
 */
describe('Pareto/NBD on CDNOW (2,357 customers, 39 weeks)', () => {
  const fit = fitParetoNbd(cdnowSummary());

  it.each([
    ['r', 0.553],
    ['alpha', 10.578],
    ['s', 0.606],
    ['beta', 11.669],
  ] as const)('estimates %s = %s to two decimals', (name, published) => {
    expect(Math.abs(fit[name] - published)).toBeLessThan(0.015);
  });

  it('reaches ln L = −9595.0', () => {
    expect(fit.logLikelihood).toBeCloseTo(-9595.0, 1);
  });

  it('gives P(alive) = 0.9979 to the heavy buyer of the BTYD walkthrough', () => {
    const walkthrough = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
    expect(Math.abs(paretoNbdPAlive(walkthrough, { x: 26, tx: 30.86, T: 31 }) - 0.9979)).toBeLessThan(0.001);
  });

  it('expects 25.46 purchases from that buyer in the next 52 weeks', () => {
    expect(Math.abs(paretoNbdExpectedPurchases(fit, { x: 26, tx: 30.86, T: 31 }, 52) - 25.46)).toBeLessThan(0.01);
  });

  it('lets one-time buyers be gone, the more so the longer ago they bought', () => {
    const recent = paretoNbdPAlive(fit, { x: 0, tx: 0, T: 2 });
    const old = paretoNbdPAlive(fit, { x: 0, tx: 0, T: 38.86 });
    expect(recent).toBeGreaterThan(old);
    expect(old).toBeLessThan(0.5);
  });
});

describe('Pareto/NBD expected purchases', () => {
  const params = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
  const history = { x: 3, tx: 20, T: 30 };

  it('is 0 over no time and grows with the horizon', () => {
    expect(paretoNbdExpectedPurchases(params, history, 0)).toBe(0);
    expect(paretoNbdExpectedPurchases(params, history, 52)).toBeGreaterThan(paretoNbdExpectedPurchases(params, history, 26));
  });

  it('is continuous at s = 1, where the closed form has its limit (β+T)·ln(1 + t/(β+T))', () => {
    const at = (s: number) => paretoNbdExpectedPurchases({ ...params, s }, history, 39);
    expect(at(1)).toBeCloseTo((at(1 - 1e-6) + at(1 + 1e-6)) / 2, 6);
  });

  it('is what an alive customer buys at rate (r+x)/(α+T), times P(alive), when nobody dies (β → ∞)', () => {
    const immortal = { ...params, beta: 1e9 };
    expect(paretoNbdExpectedPurchases(immortal, history, 39)).toBeCloseTo(((0.55 + 3) / (10.6 + 30)) * 39 * paretoNbdPAlive(immortal, history), 4);
  });
});
