/** Seeded random numbers and the distributions the simulations draw from. */
import { seededRandom } from '../../shared/random.js';

export type Rng = () => number;

/** Seeded streams come from the one generator the project shares. */
export const seededRng: (seed: number) => Rng = seededRandom;

/** Uniform on (0, 1]: safe to take the log of. */
function open(rng: Rng): number {
  return 1 - rng();
}

export function normal(rng: Rng, mean = 0, sd = 1): number {
  return mean + sd * Math.sqrt(-2 * Math.log(open(rng))) * Math.cos(2 * Math.PI * rng());
}

export function exponential(rng: Rng, rate: number): number {
  return -Math.log(open(rng)) / rate;
}

/** Gamma(shape, rate) by Marsaglia and Tsang, boosted for shape < 1. */
export function gamma(rng: Rng, shape: number, rate: number): number {
  if (shape < 1) return gamma(rng, shape + 1, rate) * Math.pow(open(rng), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(rng);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(open(rng)) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a, 1);
  return x / (x + gamma(rng, b, 1));
}

/** Index drawn with probability proportional to its weight. */
export function pick(rng: Rng, weights: readonly number[]): number {
  let u = rng() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}
