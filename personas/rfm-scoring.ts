/**
 * RFM scores from the data's own quintiles (frequency: its distinct values) (or the site's configured band edges), through
 * the same band and segment functions the edge uses.
 */
import { bandScore, recencyScore, rfmSegment, type Edges, type RfmEdges, type RfmSegment, type Score } from '../shared/rfm.js';
import type { CustomerFacts } from './customer-facts.js';
import { quantile, sortedCopy } from './math/stats.js';

/** Upper bounds of the lower four quintile bands (ties stay: [1, 1, 1, 2] is a real split). */
export function quintileEdges(values: readonly number[]): Edges {
  const sorted = sortedCopy(values);
  return [0.2, 0.4, 0.6, 0.8].map((q) => quantile(sorted, q)) as unknown as Edges;
}

/**
 * Edges at the data's own distinct values, as close to the quintiles as they allow, every
 * band non-empty while there are five distinct values or more. For purchase counts, where
 * most customers bought once, quintiles collide ([1, 1, 1, 2]) and leave F2 and F3 empty.
 * With fewer distinct values the top bands stay empty, above the largest value.
 */
export function distinctValueEdges(values: readonly number[]): Edges {
  const sorted = sortedCopy(values);
  const distinct: number[] = [];
  const atOrBelow: number[] = [];
  sorted.forEach((v, i) => {
    if (i === sorted.length - 1 || sorted[i + 1] !== v) {
      distinct.push(v);
      atOrBelow.push((i + 1) / sorted.length);
    }
  });
  const edges: number[] = [];
  // The largest value can be no edge: the top band would be empty.
  const usable = distinct.length - 1;
  let next = 0;
  for (let band = 1; band <= 4 && next < usable; band++) {
    // Leave one distinct value for each edge still to place.
    const last = Math.max(next, usable - 1 - (4 - band));
    let best = next;
    for (let i = next + 1; i <= last; i++) if (Math.abs(atOrBelow[i] - band / 5) < Math.abs(atOrBelow[best] - band / 5)) best = i;
    edges.push(distinct[best]);
    next = best + 1;
  }
  const top = distinct[distinct.length - 1] ?? 0;
  // The band above the last edge takes the largest value; the ones above it stay empty.
  while (edges.length < 4) edges.push(edges.length === 0 || edges[edges.length - 1] < top ? top : edges[edges.length - 1] + 1);
  return edges as unknown as Edges;
}

export function rfmEdgesOf(customers: readonly CustomerFacts[]): RfmEdges {
  return {
    recencyDays: quintileEdges(customers.map((c) => c.recencyDays)),
    frequency: distinctValueEdges(customers.map((c) => c.transactions)),
    monetary: quintileEdges(customers.map((c) => c.revenue)),
  };
}

export interface RfmScores {
  r: Score;
  f: Score;
  m: Score;
  segment: RfmSegment;
}

export function rfmScores(customer: CustomerFacts, edges: RfmEdges): RfmScores {
  const r = recencyScore(customer.recencyDays, edges.recencyDays);
  const f = bandScore(customer.transactions, edges.frequency);
  return { r, f, m: bandScore(customer.revenue, edges.monetary), segment: rfmSegment(r, f) };
}
