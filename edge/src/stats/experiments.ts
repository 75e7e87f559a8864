import type { ArmAggregate, DailyAggregate, SegmentAggregate } from '../../../shared/experiments/report.js';
import { day } from './schema.js';

/**
 * Exposures and conversions per visitor and experiment. A visitor is counted in the arm
 * of their first exposure only; a conversion counts once per visitor (revenue adds up)
 * and only after the exposure, so a purchase made before seeing the variant is not
 * credited to it.
 */
export function recordExposure(sql: SqlStorage, e: { experiment: string; variant: string; visitor: string; ts: number; segments: string[] }): boolean {
  const cursor = sql.exec(
    `INSERT OR IGNORE INTO exposures (experiment, visitor, variant, ts, day, segments) VALUES (?, ?, ?, ?, ?, ?)`,
    e.experiment, e.visitor, e.variant, e.ts, day(e.ts), JSON.stringify(e.segments),
  );
  return cursor.rowsWritten > 0;
}

export function recordConversion(sql: SqlStorage, e: { experiment: string; visitor: string; ts: number; value: number }): void {
  sql.exec(
    `UPDATE exposures SET converted = 1, conversion_day = COALESCE(conversion_day, ?), revenue = revenue + ?
     WHERE experiment = ? AND visitor = ? AND ts <= ?`,
    day(e.ts), e.value, e.experiment, e.visitor, e.ts,
  );
}

export function armAggregates(sql: SqlStorage, experiment: string): ArmAggregate[] {
  return sql
    .exec<{ id: string; visitors: number; conversions: number; revenue: number; revenueSq: number }>(
      `SELECT variant AS id, COUNT(*) AS visitors, SUM(converted) AS conversions,
              SUM(revenue) AS revenue, SUM(revenue * revenue) AS revenueSq
       FROM exposures WHERE experiment = ? GROUP BY variant`,
      experiment,
    )
    .toArray();
}

/** Per segment of the served config (`segments`) and arm; other names stored earlier are left out. */
export function segmentAggregates(sql: SqlStorage, experiment: string, segments: readonly string[]): SegmentAggregate[] {
  return sql
    .exec<{ segment: string; variant: string; visitors: number; conversions: number; revenue: number }>(
      `SELECT j.value AS segment, variant, COUNT(*) AS visitors, SUM(converted) AS conversions, SUM(revenue) AS revenue
       FROM exposures, json_each(exposures.segments) AS j
       WHERE experiment = ? AND j.value IN (SELECT value FROM json_each(?))
       GROUP BY j.value, variant`,
      experiment, JSON.stringify(segments),
    )
    .toArray();
}

/** Per day and arm: visitors first exposed that day, conversions made that day. */
export function dailyAggregates(sql: SqlStorage, experiment: string): DailyAggregate[] {
  return sql
    .exec<{ day: string; variant: string; visitors: number; conversions: number; revenue: number }>(
      `SELECT d AS day, variant, SUM(v) AS visitors, SUM(c) AS conversions, SUM(r) AS revenue FROM (
         SELECT day AS d, variant, 1 AS v, 0 AS c, 0 AS r FROM exposures WHERE experiment = ?
         UNION ALL
         SELECT conversion_day, variant, 0, 1, revenue FROM exposures WHERE experiment = ? AND converted = 1
       ) GROUP BY d, variant ORDER BY d`,
      experiment, experiment,
    )
    .toArray();
}
