import { PATH_GAP_MS, type PathCount, type PathKind, type PathViews } from '../../../shared/experiments/funnel.js';
import { day } from './schema.js';

/** A catalog product as paths count it: only ids the catalog has, so nobody can invent rows. */
export interface PathProduct {
  item: string;
  category: string;
}

/**
 * Counts one product view for "where did they go next", in aggregates per day and segment:
 * views of each product and category, and how often each was followed by the next view.
 * Per visitor only the last product viewed is kept (one row, not a path), for PATH_GAP_MS's
 * sake; it is purged after 2 days and by forget. Segments are the config's (collect drops
 * the rest) and products the catalog's, so what a visitor sends cannot add new keys.
 */
export function recordPathView(sql: SqlStorage, visitor: string, ts: number, segments: readonly string[], product: PathProduct): void {
  const last = sql.exec<{ item: string; category: string; ts: number }>(`SELECT item, category, ts FROM last_views WHERE visitor = ?`, visitor).toArray()[0];
  // An event from before the last one (sent late from an offline queue) changes no path.
  if (last && ts < last.ts) return;
  const follows = last !== undefined && ts - last.ts <= PATH_GAP_MS;
  sql.exec(
    `INSERT INTO last_views (visitor, item, category, ts) VALUES (?, ?, ?, ?)
     ON CONFLICT (visitor) DO UPDATE SET item = excluded.item, category = excluded.category, ts = excluded.ts`,
    visitor, product.item, product.category, ts,
  );
  // The same product again (a reload, a size picked) is one view, not a step.
  if (follows && last.item === product.item) return;
  // One statement per table for every segment and both kinds, with segments as one JSON
  // value: a fixed number of bound parameters (a Durable Object allows 100) however many.
  const d = day(ts);
  const each = JSON.stringify(['*', ...segments]);
  sql.exec(
    `INSERT INTO path_views (day, segment, kind, item, n)
     SELECT ?1, s.value, k.kind, k.id, 1 FROM json_each(?2) AS s, (SELECT 'item' AS kind, ?3 AS id UNION ALL SELECT 'category', ?4) AS k
     WHERE true ON CONFLICT (day, segment, kind, item) DO UPDATE SET n = n + 1`,
    d, each, product.item, product.category,
  );
  if (!follows) return;
  sql.exec(
    `INSERT INTO path_steps (day, segment, kind, src, dst, n)
     SELECT ?1, s.value, k.kind, k.src, k.dst, 1 FROM json_each(?2) AS s,
       (SELECT 'item' AS kind, ?3 AS src, ?4 AS dst UNION ALL SELECT 'category', ?5, ?6) AS k
     WHERE true ON CONFLICT (day, segment, kind, src, dst) DO UPDATE SET n = n + 1`,
    d, each, last.item, product.item, last.category, product.category,
  );
}

/**
 * Between two days, inclusive: per segment and kind the `limit` most viewed products or
 * categories (or only `from`), and the next views that followed them. Only '*' and the
 * `segments` asked for (the served config's) are read.
 */
export function pathTotals(
  sql: SqlStorage,
  range: { from: string; to: string },
  segments: readonly string[],
  options: { from?: string; limit: number },
): { views: PathViews[]; counts: PathCount[] } {
  const top = `top AS (
    SELECT segment, kind, item, n FROM (
      SELECT segment, kind, item, SUM(n) AS n,
             ROW_NUMBER() OVER (PARTITION BY segment, kind ORDER BY SUM(n) DESC, item) AS rank
      FROM path_views
      WHERE day BETWEEN ?1 AND ?2 AND (segment = '*' OR segment IN (SELECT value FROM json_each(?3))) AND (?4 IS NULL OR item = ?4)
      GROUP BY segment, kind, item)
    WHERE rank <= ?5)`;
  const args = [range.from, range.to, JSON.stringify(segments), options.from ?? null, options.limit];
  const views = sql.exec<{ segment: string; kind: PathKind; item: string; n: number }>(`WITH ${top} SELECT segment, kind, item, n FROM top`, ...args).toArray();
  const counts = sql
    .exec<{ segment: string; kind: PathKind; src: string; dst: string; n: number }>(
      `WITH ${top}
       SELECT s.segment, s.kind, s.src, s.dst, SUM(s.n) AS n FROM path_steps AS s
       JOIN top ON top.segment = s.segment AND top.kind = s.kind AND top.item = s.src
       WHERE s.day BETWEEN ?1 AND ?2
       GROUP BY s.segment, s.kind, s.src, s.dst`,
      ...args,
    )
    .toArray()
    .map((r) => ({ segment: r.segment, kind: r.kind, from: r.src, to: r.dst, n: r.n }));
  return { views: views.map((v) => ({ ...v })), counts };
}
