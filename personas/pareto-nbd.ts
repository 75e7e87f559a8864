/**
 * Pareto/NBD model of repeat purchasing (Schmittlein, Morrison and Colombo 1987), in the
 * form of Fader and Hardie's "A note on deriving the Pareto/NBD model and related
 * expressions" (2005): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α) and
 * their lifetime is exponential with rate μ ~ Gamma(s, β), so a customer who never came
 * back may be gone too — unlike BG/NBD, where dropping out needs a repeat purchase.
 *
 * L(x, t_x, T) = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s·I ], where
 * I = ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ is the chance to have died in (t_x, T].
 */
import type { RepeatHistory } from './bgnbd.js';
import { logIntegrateExp } from './math/gauss-legendre.js';
import { logAddExp } from './math/hypergeometric.js';
import { logGamma } from './math/log-gamma.js';
import { minimize } from './math/nelder-mead.js';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface ParetoNbdFit extends ParetoNbdParams {
  logLikelihood: number;
}

/** Above this z the series below needs too many terms (~36/(1 − z)); quadrature takes over. */
const SERIES_MAX_Z = 0.9;

/**
 * With M = max(α, β), d = |α − β| and u = M + τ, I's integrand is u^−(r+s+x+1) (1 − d/u)^−e,
 * e the exponent of the smaller scale. Termwise integration gives the tail beyond τ = `at`,
 * u^−(r+s+x) ₂F₁(r+s+x, e; r+s+x+1; d/u) / (r+s+x), and I = tail(t_x) − tail(T). Euler's
 * transformation turns the series into ₂F₁(1, r+s+x+1−e; r+s+x+1; z) (1−z)^(1−e), whose
 * terms all shrink from the first, so it sums without cancellation. NaN where z is too
 * close to 1 for the series to be quick.
 */
export function logTail({ r, alpha, s, beta }: ParetoNbdParams, x: number, at: number): number {
  const rsx = r + s + x;
  const M = Math.max(alpha, beta);
  const e = alpha < beta ? r + x : s + 1;
  const u = M + at;
  const z = Math.abs(alpha - beta) / u;
  if (z > SERIES_MAX_Z) return NaN;
  const logF = (1 - e) * Math.log1p(-z) + Math.log(hyp2f1WithAOne(rsx + 1 - e, rsx + 1, z));
  return -rsx * Math.log(u) + logF - Math.log(rsx);
}

/**
 * ₂F₁(1, b; c; z) for 0 < b < c and 0 ≤ z ≤ 0.9: each term is the last times (b+n)z/(c+n),
 * below z, so the terms fall from the first and the sum stays below 1/(1−z) = 10. Written
 * out rather than through logHyp2f1: it runs for every distinct (x, time) at every step of
 * the fit.
 */
function hyp2f1WithAOne(b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; term > 1e-17 * sum; n++) {
    term *= ((b + n) * z) / (c + n);
    sum += term;
  }
  return sum;
}

/**
 * ln I straight from its integral, where the series would be slow (one scale far above the
 * other: the fits of data without visible dropout go there). In u = ln(min(α, β) + τ) the
 * log-integrand g(u) = u − (r+x) ln(α+τ) − (s+1) ln(β+τ) is smooth and concave; once it
 * falls it keeps falling, so the sum stops where the rest is below e^−40 of it.
 */
export function logDeathIntegralByQuadrature({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  const m = r + x;
  const n = s + 1;
  const low = Math.min(alpha, beta);
  const end = Math.log(low + T);
  const g = (u: number) => {
    const tau = Math.exp(u) - low;
    return u - m * Math.log(alpha + tau) - n * Math.log(beta + tau);
  };
  const slope = (u: number) => {
    const v = Math.exp(u);
    const tau = v - low;
    return 1 - (m * v) / (alpha + tau) - (n * v) / (beta + tau);
  };
  return logIntegrateExp(g, slope, Math.log(low + tx), end, (u, logSum) => slope(u) < 0 && g(u) + Math.log(end - u + 1e-300) < logSum - 40);
}

/** ln I from the two tails, or by quadrature when either is NaN; −∞ when t_x = T. */
function logDeathIntegral(params: ParetoNbdParams, x: number, tx: number, T: number, fromTail: number, toTail: number): number {
  if (tx >= T) return -Infinity;
  if (Number.isNaN(fromTail) || Number.isNaN(toTail)) return logDeathIntegralByQuadrature(params, x, tx, T);
  return toTail >= fromTail ? -Infinity : fromTail + Math.log1p(-Math.exp(toTail - fromTail));
}

/** ln of the alive term (α+T)^−(r+x) (β+T)^−s. */
function logAlive({ r, alpha, s, beta }: ParetoNbdParams, x: number, T: number): number {
  return -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
}

function logI(params: ParetoNbdParams, { x, tx, T }: RepeatHistory): number {
  return logDeathIntegral(params, x, tx, T, logTail(params, x, tx), logTail(params, x, T));
}

export function paretoNbdCustomerLogLikelihood(params: ParetoNbdParams, history: RepeatHistory): number {
  const { r, alpha, s, beta } = params;
  const { x, T } = history;
  return (
    logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta) +
    logAddExp(logAlive(params, x, T), Math.log(s) + logI(params, history))
  );
}

