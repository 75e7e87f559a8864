import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/schema/catalog.js';
import { STRATEGIES, type Recommendations } from '../../../shared/schema/config.js';
import type { Profile } from '../../../shared/schema/profile.js';
import { toCatalogIndex, toStoredIndex } from './catalog-store.js';
import type { Lists } from './lists.js';
import { recommend, toRecommendedItems, type RecommendInput } from './rank.js';

const p = (id: string, category: string, price: number, inStock = true): Product => ({ id, name: `Name ${id}`, category, price, inStock });
const catalog = [
  p('t1', 'thrillers', 10),
  p('t2', 'thrillers', 14),
  p('t3', 'thrillers', 15, false),
  p('t4', 'thrillers', 16),
  p('t5', 'thrillers', 30),
  p('c1', 'cookbooks', 20),
  p('c2', 'cookbooks', 25),
  p('c3', 'cookbooks', 22),
  p('g1', 'games', 40),
  p('g2', 'games', 50),
];
const index = toCatalogIndex(toStoredIndex(catalog, 'g1', 1, 0));
const sized = (id: string, price: number, stock: Record<string, number>): Product => ({
  ...p(id, 'dresses', price),
  variants: Object.entries(stock).map(([size, n]) => ({ size, stock: n })),
});
const sizedIndex = toCatalogIndex(
  toStoredIndex(
    [
      sized('d-out-m', 99.5, { S: 1, M: 0 }),
      sized('d-in-m', 49.5, { M: 2 }),
      sized('d-all-out', 60, { S: 0, M: 0 }),
      sized('d-cheap', 40, { M: 1 }),
      sized('d-upgrade-out-m', 55, { M: 0, L: 3 }),
      sized('d-upgrade-m', 60, { M: 1 }),
      p('book', 'books', 12),
    ],
    'g2',
    1,
    0,
  ),
);
const lists: Lists = {
  alsoBought: { t1: [['c2', 5], ['c1', 2]], t2: [['c1', 4]] },
  alsoViewed: { t1: [['t4', 3], ['t3', 2], ['g1', 1]] },
  trending: [['g2', 9], ['g1', 3]],
  bestsellers: [['t2', 50], ['c3', 30], ['g1', 10]],
  updated: 0,
};

type Case = [
  string,
  Partial<Recommendations> & Pick<Recommendations, 'strategies'>,
  Omit<Partial<RecommendInput>, 'slot'>,
  string[],
];

const cases: Case[] = [
  ['cold start: the catalog order, in stock only', { strategies: ['bestsellers'], count: 3 }, { lists: null }, ['t1:bestsellers', 't2:bestsellers', 't4:bestsellers']],
  ['cold start: a configured bestseller list first', { strategies: ['bestsellers'], count: 3 }, { lists: null, siteBestsellers: ['g2', 'c1'] }, ['g2:bestsellers', 'c1:bestsellers', 't1:bestsellers']],
  ['learned bestsellers', { strategies: ['bestsellers'], count: 3 }, {}, ['t2:bestsellers', 'c3:bestsellers', 'g1:bestsellers']],
  ['also-bought from a viewed product', { strategies: ['also-bought'], count: 2 }, { profile: { viewed: ['t1'] } }, ['c2:also-bought', 'c1:also-bought']],
  ['also-bought adds up scores over several seeds (c1: 2 + 4 beats c2: 5)', { strategies: ['also-bought'], count: 2 }, { profile: { viewed: ['t1', 't2'] } }, ['c1:also-bought', 'c2:also-bought']],
  ['bought and carted products are never shown; a short list is topped up with bestsellers', { strategies: ['also-bought'], count: 3 }, { profile: { viewed: ['t1'], purchased: ['c2'], carted: ['t2'] } }, ['c1:also-bought', 'c3:bestsellers', 'g1:bestsellers']],
  ['the page product seeds also-bought and is never shown', { strategies: ['also-bought', 'bestsellers'], count: 3 }, { currentProductId: 't2' }, ['c1:also-bought', 'c3:bestsellers', 'g1:bestsellers']],
  ['also-viewed skips an out-of-stock neighbour', { strategies: ['also-viewed'], count: 2 }, { profile: { viewed: ['t1'] } }, ['t4:also-viewed', 'g1:also-viewed']],
  [
    'category affinity: top category by views + 3·carts + 5·purchases, its bestsellers then catalog order',
    { strategies: ['category-affinity'], count: 4 },
    { profile: { categories: { cookbooks: { views: 1, purchases: 1 }, thrillers: { views: 3 } } } },
    ['c3:category-affinity', 'c1:category-affinity', 'c2:category-affinity', 't2:category-affinity'],
  ],
  [
    'category affinity widens to learned neighbours: a thriller reader gets cookbooks after thrillers (maxPerCategory 2)',
    { strategies: ['category-affinity'], count: 4, maxPerCategory: 2 },
    { profile: { categories: { thrillers: { views: 3 } } }, lists: { ...lists, categories: { thrillers: [['cookbooks', 0.6], ['games', 0.2]] } } },
    ['t2:category-affinity', 't1:category-affinity', 'c3:category-affinity', 'c1:category-affinity'],
  ],
  [
    'at most maxPerCategory per category, even if the slot stays short',
    { strategies: ['category-affinity'], count: 4, maxPerCategory: 1 },
    { profile: { categories: { cookbooks: { views: 1, purchases: 1 }, thrillers: { views: 3 } } } },
    ['c3:category-affinity', 't2:category-affinity', 'g1:bestsellers'],
  ],
  ['upgrade: pricier in-stock items of the same category up to 1.6×, popular first', { strategies: ['upgrade'], count: 3 }, { profile: { viewed: ['t1'] } }, ['t2:upgrade', 't4:upgrade', 'c3:bestsellers']],
  ['upgrade takes turns between viewed products, most recent first', { strategies: ['upgrade'], count: 3 }, { profile: { viewed: ['c1', 't1'] } }, ['c3:upgrade', 't2:upgrade', 'c2:upgrade']],
  ['trending', { strategies: ['trending'], count: 2 }, {}, ['g2:trending', 'g1:trending']],
  [
    'sized products: never one sold out in the size the visitor wanted, whichever strategy offers it',
    { strategies: ['manual', 'upgrade'], count: 4 },
    { index: sizedIndex, lists: null, manualIds: ['d-out-m', 'd-in-m'], profile: { viewed: ['d-cheap'], categories: { dresses: { views: 2, soldOutSizeViews: ['M'] } } } },
    ['d-in-m:manual', 'd-upgrade-m:upgrade', 'd-cheap:bestsellers', 'book:bestsellers'],
  ],
  [
    'sized products: without a size wanted, what is in stock in any size',
    { strategies: ['manual'], count: 4 },
    { index: sizedIndex, lists: null, manualIds: ['d-out-m', 'd-in-m', 'd-all-out'] },
    ['d-out-m:manual', 'd-in-m:manual', 'd-cheap:bestsellers', 'd-upgrade-out-m:bestsellers'],
  ],
  ['manual ids keep their order, skipping unknown and out-of-stock ids', { strategies: ['manual'], count: 2 }, { manualIds: ['g2', 't3', 'nope', 'c1'] }, ['g2:manual', 'c1:manual']],
  ['strategies fill in config order', { strategies: ['also-bought', 'trending'], count: 3 }, { profile: { viewed: ['t1'] } }, ['c2:also-bought', 'c1:also-bought', 'g2:trending']],
  ['a personal strategy without a profile still fills the slot', { strategies: ['also-bought', 'category-affinity', 'upgrade'], count: 2 }, { lists: null }, ['t1:bestsellers', 't2:bestsellers']],
];

