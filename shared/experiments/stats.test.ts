import { seededRandom } from '../random.js';
import { describe, expect, it } from 'vitest';
import {
  chanceToBeatControl,
  chiSquarePValue,
  diffCI,
  proportionCI,
  meanVariance,
  relativeUpliftCI,
  requiredSampleSize,
  srmTest,
  twoProportionZTest,
  welchTest,
} from './stats';

/** Seeded uniform [0, 1) (mulberry32), so the simulations below give the same answer every run. */

function binomial(random: () => number, n: number, p: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (random() < p) c++;
  return c;
}

describe('twoProportionZTest', () => {
  it('matches OpenIntro Statistics 4e §6.2 (mammogram trial: 505/44,910 control vs 500/44,925): Z ≈ −0.17, p ≈ 0.87', () => {
    // The book rounds the proportions before dividing and prints Z = −0.17; unrounded it is −0.164.
    const { z, pValue } = twoProportionZTest(505, 44_910, 500, 44_925);
    expect(Math.abs(z - -0.17)).toBeLessThan(0.01);
    expect(pValue).toBeCloseTo(0.87, 2);
  });

  it('matches a worked textbook exercise (28/254 vs 36/301): |z| = 0.344, two-sided p = 0.7307', () => {
    const { z, pValue } = twoProportionZTest(28, 254, 36, 301);
    expect(z).toBeCloseTo(0.3441, 3);
    expect(pValue).toBeCloseTo(0.7307, 3);
  });

  it('gives z² equal to the Pearson chi-square of the 2×2 table, and the same p-value', () => {
    const [c1, n1, c2, n2] = [420, 5000, 495, 5100];
    const table = [
      [c1, n1 - c1],
      [c2, n2 - c2],
    ];
    const total = n1 + n2;
    const colTotals = [c1 + c2, total - c1 - c2];
    let chi2 = 0;
    table.forEach((row, i) =>
      row.forEach((o, j) => {
        const expected = ([n1, n2][i] * colTotals[j]) / total;
        chi2 += (o - expected) ** 2 / expected;
      }),
    );
    const { z, pValue } = twoProportionZTest(c1, n1, c2, n2);
    expect(z * z).toBeCloseTo(chi2, 9);
    expect(pValue).toBeCloseTo(chiSquarePValue(chi2, 1), 9);
  });

  it('is positive when the challenger converts better and says nothing without data', () => {
    expect(twoProportionZTest(100, 1000, 150, 1000).z).toBeGreaterThan(0);
    expect(twoProportionZTest(0, 0, 0, 0)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 500, 0, 500)).toEqual({ z: 0, pValue: 1 });
  });
});

