/** The numbers that describe one group of customers, and the same for everybody as a yardstick. */
import type { RfmSegment } from '../shared/rfm.js';
import { quantile, sortedCopy } from './math/stats.js';
import type { ScoredCustomer } from './scored-customer.js';

export interface Share {
  name: string;
  share: number;
}

export interface GroupStats {
  size: number;
  revenue: number;
  predictedValue: number;
  median: { recencyDays: number; transactions: number; revenue: number; clv: number; basket: number; pAlive: number };
  /** Median of the members' median days between orders, over members who bought twice or more. */
  medianGapDays: number | null;
  repeatShare: number;
  /** Share of members with P(alive) below 0.5. */
  likelyGoneShare: number;
  /** Mean P(alive): the share of members expected to be still active. */
  meanPAlive: number;
  /** Share of members whose average order is below the site's free-shipping threshold; null without one. */
  belowFreeShippingShare: number | null;
  basketQuartiles: [number, number, number];
  categories: Share[];
  channels: Share[];
  segments: Partial<Record<RfmSegment, number>>;
}

export function groupStats(
  members: readonly ScoredCustomer[],
  categories: readonly string[],
  channels: readonly string[],
  freeShippingAbove?: number,
): GroupStats {
  const sorted = (pick: (c: ScoredCustomer) => number) => sortedCopy(members.map(pick));
  const med = (pick: (c: ScoredCustomer) => number) => quantile(sorted(pick), 0.5);
  const baskets = sorted((c) => c.facts.averageBasket);
  const gaps = members.flatMap((c) => (c.facts.medianGapDays === null ? [] : [c.facts.medianGapDays]));
  const segments: Partial<Record<RfmSegment, number>> = {};
  for (const c of members) segments[c.rfm.segment] = (segments[c.rfm.segment] ?? 0) + 1;
  return {
    size: members.length,
    revenue: members.reduce((s, c) => s + c.facts.revenue, 0),
    predictedValue: members.reduce((s, c) => s + c.value.clv, 0),
    median: {
      recencyDays: med((c) => c.facts.recencyDays),
      transactions: med((c) => c.facts.transactions),
      revenue: med((c) => c.facts.revenue),
      clv: med((c) => c.value.clv),
      basket: quantile(baskets, 0.5),
      pAlive: med((c) => c.value.pAlive),
    },
    medianGapDays: gaps.length ? quantile(sortedCopy(gaps), 0.5) : null,
    repeatShare: gaps.length / Math.max(1, members.length),
    likelyGoneShare: members.filter((c) => c.value.pAlive < 0.5).length / Math.max(1, members.length),
    meanPAlive: members.reduce((s, c) => s + c.value.pAlive, 0) / Math.max(1, members.length),
    belowFreeShippingShare:
      freeShippingAbove === undefined ? null : members.filter((c) => c.facts.averageBasket < freeShippingAbove).length / Math.max(1, members.length),
    basketQuartiles: [quantile(baskets, 0.25), quantile(baskets, 0.5), quantile(baskets, 0.75)],
    categories: meanShares(members.map((c) => c.facts.categoryShares), categories),
    channels: meanShares(members.map((c) => c.facts.channelShares), channels),
    segments,
  };
}

/** Average of the members' shares, largest first; labels nobody has are left out. */
function meanShares(rows: readonly number[][], names: readonly string[]): Share[] {
  const totals = names.map((_, i) => rows.reduce((s, r) => s + (r[i] ?? 0), 0) / Math.max(1, rows.length));
  return names
    .map((name, i) => ({ name, share: totals[i] }))
    .filter((s) => s.share > 0)
    .sort((a, b) => b.share - a.share);
}
