import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS, type RfmEdges } from '../shared/rfm.js';
import type { CustomerFacts } from './customer-facts.js';
import { distinctValueEdges, quintileEdges, rfmEdgesOf, rfmScores } from './rfm-scoring.js';

const customer = (recencyDays: number, transactions: number, revenue: number) => ({ recencyDays, transactions, revenue }) as CustomerFacts;

describe('quintileEdges', () => {
  it.each([
    ['1..10 evenly', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2.8, 4.6, 6.4, 8.2]],
    ['mostly one-time buyers keep their ties', [1, 1, 1, 1, 1, 1, 2, 2, 3, 9], [1, 1, 1.4, 2.2]],
    ['unsorted input', [50, 10, 40, 20, 30], [18, 26, 34, 42]],
  ])('%s', (_, values, edges) => {
    quintileEdges(values).forEach((e, i) => expect(e).toBeCloseTo(edges[i], 10));
  });

  it('puts about a fifth of distinct values in each band', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const edges = rfmEdgesOf(values.map((v) => customer(v, v, v)));
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[rfmScores(customer(v, v, v), edges).m - 1]++;
    expect(counts).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('rfmScores', () => {
  // The demo config's bands, so the expected cells can be read off DESIGN.md's table.
  const edges: RfmEdges = { recencyDays: [14, 30, 60, 120], frequency: [1, 2, 3, 5], monetary: [25, 75, 150, 400] };
  const table = [
    // recencyDays, purchase days, revenue → r, f, m, segment
    [3, 8, 900, 5, 5, 5, 'champions'],
    [20, 6, 300, 4, 5, 4, 'loyal'],
    [10, 2, 60, 5, 2, 2, 'potential-loyalists'],
    [2, 1, 30, 5, 1, 2, 'new-customers'],
    [25, 1, 20, 4, 1, 1, 'promising'],
    [45, 3, 100, 3, 3, 3, 'need-attention'],
    [50, 1, 10, 3, 1, 1, 'about-to-sleep'],
    [100, 4, 200, 2, 4, 4, 'at-risk'],
    [200, 7, 1000, 1, 5, 5, 'cant-lose-them'],
    [90, 1, 40, 2, 1, 2, 'hibernating'],
    [400, 2, 50, 1, 2, 2, 'lost'],
  ] as const;
  it.each(table)('R%s days, %s purchase days, %s spent → %s %s %s %s', (recency, transactions, revenue, r, f, m, segment) => {
    expect(rfmScores(customer(recency, transactions, revenue), edges)).toEqual({ r, f, m, segment });
  });

  it('the table above covers every named segment', () => {
    expect(new Set(table.map((row) => row[6]))).toEqual(new Set(RFM_SEGMENTS));
  });
});

describe('distinctValueEdges (frequency bands)', () => {
  const repeat = (counts: Record<number, number>) => Object.entries(counts).flatMap(([v, n]) => Array<number>(n).fill(Number(v)));
  it.each([
    ['CDNOW-like: most bought once, every band non-empty', repeat({ 1: 60, 2: 18, 3: 9, 4: 5, 5: 3, 7: 3, 12: 2 }), [1, 2, 3, 4]],
    ['evenly spread', repeat({ 1: 10, 2: 10, 3: 10, 4: 10, 5: 10, 6: 10, 7: 10, 8: 10, 9: 10, 10: 10 }), [2, 4, 6, 8]],
    ['exactly five values', repeat({ 1: 50, 2: 1, 3: 1, 4: 1, 9: 1 }), [1, 2, 3, 4]],
    ['three values: the top bands stay empty, above the largest', repeat({ 1: 8, 2: 3, 3: 1 }), [1, 2, 3, 4]],
    ['one value: everybody in F1', repeat({ 1: 5 }), [1, 2, 3, 4]],
  ])('%s', (_, values, edges) => {
    expect(distinctValueEdges(values)).toEqual(edges);
  });

  it('leaves no band empty on a skewed sample with five or more distinct values', () => {
    const values = repeat({ 1: 1411, 2: 439, 3: 199, 4: 112, 5: 70, 6: 40, 8: 40, 15: 46 });
    const edges = rfmEdgesOf(values.map((v) => customer(v, v, v))).frequency;
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[rfmScores(customer(1, v, 1), { recencyDays: [1, 2, 3, 4], frequency: edges, monetary: [1, 2, 3, 4] }).f - 1]++;
    expect(counts.every((n) => n > 0)).toBe(true);
  });
});
