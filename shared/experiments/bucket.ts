/**
 * Deterministic experiment bucketing, shared by the browser SDK and the edge, so both put
 * a visitor in the same arm without talking to each other. No dependencies: it ships in
 * the SDK bundle.
 *
 * Hash: FNV-1a 32-bit over the UTF-16 code units of `${experimentId}:${visitorId}`
 * (the walk GrowthBook's hash uses), then murmur3's fmix32 finaliser. FNV-1a alone
 * leaves the low bits of short, similar ids (`v1`, `v2`, …) correlated; fmix spreads
 * every input bit over the whole word, so dividing by 2^32 gives a uniform [0, 1).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Seeds the traffic hash so "is this visitor in the test" is independent of "which arm". */
const TRAFFIC_SEED = 0x5bd1e995;

function unitHash(text: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The visitor's position in [0, 1) for this experiment's arms; the same inputs always give the same number. */
export function bucket(experimentId: string, visitorId: string): number {
  return unitHash(`${experimentId}:${visitorId}`, 0);
}

/**
 * The index of the arm that `u` (in [0, 1)) falls in, with the weights normalised to sum
 * to 1. Weights that are all zero (or negative) count as equal, so a mistyped config
 * still splits traffic instead of sending everyone to one arm.
 */
export function pickVariant(u: number, weights: readonly number[]): number {
  if (weights.length === 0) throw new RangeError('pickVariant needs at least one weight');
  const clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = clean.reduce((a, b) => a + b, 0);
  const used = sum > 0 ? clean : clean.map(() => 1);
  const total = sum > 0 ? sum : used.length;
  let edge = 0;
  for (let i = 0; i < used.length; i++) {
    edge += used[i] / total;
    if (u < edge) return i;
  }
  // Rounding can leave the last edge a hair under 1: the last arm with weight takes the rest.
  let last = used.length - 1;
  while (used[last] === 0) last--;
  return last;
}

export interface BucketedExperiment {
  id: string;
  /** Share of visitors in the experiment at all, 0..1. */
  traffic: number;
  variants: readonly { id: string; weight: number }[];
}

/**
 * The arm id this visitor sees, or null when they fall outside `traffic` (they then get
 * the slot's normal content and are not counted). Inclusion uses its own hash, so
 * raising traffic from 20 % to 50 % adds visitors without moving anyone between arms.
 */
export function assign(exp: BucketedExperiment, visitorId: string): string | null {
  if (exp.variants.length === 0) return null;
  if (unitHash(`${exp.id}:${visitorId}`, TRAFFIC_SEED) >= exp.traffic) return null;
  const index = pickVariant(bucket(exp.id, visitorId), exp.variants.map((v) => v.weight));
  return exp.variants[index].id;
}