describe('recommend', () => {
  it.each(cases)('%s', (_, slot, rest, expected) => {
    const picks = recommend({ slot: { count: 4, ...slot }, index, lists, ...rest });
    expect(picks.map((x) => `${x.id}:${x.reason}`)).toEqual(expected);
  });

  it('leaves the slot empty only when no in-stock product is left to show', () => {
    const purchased = catalog.filter((x) => x.id !== 't5').map((x) => x.id);
    expect(recommend({ slot: { strategies: ['trending'], count: 4 }, index, lists, profile: { purchased } }).map((x) => x.id)).toEqual(['t5']);
  });

  it('always honours the hard filters and never leaves an eligible slot empty (any profile, any config)', () => {
    const ids = catalog.map((x) => x.id);
    const someIds = fc.array(fc.constantFrom(...ids, 'unknown'), { maxLength: 6 });
    fc.assert(
      fc.property(
        fc.record({
          strategies: fc.array(fc.constantFrom(...STRATEGIES), { minLength: 1, maxLength: 4 }),
          count: fc.integer({ min: 1, max: 8 }),
          maxPerCategory: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        }),
        fc.record({ viewed: someIds, carted: someIds, purchased: someIds }),
        fc.option(fc.constantFrom(...ids), { nil: undefined }),
        fc.boolean(),
        (slot, profile: Profile, currentProductId, withLists) => {
          const picks = recommend({ slot, index, lists: withLists ? lists : null, profile, currentProductId, manualIds: ['g2', 't3'] });
          const excluded = new Set([...profile.purchased!, ...profile.carted!, currentProductId]);
          const shown = picks.map((x) => catalog.find((c) => c.id === x.id)!);
          expect(shown.every((x) => x.inStock && !excluded.has(x.id))).toBe(true);
          expect(new Set(shown.map((x) => x.id)).size).toBe(shown.length);
          expect(shown.length).toBeLessThanOrEqual(slot.count);
          const perCategory = new Map<string, number>();
          for (const x of shown) perCategory.set(x.category, (perCategory.get(x.category) ?? 0) + 1);
          expect(Math.max(0, ...perCategory.values())).toBeLessThanOrEqual(slot.maxPerCategory ?? Infinity);
          const eligible = catalog.some((x) => x.inStock && !excluded.has(x.id));
          expect(shown.length > 0).toBe(eligible);
        },
      ),
    );
  });
});

describe('toRecommendedItems', () => {
  it('joins picks with their records and drops a pick whose record is gone', () => {
    const withImage = { ...catalog[0], image: 'https://cdn.example/t1.jpg', url: '/t1' };
    expect(toRecommendedItems([{ id: 't1', reason: 'trending' }, { id: 'gone', reason: 'trending' }], [withImage])).toEqual([
      { id: 't1', name: 'Name t1', category: 'thrillers', price: 10, image: 'https://cdn.example/t1.jpg', url: '/t1', reason: 'trending' },
    ]);
  });
});
