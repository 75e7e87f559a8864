/** Draws customers from the BG/NBD and Gamma-Gamma processes: for tests and demo data. */
import type { BgnbdParams, RepeatHistory } from './bgnbd.js';
import type { GammaGammaParams } from './gamma-gamma.js';
import { beta, exponential, gamma, type Rng } from './math/random.js';

/**
 * Times of a customer's repeat purchases within (0, T], the first purchase being at 0:
 * Poisson purchases at rate λ, and after each repeat purchase a dropout with probability p.
 */
export function repeatPurchaseTimes(rng: Rng, lambda: number, dropout: number, T: number): number[] {
  const times: number[] = [];
  for (let t = exponential(rng, lambda); t <= T; t += exponential(rng, lambda)) {
    times.push(t);
    if (rng() < dropout) break;
  }
  return times;
}

export function simulateHistory(rng: Rng, { r, alpha, a, b }: BgnbdParams, T: number): RepeatHistory {
  const times = repeatPurchaseTimes(rng, gamma(rng, r, alpha), beta(rng, a, b), T);
  return { x: times.length, tx: times.length ? times[times.length - 1] : 0, T };
}

/** Values of `count` transactions of one customer whose mean spend is drawn from the population. */
export function simulateSpends(rng: Rng, { p, q, gamma: scale }: GammaGammaParams, count: number): number[] {
  const nu = gamma(rng, q, scale);
  return Array.from({ length: count }, () => gamma(rng, p, nu));
}