export function paretoNbdLogLikelihood(params: ParetoNbdParams, histories: readonly RepeatHistory[]): number {
  return likelihoodOf(histories)(params);
}

/**
 * Parameters are kept within 1e-5 to 1e5 (BTYD caps them at 1e4): data without visible
 * dropout or heterogeneity have their maximum at infinity (β, s → ∞: nobody leaves; r, α → ∞:
 * everyone buys at one rate), where the likelihood is flat and the predictions are those of
 * the limit, and an unbounded search would walk off along that ridge for thousands of steps.
 */
const LOG_BOUND = Math.log(1e5);

/** Maximum-likelihood fit; Nelder–Mead on the log parameters keeps all four positive. */
export function fitParetoNbd(histories: readonly RepeatHistory[]): ParetoNbdFit {
  if (histories.length === 0) throw new Error('Pareto/NBD needs at least one customer');
  const logLikelihood = likelihoodOf(histories);
  const totalX = histories.reduce((sum, h) => sum + h.x, 0);
  const totalT = histories.reduce((sum, h) => sum + h.T, 0);
  // λ from the observed repeat rate (r = 1), mean lifetime β/s as long as the mean T.
  const initial = [0, Math.log(Math.max(totalT, 1e-9) / Math.max(totalX, 1)), 0, Math.log(Math.max(totalT / histories.length, 1e-9))];
  const toParams = (t: number[]): ParetoNbdParams => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]), s: Math.exp(t[2]), beta: Math.exp(t[3]) });
  const best = minimize((t) => (t.every((v) => Math.abs(v) <= LOG_BOUND) ? -logLikelihood(toParams(t)) : Infinity), initial);
  return { ...toParams(best.x), logLikelihood: -best.value };
}

/**
 * The summed log-likelihood as a function of the parameters. Each tail depends on x and one
 * time only, and customers share those pairs far more often than whole histories (every
 * one-timer has t_x = 0), so each distinct (x, t_x) and (x, T) is summed once per call.
 */
function likelihoodOf(histories: readonly RepeatHistory[]): (params: ParetoNbdParams) => number {
  const slots = new Map<string, number>();
  const pairs: [x: number, at: number][] = [];
  const slot = (x: number, at: number) => {
    const key = `${x}|${at}`;
    let i = slots.get(key);
    if (i === undefined) slots.set(key, (i = pairs.push([x, at]) - 1));
    return i;
  };
  const xs = [...new Set(histories.map((h) => h.x))];
  const xSlot = new Map(xs.map((x, i) => [x, i]));
  const groups = new Map<string, { x: number; tx: number; T: number; xIndex: number; from: number; to: number; weight: number }>();
  for (const { x, tx, T } of histories) {
    const key = `${x}|${tx}|${T}`;
    const g = groups.get(key);
    if (g) g.weight++;
    else groups.set(key, { x, tx, T, xIndex: xSlot.get(x)!, from: slot(x, tx), to: slot(x, T), weight: 1 });
  }
  const rows = [...groups.values()];
  const tails = new Float64Array(pairs.length);
  // The alive term depends on (x, T) alone: one per pair, like the tails.
  const alive = new Float64Array(pairs.length);
  const logGammas = new Float64Array(xs.length);
  return (params) => {
    const { r, alpha, s, beta } = params;
    if (![r, alpha, s, beta].every((v) => v > 0 && Number.isFinite(v))) return -Infinity;
    pairs.forEach(([x, at], i) => {
      tails[i] = logTail(params, x, at);
      alive[i] = logAlive(params, x, at);
    });
    xs.forEach((x, i) => (logGammas[i] = logGamma(r + x)));
    const constant = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    const logS = Math.log(s);
    let sum = 0;
    for (const { x, tx, T, xIndex, from, to, weight } of rows) {
      const death = logDeathIntegral(params, x, tx, T, tails[from], tails[to]);
      sum += weight * (constant + logGammas[xIndex] + logAddExp(alive[to], logS + death));
    }
    return sum;
  };
}

/** P(alive | history): the alive term's share of the likelihood (note, eq. 36–37). */
export function paretoNbdPAlive(params: ParetoNbdParams, history: RepeatHistory): number {
  return 1 / (1 + Math.exp(Math.log(params.s) + logI(params, history) - logAlive(params, history.x, history.T)));
}

/**
 * E[Y(t) | history], eq. (41) of the note: P(alive) · (r+x)/(α+T) · (β+T)/(s−1) ·
 * (1 − ((β+T)/(β+T+t))^(s−1)), written with expm1/log1p so s = 1 takes its limit.
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, history: RepeatHistory, t: number, pAlive = paretoNbdPAlive(params, history)): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  const { x, T } = history;
  const grow = Math.log1p(t / (beta + T));
  const lifetimeFactor = Math.abs(s - 1) < 1e-9 ? grow : -Math.expm1(-(s - 1) * grow) / (s - 1);
  return pAlive * ((r + x) / (alpha + T)) * (beta + T) * lifetimeFactor;
}
