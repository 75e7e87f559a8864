import { describe, expect, it } from 'vitest';
import type { CategoryStats } from '../../../shared/schema/profile.js';
import { MAX_LEARNED, rankInterests } from './category-affinity.js';
import { buildLists, countCoOccurrence, type Scored } from './lists.js';

/*
 * Buyers, one basket each (every category they bought, over all their orders): thriller
 * buyers often also buy literature, now and then a cookbook; children's books go with
 * cookbooks; dresses with accessories. Learned the way the Durable Object learns them.
 */
const buyers = [
  ...Array.from({ length: 6 }, () => ['thrillers', 'literature']),
  ...Array.from({ length: 2 }, () => ['thrillers', 'cookbooks']),
  ...Array.from({ length: 5 }, () => ['thrillers']),
  ...Array.from({ length: 3 }, () => ['children', 'cookbooks']),
  ...Array.from({ length: 4 }, () => ['dresses', 'accessories']),
  ['jackets', 'thrillers'],
];
const learned = buildLists({ now: 0, purchases: countCoOccurrence([]), views: countCoOccurrence([]), recent: [], categories: countCoOccurrence(buyers) }).categories!;

const visited = (entries: Record<string, CategoryStats>) => entries;

describe('category neighbours learned from co-purchases', () => {
  it('pairs categories bought by the same buyers, by cosine, leaving out pairs seen once', () => {
    // thrillers 14 buyers, literature 6, cookbooks 5: 6/√84 = 0.655, 2/√70 = 0.239; jackets–thrillers once: dropped.
    expect(learned.thrillers).toEqual([['literature', 0.655], ['cookbooks', 0.239]]);
    expect(learned.literature).toEqual([['thrillers', 0.655]]);
    expect(learned.jackets).toBeUndefined();
  });
});

describe('rankInterests', () => {
  it.each<[string, Record<string, CategoryStats> | undefined, Record<string, Scored[]> | undefined, string[], string[]]>([
    ['no history: nothing', undefined, learned, [], []],
    ['nothing learned yet: own categories only', visited({ thrillers: { views: 4 } }), undefined, ['thrillers'], []],
    ['thriller reader: literature first, then cookbooks', visited({ thrillers: { views: 4 } }), learned, ['thrillers'], ['literature', 'cookbooks']],
    [
      'own categories keep their order (views + 3 × carts + 5 × purchases); neighbours never repeat them',
      visited({ literature: { views: 2 }, thrillers: { views: 1, purchases: 1 } }),
      learned,
      ['thrillers', 'literature'],
      ['cookbooks'],
    ],
    [
      'a neighbour of several categories adds up (cookbooks: thrillers 5 × 0.239 + children 1 × 0.775)',
      visited({ thrillers: { views: 5 }, children: { views: 1 } }),
      learned,
      ['thrillers', 'children'],
      ['literature', 'cookbooks'],
    ],
    ['a category with zero affinity is no interest and seeds nothing', visited({ thrillers: {}, dresses: { views: 1 } }), learned, ['dresses'], ['accessories']],
    ['an id like "constructor" finds no neighbours', visited({ constructor: { views: 3 } }), learned, ['constructor'], []],
  ])('%s', (_, categories, map, own, neighbours) => {
    expect(rankInterests(categories, map)).toEqual({ own, learned: neighbours });
  });

  it(`adds at most ${MAX_LEARNED} learned categories`, () => {
    const wide: Record<string, Scored[]> = { a: [['b', 0.9], ['c', 0.8], ['d', 0.7], ['e', 0.6], ['f', 0.5]] };
    expect(rankInterests({ a: { views: 1 } }, wide).learned).toEqual(['b', 'c', 'd']);
  });
});
