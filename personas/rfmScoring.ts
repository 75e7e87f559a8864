/**
 * RFM scores from the data's own quintiles (or the site's configured band edges), through
 * the same band and segment functions the edge uses.
 */
import { bandScore, recencyScore, rfmSegment, type Edges, type RfmEdges, type RfmSegment, type Score } from '../shared/rfm.js';
import type { CustomerFacts } from './customerFacts.js';
import { quantile, sortedCopy } from './math/stats.js';

/** Upper bounds of the lower four quintile bands (ties stay: [1, 1, 1, 2] is a real split). */
export function quintileEdges(values: readonly number[]): Edges {
  const sorted = sortedCopy(values);
  return [0.2, 0.4, 0.6, 0.8].map((q) => quantile(sorted, q)) as unknown as Edges;
}

export function rfmEdgesOf(customers: readonly CustomerFacts[]): RfmEdges {
  return {
    recencyDays: quintileEdges(customers.map((c) => c.recencyDays)),
    frequency: quintileEdges(customers.map((c) => c.transactions)),
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
