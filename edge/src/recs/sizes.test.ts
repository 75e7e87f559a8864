import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/schema/catalog.js';
import type { Profile } from '../../../shared/schema/profile.js';
import { toCatalogIndex, toStoredIndex } from './catalog-store.js';
import { sizeFilter } from './sizes.js';

const sized = (id: string, category: string, stock: Record<string, number>): Product => ({
  id,
  name: id,
  category,
  price: 50,
  inStock: true,
  variants: Object.entries(stock).map(([size, n]) => ({ size, stock: n })),
});
const catalog: Product[] = [
  sized('dress-out-m', 'dresses', { S: 2, M: 0, L: 1 }),
  sized('dress-in-m', 'dresses', { S: 0, M: 3 }),
  sized('dress-no-m', 'dresses', { XS: 1, S: 1 }),
  sized('jacket-out-m', 'jackets', { M: 0, L: 4 }),
  sized('jacket-in-m', 'jackets', { M: 1 }),
  sized('shoe-39', 'shoes', { '38': 0, '39': 2 }),
  { id: 'book', name: 'book', category: 'books', price: 20, inStock: true },
];
const index = toCatalogIndex(toStoredIndex(catalog, 'g', 1, 0));
const fitting = (profile?: Profile) => catalog.filter((_, i) => sizeFilter(profile, index)(i)).map((p) => p.id);
const wanted = (sizes: Record<string, string[]>): Profile => ({
  categories: Object.fromEntries(Object.entries(sizes).map(([name, soldOutSizeViews]) => [name, { views: 1, soldOutSizeViews }])),
});

describe('sizeFilter: never a product sold out in the size the visitor wanted', () => {
  it.each<[string, Profile | undefined, string[]]>([
    ['no profile: every product fits', undefined, catalog.map((p) => p.id)],
    ['no sold-out size met: every product fits', { categories: { dresses: { views: 4 } } }, catalog.map((p) => p.id)],
    [
      'M wanted in dresses: dresses and jackets in stock in M, and products without sizes',
      wanted({ dresses: ['M'] }),
      ['dress-in-m', 'jacket-in-m', 'book'],
    ],
    [
      "a category's own sizes win over the others (39 in shoes, M elsewhere)",
      wanted({ dresses: ['M'], shoes: ['39'] }),
      ['dress-in-m', 'jacket-in-m', 'shoe-39', 'book'],
    ],
    ['two sizes wanted: in stock in either', wanted({ dresses: ['L', 'M'] }), ['dress-out-m', 'dress-in-m', 'jacket-out-m', 'jacket-in-m', 'book']],
    ['an empty list is no size', wanted({ dresses: [] }), catalog.map((p) => p.id)],
  ])('%s', (_, profile, expected) => {
    expect(fitting(profile)).toEqual(expected);
  });
});
