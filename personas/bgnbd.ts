/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing,
 * after Fader, Hardie and Lee (2005), "Counting your customers the easy way".
 * While alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each repeat
 * purchase they drop out with probability p ~ Beta(a, b). A customer's history is
 * (x repeat purchases, the last at t_x, observed for T since their first purchase).
 *
 * Every function also serves the modified BG/NBD (MBG/NBD: Batislam, Denizel and Filiztekin
 * 2007, with Wagner and Hoppe's 2008 erratum; `lifetimes`' ModifiedBetaGeoFitter), given
 * `extra = 1`: one more dropout chance right after the first purchase, so a customer who
 * never came back may be gone too. It is the same algebra with one more Bernoulli(p) trial:
 * p's posterior after x repeats is Beta(a, b + x + 1) instead of Beta(a, b + x).
 */
import { logAddExp, logHyp2f1 } from './math/hypergeometric.js';
import { logGamma } from './math/log-gamma.js';
import { minimize } from './math/nelder-mead.js';
import { integrate } from './math/quadrature.js';

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface RepeatHistory {
  /** Repeat transactions (the first purchase excluded). */
  x: number;
  /** Time of the last purchase, from the first. */
  tx: number;
  /** Time observed, from the first purchase to the end of the period. */
  T: number;
}

/**
 * Dropout chances besides the one after each repeat purchase: 0 for BG/NBD, 1 for the
 * modified BG/NBD (a chance right after the first purchase too).
 */
export type ExtraDropout = 0 | 1;

/** ln L for one customer: eq. (6) of the paper, combined in log space. */
export function customerLogLikelihood({ r, alpha, a, b }: BgnbdParams, { x, tx, T }: RepeatHistory, extra: ExtraDropout = 0): number {
  const base =
    logGamma(r + x) - logGamma(r) + r * Math.log(alpha) +
    logGamma(a + b) + logGamma(b + x + extra) - logGamma(b) - logGamma(a + b + x + extra);
  const stillAlive = -(r + x) * Math.log(alpha + T);
  if (x + extra === 0) return base + stillAlive;
  const droppedOut = Math.log(a) - Math.log(b + x - 1 + extra) - (r + x) * Math.log(alpha + tx);
  return base + logAddExp(stillAlive, droppedOut);
}

export function bgnbdLogLikelihood(params: BgnbdParams, histories: readonly RepeatHistory[], extra: ExtraDropout = 0): number {
  return likelihoodOf(weighted(histories), extra)(params);
}

export interface BgnbdFit extends BgnbdParams {
  logLikelihood: number;
}

/** Maximum-likelihood fit; Nelder–Mead on the log parameters keeps all four positive. */
export function fitBgnbd(histories: readonly RepeatHistory[], extra: ExtraDropout = 0): BgnbdFit {
  if (histories.length === 0) throw new Error('BG/NBD needs at least one customer');
  const logLikelihood = likelihoodOf(weighted(histories), extra);
  const totalX = histories.reduce((s, h) => s + h.x, 0);
  const totalT = histories.reduce((s, h) => s + h.T, 0);
  // Start from the observed repeat rate (λ = r/α with r = 1) and a moderate dropout.
  const initial = [0, Math.log(Math.max(totalT, 1e-9) / Math.max(totalX, 1)), Math.log(0.8), Math.log(2.5)];
  const toParams = (t: number[]): BgnbdParams => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]), a: Math.exp(t[2]), b: Math.exp(t[3]) });
  const best = minimize((t) => -logLikelihood(toParams(t)), initial);
  return { ...toParams(best.x), logLikelihood: -best.value };
}

/**
 * The summed log-likelihood as a function of the parameters. The Gamma-function terms
 * depend on x alone, so they are computed once per distinct x rather than per customer;
 * this is the same sum as customerLogLikelihood over every customer.
 */
