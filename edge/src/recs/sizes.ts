import type { Profile } from '../../../shared/schema/profile.js';
import type { CatalogIndex } from './catalog-store.js';

/**
 * Whether the product at a feed position can be offered in the visitor's size. The sizes a
 * visitor wanted are those they chose while sold out (`categories.<name>.soldOutSizeViews`):
 * in that category those sizes count; in a category where they never met a sold-out size,
 * the sizes from every category do (a size-M dress buyer is likely an M in jackets too).
 * A product sold in sizes fits when one of the visitor's sizes is in stock; a product
 * without sizes (a book) and a visitor without sizes always fit.
 */
export function sizeFilter(profile: Profile | undefined, index: Pick<CatalogIndex, 'category' | 'sizesInStock'>): (i: number) => boolean {
  const byCategory = new Map<string, readonly string[]>();
  const everywhere = new Set<string>();
  for (const [name, c] of Object.entries(profile?.categories ?? {})) {
    const sizes = c.soldOutSizeViews ?? [];
    if (sizes.length === 0) continue;
    byCategory.set(name, sizes);
    for (const size of sizes) everywhere.add(size);
  }
  if (everywhere.size === 0) return () => true;
  const anywhere = [...everywhere];
  return (i) => {
    const inStock = index.sizesInStock.get(i);
    if (!inStock) return true;
    return (byCategory.get(index.category[i]) ?? anywhere).some((size) => inStock.has(size));
  };
}
