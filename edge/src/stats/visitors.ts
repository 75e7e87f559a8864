import type { PeriodTotals } from '../../../shared/experiments/report.js';
import { day } from './schema.js';

export type { PeriodTotals };

/** Site-wide activity per visitor-day, for "this period vs the last one" per segment. */
export function recordVisit(sql: SqlStorage, visitor: string, ts: number, segments: string[]): void {
  sql.exec(
    `INSERT INTO visitor_days (day, visitor, segments) VALUES (?, ?, ?)
     ON CONFLICT (day, visitor) DO UPDATE SET segments = excluded.segments`,
    day(ts), visitor, JSON.stringify(segments),
  );
}

export function recordPurchase(sql: SqlStorage, visitor: string, ts: number, value: number): void {
  sql.exec(
    `UPDATE visitor_days SET converted = 1, revenue = revenue + ? WHERE day = ? AND visitor = ?`,
    value, day(ts), visitor,
  );
}

/**
 * Totals per segment (and '*' for everyone) between two days, inclusive, counting each
 * visitor once per period, with the sum of squared per-visitor revenue for a Welch test.
 * Only the `segments` asked for (the served config's) are totalled, so names a visitor
 * invented can neither grow the answer nor slow it; a Map, so no name is special.
 */
export function periodTotals(sql: SqlStorage, from: string, to: string, segments: readonly string[]): Map<string, PeriodTotals> {
  const rows = sql
    .exec<{ segment: string; visitors: number; conversions: number; revenue: number; revenueSq: number }>(
      `WITH per AS (
         SELECT visitor, segment, MAX(converted) AS conv, SUM(revenue) AS rev FROM (
           SELECT visitor, '*' AS segment, converted, revenue FROM visitor_days WHERE day BETWEEN ?1 AND ?2
           UNION ALL
           SELECT visitor, j.value, converted, revenue FROM visitor_days, json_each(visitor_days.segments) AS j
           WHERE day BETWEEN ?1 AND ?2 AND j.value IN (SELECT value FROM json_each(?3))
         ) GROUP BY visitor, segment)
       SELECT segment, COUNT(*) AS visitors, SUM(conv) AS conversions, SUM(rev) AS revenue, SUM(rev * rev) AS revenueSq
       FROM per GROUP BY segment`,
      from, to, JSON.stringify(segments),
    )
    .toArray();
  const out = new Map(rows.map(({ segment, ...totals }) => [segment, totals]));
  if (!out.has('*')) out.set('*', { visitors: 0, conversions: 0, revenue: 0, revenueSq: 0 });
  return out;
}

/** Forget means forget: every row that names the visitor goes. */
export function forgetVisitor(sql: SqlStorage, visitor: string): number {
  let removed = 0;
  for (const table of ['exposures', 'visitor_days', 'view_baskets', 'event_ids', 'bought_categories'])
    removed += sql.exec(`DELETE FROM ${table} WHERE visitor = ?`, visitor).rowsWritten;
  return removed;
}
