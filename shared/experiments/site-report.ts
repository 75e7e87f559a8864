/**
 * The site report's model: which period is compared with which, and which segment changes
 * are unlikely to be chance. Pure; the route reads the counts and renders the page.
 */
import type { PathRow, SegmentFunnel } from './funnel';
import { comparePeriods, type ExperimentReport, type PeriodComparison, type PeriodTotals } from './report';
import type { TrendSeries } from './trend';

export const PERIOD_DAYS = [7, 28, 90] as const;
/**
 * "Since a date" compares the days since then with as many days before. The edge keeps
 * visits for 396 days, so both stretches fit only if the date is at most 198 days back.
 */
export const MAX_SINCE_DAYS = 198;
/** Below these counts the z-test's normal approximation is not trusted: no mark at all. */
export const MIN_VISITORS = 30;
export const MIN_CONVERSIONS = 10;
export const FAMILY_ALPHA = 0.05;

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface DayRange {
  from: string;
  to: string;
}

export interface ReportPeriod {
  /** How it was asked for: `days=28` or `since=2025-01-15`. */
  choice: { days: (typeof PERIOD_DAYS)[number] } | { since: string };
  /** Length of each stretch, in days (today included in the current one). */
  days: number;
  current: DayRange;
  previous: DayRange;
}

export interface Issue {
  path: (string | number)[];
  message: string;
}

/** The period from `?days=` or `?since=` (7 days when neither), or what is wrong with them. */
export function reportPeriod(query: { days?: string; since?: string }, now: number): ReportPeriod | { issues: Issue[] } {
  const today = Date.parse(isoDay(now));
  if (query.days !== undefined && query.since !== undefined) {
    return { issues: [{ path: ['since'], message: 'give days or since, not both' }] };
  }
  if (query.since !== undefined) {
    const start = /^\d{4}-\d{2}-\d{2}$/.test(query.since) ? Date.parse(query.since) : NaN;
    if (!Number.isFinite(start) || isoDay(start) !== query.since) {
      return { issues: [{ path: ['since'], message: `"${query.since}" is not a date; use YYYY-MM-DD` }] };
    }
    const days = Math.round((today - start) / DAY) + 1;
    if (days < 1) return { issues: [{ path: ['since'], message: `${query.since} is in the future` }] };
    if (days > MAX_SINCE_DAYS) {
      return {
        issues: [{ path: ['since'], message: `since can be at most ${MAX_SINCE_DAYS} days ago: the as-long stretch before it must lie within the 396 days of visits kept` }],
      };
    }
    return { choice: { since: query.since }, ...ranges(today, days) };
  }
  const days = query.days === undefined ? 7 : Number(query.days);
  if (!(PERIOD_DAYS as readonly number[]).includes(days)) {
    return { issues: [{ path: ['days'], message: `days must be ${PERIOD_DAYS.join(', ')} (or use since=YYYY-MM-DD)` }] };
  }
  return { choice: { days: days as (typeof PERIOD_DAYS)[number] }, ...ranges(today, days) };
}

function ranges(today: number, days: number): Omit<ReportPeriod, 'choice'> {
  return {
    days,
    current: { from: isoDay(today - (days - 1) * DAY), to: isoDay(today) },
    previous: { from: isoDay(today - (2 * days - 1) * DAY), to: isoDay(today - days * DAY) },
  };
}

export interface SegmentPeriodRow {
  segment: string;
  current: PeriodTotals;
  previous: PeriodTotals;
  comparison: PeriodComparison;
}

/** Whether a change is unlikely to be chance, after the correction for comparing many segments. */
export interface ChangeMark {
  /** Holm-adjusted p-value; null when there was too little data to test. */
  adjustedP: number | null;
  meaningful: boolean;
}

export interface MarkedSegmentRow extends SegmentPeriodRow {
  /** The segment's name in the config ('*' is everyone). */
  name?: string;
  conversion: ChangeMark;
  revenue: ChangeMark;
}

export interface SiteReport {
  site: string;
  configVersion: string;
  period: ReportPeriod;
  /** Length of each stretch in days (kept for readers of the earlier report). */
  days: number;
  /** The tests behind the marks, in words. */
  method: string;
  segments: MarkedSegmentRow[];
  /** view_item → add_to_cart → begin_checkout → purchase per segment, this period and the one before. */
  funnel: SegmentFunnel[];
  /** Per segment, the most viewed products and categories and what was viewed next (this period). */
  paths: PathRow[];
  /** How paths were counted, in words. */
  pathMethod: string;
  /** Visitors and conversion per day and segment over this period. */
  trend: TrendSeries[];
  experiments: ExperimentReport[];
}

export const METHOD =
  'A change is marked only when it is unlikely to be chance: conversion rate by a two-proportion z-test, ' +
  "revenue per visitor by Welch's t-test, each p < 0.05 after Holm's correction for the number of segments compared; " +
  `segments with fewer than ${MIN_VISITORS} visitors in a period or ${MIN_CONVERSIONS} conversions in both together are not tested.`;

/**
 * Each row with its marks. Holm's step-down correction keeps the chance of marking any
 * chance change at all at 5 % across the segments, without Bonferroni's loss of power.
 */
export function markChanges(rows: readonly SegmentPeriodRow[], names: ReadonlyMap<string, string> = new Map()): MarkedSegmentRow[] {
  const testable = (r: SegmentPeriodRow) =>
    Math.min(r.current.visitors, r.previous.visitors) >= MIN_VISITORS && r.current.conversions + r.previous.conversions >= MIN_CONVERSIONS;
  const conversion = holm(rows.map((r) => (testable(r) ? r.comparison.pValue : null)));
  const revenue = holm(rows.map((r) => (testable(r) ? r.comparison.revenuePValue : null)));
  return rows.map((row, i) => ({
    ...row,
    ...(names.has(row.segment) ? { name: names.get(row.segment) } : {}),
    conversion: { adjustedP: conversion[i], meaningful: conversion[i] !== null && conversion[i]! < FAMILY_ALPHA },
    revenue: { adjustedP: revenue[i], meaningful: revenue[i] !== null && revenue[i]! < FAMILY_ALPHA },
  }));
}

/** Holm-adjusted p-values in the input order; null stays null and is not counted. */
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const order = pValues.map((p, i) => [p, i] as const).filter((e): e is readonly [number, number] => e[0] !== null).sort((a, b) => a[0] - b[0]);
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (order.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Segment id → name, for the segments that have a name in the config. */
export function segmentNamesOf(segments: readonly { id: string; name?: string }[]): Map<string, string> {
  return new Map(segments.flatMap((s) => (s.name ? [[s.id, s.name] as const] : [])));
}

/** Rows for every segment seen in either period, compared. */
export function segmentRows(current: ReadonlyMap<string, PeriodTotals>, previous: ReadonlyMap<string, PeriodTotals>): SegmentPeriodRow[] {
  const zero = { visitors: 0, conversions: 0, revenue: 0, revenueSq: 0 };
  return [...new Set([...current.keys(), ...previous.keys()])].map((segment) => {
    const cur = current.get(segment) ?? zero;
    const prev = previous.get(segment) ?? zero;
    return { segment, current: cur, previous: prev, comparison: comparePeriods(cur, prev) };
  });
}
