/** k-means++ clustering, silhouette scores and the choice of k, all deterministic for a seed. */
import { seededRng, type Rng } from './math/random.js';

export type Point = readonly number[];

/** z-scores per column; a constant column becomes 0 rather than NaN. */
export function standardise(rows: readonly Point[]): number[][] {
  if (rows.length === 0) return [];
  const dims = rows[0].length;
  const means = new Array<number>(dims).fill(0);
  const sds = new Array<number>(dims).fill(0);
  for (const row of rows) for (let d = 0; d < dims; d++) means[d] += row[d] / rows.length;
  for (const row of rows) for (let d = 0; d < dims; d++) sds[d] += (row[d] - means[d]) ** 2 / rows.length;
  return rows.map((row) => row.map((v, d) => (sds[d] > 0 ? (v - means[d]) / Math.sqrt(sds[d]) : 0)));
}

export interface Clustering {
  k: number;
  labels: number[];
  centroids: number[][];
  /** Sum of squared distances to the assigned centroid. */
  inertia: number;
}

/** Best of `restarts` k-means++ runs (Lloyd iterations until at most 0.01 % of labels change). */
export function kMeans(points: readonly Point[], k: number, rng: Rng, restarts = 4, maxIterations = 100): Clustering {
  let best: Clustering | undefined;
  for (let run = 0; run < restarts; run++) {
    const result = lloyd(points, seedCentroids(points, k, rng), maxIterations);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/** k-means++ seeding: each next centre drawn with probability ∝ squared distance to the nearest. */
function seedCentroids(points: readonly Point[], k: number, rng: Rng): number[][] {
  const centroids = [points[Math.floor(rng() * points.length)].slice()];
  const nearest = points.map((p) => squaredDistance(p, centroids[0]));
  while (centroids.length < k) {
    const total = nearest.reduce((s, d) => s + d, 0);
    let u = rng() * total;
    let chosen = points.length - 1;
    for (let i = 0; i < points.length; i++) {
      u -= nearest[i];
      if (u < 0) {
        chosen = i;
        break;
      }
    }
    const centre = points[chosen].slice();
    centroids.push(centre);
    for (let i = 0; i < points.length; i++) nearest[i] = Math.min(nearest[i], squaredDistance(points[i], centre));
  }
  return centroids;
}

function lloyd(points: readonly Point[], centroids: number[][], maxIterations: number): Clustering {
  const k = centroids.length;
  const dims = points[0].length;
  const labels = new Array<number>(points.length).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let moved = 0;
    for (let i = 0; i < points.length; i++) {
      const label = nearestCentroid(points[i], centroids);
      if (label !== labels[i]) {
        labels[i] = label;
        moved++;
      }
    }
    // Converged when (almost) nobody moves: one point in 10,000 changing sides alters no persona.
    if (moved <= points.length * 1e-4) break;
    const sums = Array.from({ length: k }, () => new Array<number>(dims).fill(0));
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < points.length; i++) {
      const sum = sums[labels[i]];
      const p = points[i];
      counts[labels[i]]++;
      for (let d = 0; d < dims; d++) sum[d] += p[d];
    }
    // An emptied cluster keeps its old centre rather than becoming NaN.
    centroids = centroids.map((c, j) => (counts[j] ? sums[j].map((s) => s / counts[j]) : c));
  }
  let inertia = 0;
  for (let i = 0; i < points.length; i++) inertia += squaredDistance(points[i], centroids[labels[i]]);
  return { k, labels, centroids, inertia };
}

export function nearestCentroid(point: Point, centroids: readonly Point[]): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let j = 0; j < centroids.length; j++) {
    const d = squaredDistance(point, centroids[j]);
    if (d < bestDistance) {
      best = j;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Mean silhouette width: for each point, (b − a) / max(a, b) with a the mean distance to its
 * own cluster and b to the nearest other cluster. Points alone in their cluster score 0.
 */
export function silhouette(points: readonly Point[], labels: readonly number[], k: number): number {
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      sums[labels[j]] += Math.sqrt(squaredDistance(points[i], points[j]));
      counts[labels[j]]++;
    }
    const own = labels[i];
    if (counts[own] === 0) continue;
    const a = sums[own] / counts[own];
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / points.length;
}

export interface KChoice {
  clustering: Clustering;
  /** Silhouette of each k tried (on a seeded sample of at most `sampleSize` points). */
  silhouettes: { k: number; silhouette: number }[];
}

/**
 * Clusters for k = `fixedK`, or for the k in 2..5 with the best silhouette. Large inputs
 * choose k on a seeded sample of `chooseOn` points (silhouettes on `sampleSize` of them),
 * then refine that sample's clustering on everybody.
 */
export function clusterWithBestK(points: readonly Point[], seed: number, fixedK?: number, sampleSize = 2000, chooseOn = 20_000): KChoice {
  const candidates = fixedK ? [fixedK] : [2, 3, 4, 5].filter((k) => k < points.length);
  if (candidates.length === 0) throw new Error(`clustering needs more than 2 customers (got ${points.length})`);
  const rng = seededRng(seed ^ 0x5eed);
  const subset = sampleIndices(points.length, chooseOn, rng).map((i) => points[i]);
  const scored = sampleIndices(subset.length, sampleSize, rng);
  let best: Clustering | undefined;
  let bestScore = -Infinity;
  const silhouettes: KChoice['silhouettes'] = [];
  for (const k of candidates) {
    const clustering = kMeans(subset, k, seededRng(seed + k));
    const score = silhouette(scored.map((i) => subset[i]), scored.map((i) => clustering.labels[i]), k);
    silhouettes.push({ k, silhouette: score });
    if (score > bestScore) [best, bestScore] = [clustering, score];
  }
  // Everybody else is assigned by Lloyd iterations started from the sample's centres.
  const clustering = subset.length === points.length ? best! : lloyd(points, best!.centroids, 100);
  return { clustering, silhouettes };
}

function sampleIndices(n: number, size: number, rng: Rng): number[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return indices;
  // Partial Fisher–Yates: the first `size` entries become a uniform sample.
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices.slice(0, size);
}

function squaredDistance(p: Point, q: Point): number {
  let s = 0;
  for (let d = 0; d < p.length; d++) s += (p[d] - q[d]) ** 2;
  return s;
}
