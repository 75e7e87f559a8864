import { describe, expect, it } from 'vitest';
import { assign, bucket, pickVariant } from './bucket';
import { chiSquarePValue } from './stats';

const ids = Array.from({ length: 100_000 }, (_, i) => `visitor-${i}`);

/** Pearson chi-square of counts against equal expected counts. */
function uniformityPValue(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  const chi2 = counts.reduce((a, o) => a + (o - expected) ** 2 / expected, 0);
  return chiSquarePValue(chi2, counts.length - 1);
}

describe('bucket', () => {
  it('spreads 100,000 sequential visitor ids evenly over 10 buckets (chi-square p > 0.001)', () => {
    const counts = new Array(10).fill(0);
    for (const id of ids) counts[Math.floor(bucket('hero-test', id) * 10)]++;
    expect(uniformityPValue(counts)).toBeGreaterThan(0.001);
  });

  it('stays in [0, 1) and gives the same number for the same visitor every time', () => {
    for (const id of ids.slice(0, 1000)) {
      const u = bucket('hero-test', id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(bucket('hero-test', id)).toBe(u);
    }
  });

  it('is the same number a fixed implementation gives, so SDK and edge never drift', () => {
    // Pinned: changing these values would move live visitors between arms. The numbers were
    // checked against an independent Python FNV-1a + fmix32 of the same strings.
    expect([bucket('exp', 'a'), bucket('exp', 'b'), bucket('', '')]).toMatchInlineSnapshot(`
      [
        0.474538158159703,
        0.22182617126964033,
        0.28190421988256276,
      ]
    `);
  });
});

describe('pickVariant', () => {
  it.each([
    [0, [1, 1], 0],
    [0.4999, [1, 1], 0],
    [0.5, [1, 1], 1],
    [0.19, [20, 80], 0],
    [0.2, [0.2, 0.8], 1],
    [0.9999999999, [1, 1, 1], 2],
    [0.5, [0, 1], 1],
    [0.5, [1, 0], 0],
    [0.99999999999999, [1, 0], 0],
    [0.7, [0, 0], 1],
  ])('u=%s with weights %j picks arm %s', (u, weights, expected) => {
    expect(pickVariant(u, weights)).toBe(expected);
  });
});

describe('assign', () => {
  const experiment = {
    id: 'hero-quotes',
    traffic: 1,
    variants: [
      { id: 'control', weight: 0.2 },
      { id: 'quotes', weight: 0.3 },
      { id: 'photos', weight: 0.5 },
    ],
  };

  it('respects the weights within one percentage point', () => {
    const counts: Record<string, number> = { control: 0, quotes: 0, photos: 0 };
    for (const id of ids) counts[assign(experiment, id)!]++;
    expect(Math.abs(counts.control / ids.length - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(counts.quotes / ids.length - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(counts.photos / ids.length - 0.5)).toBeLessThan(0.01);
  });

  it('keeps a visitor in the same arm on every call', () => {
    for (const id of ids.slice(0, 1000)) expect(assign(experiment, id)).toBe(assign(experiment, id));
  });

  it('includes about `traffic` of visitors and returns null for the rest', () => {
    const included = ids.filter((id) => assign({ ...experiment, traffic: 0.3 }, id) !== null).length;
    expect(Math.abs(included / ids.length - 0.3)).toBeLessThan(0.01);
    expect(ids.slice(0, 1000).every((id) => assign({ ...experiment, traffic: 0 }, id) === null)).toBe(true);
  });

  it('does not move anyone between arms when traffic is raised', () => {
    const before = ids.slice(0, 20_000).map((id) => assign({ ...experiment, traffic: 0.2 }, id));
    const after = ids.slice(0, 20_000).map((id) => assign({ ...experiment, traffic: 0.6 }, id));
    before.forEach((arm, i) => {
      if (arm !== null) expect(after[i]).toBe(arm);
    });
    expect(after.filter((a) => a !== null).length).toBeGreaterThan(before.filter((a) => a !== null).length * 2.5);
  });

  it('keeps the arms equally split among the visitors traffic lets in', () => {
    const half = { id: 'x', traffic: 0.5, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }] };
    const arms = ids.map((id) => assign(half, id)).filter((a) => a !== null);
    const a = arms.filter((arm) => arm === 'a').length;
    expect(uniformityPValue([a, arms.length - a])).toBeGreaterThan(0.001);
  });

  it('gives arms in one experiment that do not predict the arm in another (contingency chi-square)', () => {
    const expA = { id: 'exp-a', traffic: 1, variants: [1, 2, 3].map((i) => ({ id: `a${i}`, weight: 1 })) };
    const expB = { id: 'exp-b', traffic: 1, variants: [1, 2, 3, 4].map((i) => ({ id: `b${i}`, weight: 1 })) };
    const table = [0, 1, 2].map(() => [0, 0, 0, 0]);
    for (const id of ids) {
      const a = Number(assign(expA, id)!.slice(1)) - 1;
      const b = Number(assign(expB, id)!.slice(1)) - 1;
      table[a][b]++;
    }
    const rows = table.map((r) => r.reduce((x, y) => x + y, 0));
    const cols = table[0].map((_, j) => table.reduce((x, r) => x + r[j], 0));
    let chi2 = 0;
    table.forEach((r, i) =>
      r.forEach((o, j) => {
        const expected = (rows[i] * cols[j]) / ids.length;
        chi2 += (o - expected) ** 2 / expected;
      }),
    );
    expect(chiSquarePValue(chi2, 2 * 3)).toBeGreaterThan(0.001);
  });
});
