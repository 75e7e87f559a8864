import { pairsOf, type CoOccurrence, type Interaction } from '../recs/lists.js';
import { day } from './schema.js';

/** Products in orders, products viewed together, categories bought by the same visitor. */
export type Kind = 'purchase' | 'view' | 'category';

/**
 * Weights for trending: a purchase says more than a cart, a cart more than a view. A Map,
 * looked up by event name: an event named "constructor" must weigh nothing (the fuzzer
 * found a plain object here turning it into a NaN score and a failed batch).
 */
export const INTEREST_WEIGHT: ReadonlyMap<string, number> = new Map([
  ['view_item', 1],
  ['add_to_cart', 3],
  ['purchase', 5],
]);
const HALF_LIFE_MS = 24 * 3_600_000;

/** One order is one basket: every pair of its items counts once. */
export function recordBasket(sql: SqlStorage, items: string[]): void {
  const distinct = [...new Set(items)];
  if (distinct.length === 0) return;
  bump(sql, 'basket_totals', ['kind'], ['purchase']);
  for (const item of distinct) bump(sql, 'item_counts', ['kind', 'item'], ['purchase', item]);
  for (const [a, b] of pairsOf(distinct)) bump(sql, 'pair_counts', ['kind', 'a', 'b'], ['purchase', a, b]);
}

/** Views of one visitor on one day form a basket that grows: each new item pairs with those before. */
export function recordView(sql: SqlStorage, visitor: string, ts: number, item: string): void {
  const d = day(ts);
  const added = sql.exec(`INSERT OR IGNORE INTO view_baskets (visitor, day, item) VALUES (?, ?, ?)`, visitor, d, item).rowsWritten;
  if (!added) return;
  const earlier = sql
    .exec<{ item: string }>(`SELECT item FROM view_baskets WHERE visitor = ? AND day = ? AND item != ? LIMIT 20`, visitor, d, item)
    .toArray()
    .map((r) => r.item);
  if (earlier.length === 0) bump(sql, 'basket_totals', ['kind'], ['view']);
  bump(sql, 'item_counts', ['kind', 'item'], ['view', item]);
  for (const other of earlier) {
    const [a, b] = item < other ? [item, other] : [other, item];
    bump(sql, 'pair_counts', ['kind', 'a', 'b'], ['view', a, b]);
  }
}

/** Popularity decays continuously: stored score × ½^(age / half-life) + new weight. */
export function recordInterest(sql: SqlStorage, item: string, ts: number, weight: number): void {
  const row = sql.exec<{ score: number; updated: number }>(`SELECT score, updated FROM popularity WHERE item = ?`, item).toArray()[0];
  const at = Math.max(ts, row?.updated ?? 0);
  const decayed = row ? row.score * 0.5 ** ((at - row.updated) / HALF_LIFE_MS) : 0;
  const fresh = weight * 0.5 ** ((at - ts) / HALF_LIFE_MS);
  sql.exec(
    `INSERT INTO popularity (item, score, updated) VALUES (?, ?, ?)
     ON CONFLICT (item) DO UPDATE SET score = excluded.score, updated = excluded.updated`,
    item, decayed + fresh, at,
  );
}

export function readCoOccurrence(sql: SqlStorage, kind: Kind): CoOccurrence {
  const pairs = sql
    .exec<{ a: string; b: string; n: number }>(`SELECT a, b, n FROM pair_counts WHERE kind = ?`, kind)
    .toArray()
    .map((r) => [r.a, r.b, r.n] as const);
  const items = new Map(
    sql.exec<{ item: string; n: number }>(`SELECT item, n FROM item_counts WHERE kind = ?`, kind).toArray().map((r) => [r.item, r.n]),
  );
  const baskets = sql.exec<{ n: number }>(`SELECT n FROM basket_totals WHERE kind = ?`, kind).toArray()[0]?.n ?? 0;
  return { pairs, items, baskets };
}

/** Stored scores as interactions at their last update, so buildLists decays them to now. */
export function readPopularity(sql: SqlStorage): Interaction[] {
  return sql
    .exec<{ item: string; score: number; updated: number }>(`SELECT item, score, updated FROM popularity ORDER BY score DESC LIMIT 5000`)
    .toArray()
    .map((r) => ({ id: r.item, ts: r.updated, weight: r.score }));
}

export function bump(sql: SqlStorage, table: string, cols: string[], values: string[]): void {
  sql.exec(
    `INSERT INTO ${table} (${cols.join(', ')}, n) VALUES (${cols.map(() => '?').join(', ')}, 1)
     ON CONFLICT (${cols.join(', ')}) DO UPDATE SET n = n + 1`,
    ...values,
  );
}
