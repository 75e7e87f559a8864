import { bump } from './cooccurrence.js';
import { day } from './schema.js';

/** Categories kept per buyer for pairing; past this a buyer's new categories still count, unpaired. */
const MAX_PAIRED = 50;

/**
 * Category-level co-purchases ("people who buy thrillers also buy literature"): one basket
 * per buyer, over all their orders, since a reader buys the thriller this month and the
 * novel the next. Each category a visitor buys for the first time pairs once with those
 * they bought before (kind `category` in the shared pair tables). The per-visitor list
 * (`bought_categories`, with the day each was last bought) is the only visitor-level state;
 * forget deletes it, and so does retention 396 days after the last purchase in a category.
 * The counts it fed hold no visitor id.
 */
export function recordCategoryPurchases(sql: SqlStorage, visitor: string, ts: number, categories: readonly string[]): void {
  for (const category of new Set(categories)) {
    // A category bought again only moves its day: retention counts from the last purchase.
    const again = sql.exec(`UPDATE bought_categories SET day = max(day, ?) WHERE visitor = ? AND category = ?`, day(ts), visitor, category).rowsWritten;
    if (again) continue;
    sql.exec(`INSERT INTO bought_categories (visitor, category, day) VALUES (?, ?, ?)`, visitor, category, day(ts));
    const earlier = sql
      .exec<{ category: string }>(`SELECT category FROM bought_categories WHERE visitor = ? AND category != ? LIMIT ${MAX_PAIRED}`, visitor, category)
      .toArray()
      .map((r) => r.category);
    if (earlier.length === 0) bump(sql, 'basket_totals', ['kind'], ['category']);
    bump(sql, 'item_counts', ['kind', 'item'], ['category', category]);
    for (const other of earlier) bump(sql, 'pair_counts', ['kind', 'a', 'b'], ['category', ...(category < other ? [category, other] : [other, category])]);
  }
}
