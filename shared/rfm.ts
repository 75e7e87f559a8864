/**
 * RFM scoring and the named RFM segments. One implementation for the edge (scores from
 * the site's configured band edges) and the persona builder (edges from quintiles).
 *
 * Band edges are the inclusive upper bounds of the lower four bands, ascending:
 * frequency edges [1,2,3,5] give 1 order → F1, 2 → F2, 3 → F3, 4–5 → F4, 6+ → F5.
 * For recency fewer days is better, so the first band (≤ edges[0] days) scores 5.
 */

export type Edges = readonly [number, number, number, number];
export type Score = 1 | 2 | 3 | 4 | 5;

export interface RfmEdges {
  recencyDays: Edges;
  frequency: Edges;
  monetary: Edges;
}

export const DEFAULT_RFM_EDGES: RfmEdges = {
  recencyDays: [14, 30, 60, 120],
  frequency: [1, 2, 3, 5],
  monetary: [25, 75, 150, 400],
};

export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential-loyalists',
  'new-customers',
  'promising',
  'need-attention',
  'about-to-sleep',
  'at-risk',
  'cant-lose-them',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** Band (1–5) of `value` where a higher value is better. */
export function bandScore(value: number, edges: Edges): Score {
  let band = 1;
  for (const edge of edges) if (value > edge) band++;
  return band as Score;
}

export function recencyScore(days: number, edges: Edges): Score {
  return (6 - bandScore(days, edges)) as Score;
}

/**
 * The R×F grid behind the usual eleven named segments (the grid most RFM tools print).
 * Monetary value is scored and reported but does not move a customer between names:
 * a single large order is still a new customer, not a champion.
 */
export function rfmSegment(r: Score, f: Score): RfmSegment {
  if (r >= 4) {
    if (f >= 4) return r === 5 ? 'champions' : 'loyal';
    if (f >= 2) return 'potential-loyalists';
    return r === 5 ? 'new-customers' : 'promising';
  }
  if (r === 3) {
    if (f >= 4) return 'loyal';
    if (f === 3) return 'need-attention';
    return 'about-to-sleep';
  }
  // r is 1 or 2: the customer has gone quiet.
  if (f === 5) return 'cant-lose-them';
  if (f >= 3) return 'at-risk';
  return r === 2 ? 'hibernating' : 'lost';
}

export interface ClvSettings {
  /** How far ahead the estimate looks, in months. */
  horizonMonths: number;
  /** Share of revenue that is profit. */
  margin: number;
}

export const DEFAULT_CLV: ClvSettings = { horizonMonths: 12, margin: 0.3 };

export interface PurchaseFacts {
  count: number;
  revenue: number;
  /** ms timestamps of the first and last purchase. */
  first?: number;
  last?: number;
}

export interface Rfm {
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: Score;
  f: Score;
  m: Score;
  segment: RfmSegment;
  /** Average order value × purchases per month × horizon × margin. */
  clv: number;
}

const DAY = 86_400_000;
const MONTH_DAYS = 30.44;

/** RFM cell and lifetime value; null for a visitor who never bought. */
export function scoreRfm(
  purchases: PurchaseFacts | undefined,
  now: number,
  edges: RfmEdges = DEFAULT_RFM_EDGES,
  clv: ClvSettings = DEFAULT_CLV,
): Rfm | null {
  if (!purchases || purchases.count <= 0) return null;
  const last = purchases.last ?? now;
  const first = purchases.first ?? last;
  const recencyDays = Math.max(0, Math.floor((now - last) / DAY));
  const r = recencyScore(recencyDays, edges.recencyDays);
  const f = bandScore(purchases.count, edges.frequency);
  const m = bandScore(purchases.revenue, edges.monetary);
  // A purchase rate needs a span; a customer seen for less than a month counts as one month.
  const months = Math.max(1, (now - first) / DAY / MONTH_DAYS);
  const aov = purchases.revenue / purchases.count;
  const perMonth = purchases.count / months;
  const value = aov * perMonth * clv.horizonMonths * clv.margin;
  return {
    recencyDays,
    frequency: purchases.count,
    monetary: round2(purchases.revenue),
    r,
    f,
    m,
    segment: rfmSegment(r, f),
    clv: round2(value),
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
