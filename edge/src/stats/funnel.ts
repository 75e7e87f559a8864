import { FUNNEL_STEPS, type FunnelCounts } from '../../../shared/experiments/funnel.js';

/**
 * Visitors per segment (and '*' for everyone) who reached each step between two days,
 * inclusive, each visitor once; reaching a step needs every step before it in the period.
 * Only the `segments` asked for (the served config's) are counted, as in periodTotals.
 */
export function funnelTotals(sql: SqlStorage, from: string, to: string, segments: readonly string[]): Map<string, FunnelCounts> {
  const reached = FUNNEL_STEPS.map((_, i) => `MAX(steps & ${1 << i}) > 0 AS s${i}`).join(', ');
  const sums = FUNNEL_STEPS.map((_, i) => `SUM(${FUNNEL_STEPS.slice(0, i + 1).map((__, j) => `s${j}`).join(' AND ')}) AS n${i}`).join(', ');
  const rows = sql
    .exec<Record<string, number | string>>(
      `WITH per AS (
         SELECT segment, ${reached} FROM (
           SELECT visitor, '*' AS segment, steps FROM visitor_days WHERE day BETWEEN ?1 AND ?2
           UNION ALL
           SELECT visitor, j.value, steps FROM visitor_days, json_each(visitor_days.segments) AS j
           WHERE day BETWEEN ?1 AND ?2 AND j.value IN (SELECT value FROM json_each(?3))
         ) GROUP BY visitor, segment)
       SELECT segment, ${sums} FROM per GROUP BY segment`,
      from, to, JSON.stringify(segments),
    )
    .toArray();
  return new Map(rows.map((r) => [String(r.segment), FUNNEL_STEPS.map((_, i) => Number(r[`n${i}`] ?? 0))]));
}
