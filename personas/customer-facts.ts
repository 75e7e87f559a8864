/**
 * What one customer's history says, under the conventions of the published CDNOW examples:
 * a transaction is a purchase day (same-day rows already summed), frequency x counts repeat
 * transactions, t_x and T run from the first purchase to the last one and to the end of the
 * period, in the chosen unit.
 */
import type { RepeatHistory } from './bgnbd.js';
import type { CustomerHistory } from './customer-ledger.js';
import { median } from './math/stats.js';

export type TimeUnit = 'day' | 'week';
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7 };

export interface CustomerFacts {
  customerId: string;
  firstDay: number;
  lastDay: number;
  /** Purchase days (the RFM frequency): repeat transactions + 1. */
  transactions: number;
  /** Total spend (the RFM monetary value). */
  revenue: number;
  averageBasket: number;
  recencyDays: number;
  /** Median days between consecutive purchase days; null with a single purchase. */
  medianGapDays: number | null;
  repeat: RepeatHistory;
  /** Mean value of the repeat transactions (first purchase excluded); 0 without any. */
  repeatMeanValue: number;
  /** Share of the customer's order lines per category / channel (zeros without labels). */
  categoryShares: number[];
  channelShares: number[];
}

export function customerFacts(history: CustomerHistory, untilDay: number, unit: TimeUnit): CustomerFacts {
  const { days, amounts } = history;
  const firstDay = days[0];
  const lastDay = days[days.length - 1];
  const revenue = sum(amounts);
  const x = days.length - 1;
  const gaps = days.slice(1).map((d, i) => d - days[i]);
  return {
    customerId: history.customerId,
    firstDay,
    lastDay,
    transactions: days.length,
    revenue,
    averageBasket: revenue / days.length,
    recencyDays: untilDay - lastDay,
    medianGapDays: gaps.length ? median(gaps) : null,
    repeat: { x, tx: (lastDay - firstDay) / UNIT_DAYS[unit], T: (untilDay - firstDay) / UNIT_DAYS[unit] },
    repeatMeanValue: x > 0 ? (revenue - amounts[0]) / x : 0,
    categoryShares: shares(history.categoryLines),
    channelShares: shares(history.channelLines),
  };
}

/** Index of the largest count, or -1 when there is none. */
export function favourite(shares: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < shares.length; i++) if (shares[i] > 0 && (best < 0 || shares[i] > shares[best])) best = i;
  return best;
}

function shares(counts: readonly number[]): number[] {
  const total = sum(counts);
  return counts.map((c) => (total ? c / total : 0));
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
