import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS, type RfmEdges } from '../shared/rfm.js';
import type { CustomerFacts } from './customerFacts.js';
import { quintileEdges, rfmEdgesOf, rfmScores } from './rfmScoring.js';

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
