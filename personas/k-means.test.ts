import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './adjusted-rand.js';
import { clusterWithBestK, kMeans, silhouette, standardise } from './k-means.js';
import { normal, seededRng } from './math/random.js';

/** `perGroup` points around each centre, with unit spread. */
function blobs(centres: number[][], perGroup: number, seed: number) {
  const rng = seededRng(seed);
  const points: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, g) => {
    for (let i = 0; i < perGroup; i++) {
      points.push(c.map((v) => normal(rng, v, 1)));
      truth.push(g);
    }
  });
  return { points, truth };
}

const FOUR = [
  [0, 0, 0],
  [6, 0, 0],
  [0, 6, 0],
  [0, 0, 6],
];

describe('standardise', () => {
  it('gives each column mean 0 and standard deviation 1, and a constant column 0', () => {
    const z = standardise([
      [1, 10, 5],
      [3, 20, 5],
      [5, 60, 5],
    ]);
    for (const d of [0, 1]) {
      const column = z.map((r) => r[d]);
      expect(column.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
      expect(column.reduce((s, v) => s + v * v, 0) / 3).toBeCloseTo(1, 12);
    }
    expect(z.map((r) => r[2])).toEqual([0, 0, 0]);
  });
});

describe('kMeans', () => {
  it('recovers four planted groups (adjusted Rand index above 0.95)', () => {
    const { points, truth } = blobs(FOUR, 150, 3);
    const { labels } = kMeans(points, 4, seededRng(1));
    expect(adjustedRandIndex(labels, truth)).toBeGreaterThan(0.95);
  });

  it('gives the same answer for the same seed', () => {
    const { points } = blobs(FOUR, 50, 4);
    expect(kMeans(points, 3, seededRng(9)).labels).toEqual(kMeans(points, 3, seededRng(9)).labels);
  });
});

describe('silhouette', () => {
  it('is near 1 for well-separated clusters and near 0 for a random split', () => {
    const { points, truth } = blobs([[0, 0], [50, 50]], 40, 5);
    expect(silhouette(points, truth, 2)).toBeGreaterThan(0.9);
    const random = truth.map((_, i) => i % 2);
    expect(Math.abs(silhouette(points, random, 2))).toBeLessThan(0.1);
  });
});

describe('clusterWithBestK', () => {
  it.each([2, 3, 4, 5])('chooses k = %i when that many groups are planted', (k) => {
    const { points, truth } = blobs(FOUR.concat([[6, 6, 6]]).slice(0, k), 120, 10 + k);
    const { clustering, silhouettes } = clusterWithBestK(points, 7);
    expect(clustering.k).toBe(k);
    expect(silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5]);
    expect(adjustedRandIndex(clustering.labels, truth)).toBeGreaterThan(0.9);
  });

  it('uses the k it is given', () => {
    const { points } = blobs(FOUR, 60, 2);
    expect(clusterWithBestK(points, 1, 3).clustering.k).toBe(3);
  });
});
