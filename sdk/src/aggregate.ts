import type { Profile } from '../../shared/schema/profile.js';

/**
 * Running totals over the event log. Folding events one at a time is what lets old events
 * leave the log (compaction) without changing the summary: the aggregate already holds
 * everything they contributed. The folding itself is in summary.ts, which loads lazily.
 */
export interface Aggregate extends Required<Pick<Profile, 'sessions' | 'pageviews' | 'categories' | 'viewed' | 'carted' | 'purchased'>> {
  firstSeen?: number;
  purchases: { count: number; revenue: number; first?: number; last?: number };
  cart: { items: number; value: number; updated?: number };
  /** Last event time, for session breaks. */
  lastTs?: number;
  /** Sum, count and maximum of viewed prices. */
  priceSum: number;
  priceCount: number;
  maxPrice?: number;
}

export function emptyAggregate(): Aggregate {
  return {
    sessions: 0,
    pageviews: 0,
    purchases: { count: 0, revenue: 0 },
    categories: {},
    viewed: [],
    carted: [],
    purchased: [],
    cart: { items: 0, value: 0 },
    priceSum: 0,
    priceCount: 0,
  };
}