describe('confidence intervals (coverage by simulation: 2,000 simulated A/B tests, seeded)', () => {
  const [p1, p2, n] = [0.1, 0.125, 3000];
  const random = seededRandom(7);
  const runs = Array.from({ length: 2000 }, () => [binomial(random, n, p1), binomial(random, n, p2)]);

  it('diffCI covers the true difference about 95 % of the time', () => {
    const covered = runs.filter(([c1, c2]) => {
      const [lo, hi] = diffCI(c1, n, c2, n);
      return lo <= p2 - p1 && p2 - p1 <= hi;
    }).length;
    expect(Math.abs(covered / runs.length - 0.95)).toBeLessThan(0.015);
  });

  it('relativeUpliftCI covers the true uplift about 95 % of the time', () => {
    const covered = runs.filter(([c1, c2]) => {
      const [lo, hi] = relativeUpliftCI(c1, n, c2, n)!;
      return lo <= p2 / p1 - 1 && p2 / p1 - 1 <= hi;
    }).length;
    expect(Math.abs(covered / runs.length - 0.95)).toBeLessThan(0.015);
  });

  it('proportionCI (Wilson) covers one arm\'s true rate about 95 % of the time', () => {
    const covered = runs.filter(([c1]) => {
      const [lo, hi] = proportionCI(c1, n);
      return lo <= p1 && p1 <= hi;
    }).length;
    expect(Math.abs(covered / runs.length - 0.95)).toBeLessThan(0.015);
  });

  it('proportionCI with no conversions runs from 0 to z²/(n + z²), the closed form of Wilson at 0', () => {
    const z2 = 1.959963984540054 ** 2;
    const [lo, hi] = proportionCI(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(z2 / (10 + z2), 12);
    expect(proportionCI(0, 0)).toEqual([0, 1]);
  });

  it('a 99 % interval is wider than a 95 % one', () => {
    const [lo95, hi95] = diffCI(300, n, 375, n);
    const [lo99, hi99] = diffCI(300, n, 375, n, 0.99);
    expect(lo99).toBeLessThan(lo95);
    expect(hi99).toBeGreaterThan(hi95);
  });

  it('the uplift interval holds the estimate, leans to the upside as a ratio does, and is null with zero conversions', () => {
    const [lo, hi] = relativeUpliftCI(300, n, 375, n)!;
    expect(lo).toBeLessThan(0.25);
    expect(hi).toBeGreaterThan(0.25);
    expect(hi - 0.25).toBeGreaterThan(0.25 - lo);
    expect(relativeUpliftCI(0, n, 10, n)).toBeNull();
    expect(relativeUpliftCI(10, n, 0, n)).toBeNull();
  });
});

describe('chanceToBeatControl', () => {
  it('is 2/3 for one success in one trial against no data (E[Beta(2,1)] = 2/3, analytically)', () => {
    expect(chanceToBeatControl(0, 0, 1, 1)).toBeCloseTo(2 / 3, 12);
  });

  it('is 0.5 for identical arms and complements when the arms swap', () => {
    expect(chanceToBeatControl(40, 400, 40, 400)).toBeCloseTo(0.5, 10);
    const ab = chanceToBeatControl(40, 400, 52, 410);
    expect(ab + chanceToBeatControl(52, 410, 40, 400)).toBeCloseTo(1, 10);
  });

  it('agrees with a Monte Carlo of the two Beta posteriors (200,000 draws, seeded)', () => {
    // Beta(a, b) with integer a, b is G_a / (G_a + G_b), G_k a sum of k unit exponentials:
    // no arrays, no sorting, so 200,000 draws stay well inside the test's time even on a busy machine.
    const random = seededRandom(42);
    const gamma = (k: number) => {
      let g = 0;
      for (let i = 0; i < k; i++) g -= Math.log(1 - random());
      return g;
    };
    const drawBeta = (a: number, b: number) => {
      const ga = gamma(a);
      return ga / (ga + gamma(b));
    };
    const [cA, nA, cB, nB] = [3, 10, 6, 12];
    let wins = 0;
    const draws = 200_000;
    for (let i = 0; i < draws; i++) if (drawBeta(1 + cB, 1 + nB - cB) > drawBeta(1 + cA, 1 + nA - cA)) wins++;
    expect(Math.abs(chanceToBeatControl(cA, nA, cB, nB) - wins / draws)).toBeLessThan(0.005);
  });

  it('changes smoothly where very large counts switch from the exact sum to the normal approximation', () => {
    const exact = chanceToBeatControl(19_990, 100_000, 20_300, 100_000);
    const approx = chanceToBeatControl(20_010, 100_000, 20_320, 100_000);
    expect(Math.abs(exact - approx)).toBeLessThan(0.01);
    expect(exact).toBeGreaterThan(0.9);
  });
});

describe('welchTest', () => {
  const fromValues = (xs: number[]) =>
    meanVariance(
      xs.length,
      xs.reduce((a, x) => a + x, 0),
      xs.reduce((a, x) => a + x * x, 0),
    );

  it("matches R's t.test (Welch) on ts1/ts2: t = −1.8325, df = 17.9, p = 0.08356", () => {
    // R output quoted on Cross Validated for t.test(ts1, ts2) with these ten values each.
    const ts1 = fromValues([11, 9, 10, 11, 10, 12, 9, 11, 12, 9]);
    const ts2 = fromValues([11, 13, 10, 13, 12, 9, 11, 12, 12, 11]);
    const { t, df, pValue } = welchTest(ts2.mean, ts2.variance, 10, ts1.mean, ts1.variance, 10);
    expect(t).toBeCloseTo(-1.8325, 4);
    expect(df).toBeCloseTo(17.9, 1);
    expect(pValue).toBeCloseTo(0.08356, 5);
  });

  it('matches a textbook exercise from summary statistics (n=20, 100±15 vs 95±20): t ≈ 0.895, df ≈ 35.2', () => {
    const { t, df } = welchTest(95, 20 ** 2, 20, 100, 15 ** 2, 20);
    expect(t).toBeCloseTo(0.894, 2);
    expect(df).toBeCloseTo(35.2, 1);
  });

  it('says nothing (p = 1) with fewer than two visitors per arm or no variance', () => {
    expect(welchTest(1, 1, 1, 2, 1, 1).pValue).toBe(1);
    expect(welchTest(0, 0, 100, 0, 0, 100).pValue).toBe(1);
  });

  it('meanVariance from running sums equals the two-pass sample variance', () => {
    const xs = [0, 0, 0, 49.9, 0, 120, 0, 15.5];
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    const twoPass = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
    const fromSums = fromValues(xs);
    expect(fromSums.mean).toBeCloseTo(mean, 12);
    expect(fromSums.variance).toBeCloseTo(twoPass, 9);
    expect(meanVariance(0, 0, 0)).toEqual({ mean: 0, variance: 0 });
  });
});

describe('srmTest', () => {
  it('matches the SciPy chisquare docs example [16, 18, 16, 14, 12, 12]: χ² = 2.0, p = 0.8491', () => {
    const r = srmTest([16, 18, 16, 14, 12, 12], [1, 1, 1, 1, 1, 1]);
    expect(r.chi2).toBeCloseTo(2, 12);
    expect(r.pValue).toBeCloseTo(0.849145036, 8);
    expect(r.ok).toBe(true);
  });

  it("matches Mendel's peas (315/108/101/32 against 9:3:3:1): χ² = 0.470, p = 0.925", () => {
    const r = srmTest([315, 108, 101, 32], [9, 3, 3, 1]);
    expect(r.chi2).toBeCloseTo(0.47, 3);
    expect(r.pValue).toBeCloseTo(0.925, 3);
  });

  it('flags 5,230 vs 4,770 on a planned 50/50 split (χ² = 21.16)', () => {
    const r = srmTest([5230, 4770], [0.5, 0.5]);
    expect(r.chi2).toBeCloseTo(21.16, 2);
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.ok).toBe(false);
  });

  it('leaves out arms planned at weight 0 and is ok with no visitors yet', () => {
    expect(srmTest([500, 500, 0], [1, 1, 0]).chi2).toBe(0);
    expect(srmTest([0, 0], [1, 1])).toEqual({ chi2: 0, pValue: 1, ok: true });
  });
});