function likelihoodOf(groups: readonly WeightedHistory[], extra: ExtraDropout): (params: BgnbdParams) => number {
  const xs = [...new Set(groups.map((g) => g.x))];
  const slot = new Map(xs.map((x, i) => [x, i]));
  const xIndex = Int32Array.from(groups, (g) => slot.get(g.x)!);
  const x = Float64Array.from(groups, (g) => g.x);
  const tx = Float64Array.from(groups, (g) => g.tx);
  const T = Float64Array.from(groups, (g) => g.T);
  const weight = Float64Array.from(groups, (g) => g.weight);
  const base = new Float64Array(xs.length);
  return ({ r, alpha, a, b }) => {
    const constant = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
    xs.forEach((xi, i) => (base[i] = constant + logGamma(r + xi) + logGamma(b + xi + extra) - logGamma(a + b + xi + extra)));
    const logA = Math.log(a);
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const alive = -(r + x[i]) * Math.log(alpha + T[i]);
      let ll = alive;
      if (x[i] + extra > 0) ll = logAddExp(alive, logA - Math.log(b + x[i] - 1 + extra) - (r + x[i]) * Math.log(alpha + tx[i]));
      sum += weight[i] * (base[xIndex[i]] + ll);
    }
    return sum;
  };
}

/**
 * P(alive | history): eq. (13). Under BG/NBD somebody who never repeated cannot have
 * dropped out; under the modified model they can.
 */
export function pAlive({ r, alpha, a, b }: BgnbdParams, { x, tx, T }: RepeatHistory, extra: ExtraDropout = 0): number {
  if (x + extra === 0) return 1;
  return 1 / (1 + (a / (b + x - 1 + extra)) * Math.pow((alpha + T) / (alpha + tx), r + x));
}

/**
 * E[Y(t) | history]: expected purchases in the next t time units, eq. (10); for the
 * modified model Wagner and Hoppe's (2008) corrected form, which is eq. (10) with b + 1.
 */
export function expectedPurchases(params: BgnbdParams, history: RepeatHistory, t: number, extra: ExtraDropout = 0): number {
  if (t <= 0) return 0;
  const { r, alpha, a } = params;
  // While alive, only p's posterior differs between the two models: Beta(a, b + x + extra).
  const b = params.b + extra;
  const { x, T } = history;
  const c = a + b + x - 1;
  // The closed form needs c > 0; only a customer without repeats under a + b ≤ 1 lacks it.
  const ifAlive =
    c > 0 && a !== 1
      ? (c / (a - 1)) * -Math.expm1((r + x) * Math.log((alpha + T) / (alpha + T + t)) + logHyp2f1(r + x, b + x, c, t / (alpha + T + t)))
      : expectedWhileAliveByQuadrature({ r, alpha, a, b }, history, t);
  return ifAlive * pAlive(params, history, extra);
}

/**
 * E[Y(t) | alive] as the integral it comes from: given p, λ ~ Gamma(r+x, α+T) makes
 * f(p) = (1 − (1 + p·t/(α+T))^−(r+x)) / p, averaged over p ~ Beta(a, b+x). The straight
 * line through f(0) and f(1) has an exact Beta mean; only the remainder, which vanishes at
 * both ends and so tames the Beta density's end singularities, is integrated numerically.
 */
export function expectedWhileAliveByQuadrature({ r, alpha, a, b }: BgnbdParams, { x, T }: RepeatHistory, t: number): number {
  const shape = r + x;
  const s = t / (alpha + T);
  const bx = b + x;
  const f = (p: number) => (p === 0 ? shape * s : -Math.expm1(-shape * Math.log1p(p * s)) / p);
  const [f0, f1] = [f(0), f(1)];
  const line = (f0 * bx + f1 * a) / (a + bx);
  const logNorm = logGamma(a + bx) - logGamma(a) - logGamma(bx);
  const remainder = integrate(
    (p) => (p <= 0 || p >= 1 ? 0 : (f(p) - f0 * (1 - p) - f1 * p) * Math.exp(logNorm + (a - 1) * Math.log(p) + (bx - 1) * Math.log1p(-p))),
    0,
    1,
    4000,
  );
  return line + remainder;
}

interface WeightedHistory extends RepeatHistory {
  weight: number;
}

/** Identical histories (common with whole-day times) share one likelihood term. */
function weighted(histories: readonly RepeatHistory[]): WeightedHistory[] {
  const groups = new Map<string, WeightedHistory>();
  for (const h of histories) {
    const key = `${h.x}|${h.tx}|${h.T}`;
    const g = groups.get(key);
    if (g) g.weight++;
    else groups.set(key, { x: h.x, tx: h.tx, T: h.T, weight: 1 });
  }
  return [...groups.values()];
}
