import type { Product } from '../../../shared/schema/catalog.js';
import type { Lists } from '../recs/lists.js';

export type MarginBand = 'margin-high' | 'margin-mid' | 'margin-low';
export type Popularity = 'bestseller' | 'trending' | 'slow';

/**
 * `custom_label_0`: the margin band, so ad bids can follow profit rather than revenue.
 * Margin is 1 − cost/price on the price the customer pays (the sale price when there is
 * one). Without a cost there is no band: guessing would steer bids wrongly.
 */
export function marginBand(product: Pick<Product, 'price' | 'salePrice' | 'cost'>, [high, mid]: readonly [number, number]): MarginBand | undefined {
  const price = product.salePrice ?? product.price;
  if (product.cost === undefined || price <= 0) return undefined;
  const margin = 1 - product.cost / price;
  return margin >= high ? 'margin-high' : margin >= mid ? 'margin-mid' : 'margin-low';
}

/** How many of the best-selling products count as "bestseller": 5 % of the catalog, at least 10. */
export function bestsellerCut(catalogSize: number): number {
  return Math.max(10, Math.ceil(catalogSize * 0.05));
}
const TRENDING_TOP = 50;

/**
 * `custom_label_1` from the popularity the edge learns: the top bestsellers, then what is
 * trending now, then everything else ("slow": candidates for lower bids or a promotion).
 */
export function popularityLabeller(lists: Pick<Lists, 'bestsellers' | 'trending'> | null, catalogSize: number): (id: string) => Popularity {
  const best = new Set((lists?.bestsellers ?? []).slice(0, bestsellerCut(catalogSize)).map(([id]) => id));
  const trending = new Set((lists?.trending ?? []).slice(0, TRENDING_TOP).map(([id]) => id));
  return (id) => (best.has(id) ? 'bestseller' : trending.has(id) ? 'trending' : 'slow');
}