describe('requiredSampleSize', () => {
  it.each([
    // From the examples in R's stats/man/power.prop.test.Rd.
    { base: 0.5, mde: 0.5, alpha: 0.05, power: 0.9, n: 77 }, // p2 = .75 ⇒ n = 76.7
    { base: 0.5, mde: 0.002, alpha: 0.001, power: 0.9, n: 10_451_937 }, // p2 = .501 ⇒ n = 10451937
  ])("matches R's power.prop.test: $base → ×(1+$mde) needs $n per arm", ({ base, mde, alpha, power, n }) => {
    expect(requiredSampleSize(base, mde, alpha, power)).toBe(n);
  });

  it('needs about four times the visitors to detect half the lift, and more for a rarer baseline', () => {
    const n10 = requiredSampleSize(0.03, 0.1);
    const n5 = requiredSampleSize(0.03, 0.05);
    expect(n5 / n10).toBeGreaterThan(3.8);
    expect(n5 / n10).toBeLessThan(4.2);
    expect(requiredSampleSize(0.01, 0.1)).toBeGreaterThan(n10);
  });

  it('gives a planned experiment the power it promised (simulated: 80 % ± 3 %)', () => {
    const [base, mde] = [0.1, 0.2];
    const n = requiredSampleSize(base, mde);
    const random = seededRandom(3);
    const trials = 1000;
    let significant = 0;
    for (let i = 0; i < trials; i++) {
      if (twoProportionZTest(binomial(random, n, base), n, binomial(random, n, base * (1 + mde)), n).pValue < 0.05) significant++;
    }
    expect(Math.abs(significant / trials - 0.8)).toBeLessThan(0.03);
  });

  it('is unreachable (Infinity) for no effect or rates outside (0, 1)', () => {
    expect(requiredSampleSize(0.1, 0)).toBe(Infinity);
    expect(requiredSampleSize(0, 0.1)).toBe(Infinity);
    expect(requiredSampleSize(0.6, 1)).toBe(Infinity);
  });
});
