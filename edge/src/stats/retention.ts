import { LIMITS } from '../../../shared/schema/limits.js';
import { day } from './schema.js';

const DAY = 86_400_000;

/**
 * How long each table of the site's object keeps a row, in days. Event ids only as long as
 * collect accepts an event that old (a replay is refused by its time before its id is
 * needed); the last-views and view baskets only for "viewed together" and "next" within
 * a visit; visits 13 months, so a year can be compared with the one before; a buyer's
 * categories pair with their next purchases for as long as visits are kept, no longer.
 */
export const RETENTION_DAYS = {
  event_ids: LIMITS.eventPastMs / DAY,
  view_baskets: 2,
  last_views: 2,
  visitor_days: 396,
  path_views: 396,
  path_steps: 396,
  bought_categories: 396,
} as const;

/** Deletes every row past its table's retention at `now`; returns the rows removed per table. */
export function purgeExpired(sql: SqlStorage, now: number): Record<keyof typeof RETENTION_DAYS, number> {
  const cutoff = (table: keyof typeof RETENTION_DAYS) => now - RETENTION_DAYS[table] * DAY;
  const byDay = (table: 'view_baskets' | 'visitor_days' | 'path_views' | 'path_steps' | 'bought_categories') =>
    sql.exec(`DELETE FROM ${table} WHERE day < ?`, day(cutoff(table))).rowsWritten;
  return {
    event_ids: sql.exec(`DELETE FROM event_ids WHERE ts < ?`, cutoff('event_ids')).rowsWritten,
    view_baskets: byDay('view_baskets'),
    last_views: sql.exec(`DELETE FROM last_views WHERE ts < ?`, cutoff('last_views')).rowsWritten,
    visitor_days: byDay('visitor_days'),
    path_views: byDay('path_views'),
    path_steps: byDay('path_steps'),
    bought_categories: byDay('bought_categories'),
  };
}
