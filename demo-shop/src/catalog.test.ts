import { describe, expect, it } from 'vitest';
import { search, sortProducts, inCategory } from './catalog.js';

describe('shop search', () => {
  it.each([
    ['linen', ['marloes-linen-wrap-dress']],
    ['Ada Lindqvist', ['the-quiet-witness']],
    ['silk', ['ilse-silk-slip-dress', 'silk-square-scarf']],
    ['thrillers guardian', ['the-quiet-witness']],
    ['', []],
    ['zeppelin', []],
  ])('"%s" finds %j', (query, ids) => {
    expect(search(query).map((p) => p.id)).toEqual(ids);
  });

  it('treats a singular like its plural ("thriller" finds the thrillers category)', () => {
    expect(search('thriller').filter((p) => p.category === 'thrillers')).toHaveLength(inCategory('thrillers').length);
  });
});

describe('category sorting', () => {
  it('puts sold-out products last in the featured order, keeping the curated order otherwise', () => {
    const sorted = sortProducts(inCategory('dresses'), 'featured');
    expect(sorted.at(-1)!.inStock).toBe(false);
    expect(sorted.slice(0, 3).map((p) => p.id)).toEqual(['ilse-silk-slip-dress', 'marloes-linen-wrap-dress', 'femke-midi-shirt-dress']);
  });

  it.each([
    ['price-asc', (a: number, b: number) => a <= b],
    ['price-desc', (a: number, b: number) => a >= b],
  ] as const)('%s orders by price', (order, inOrder) => {
    const prices = sortProducts(inCategory('jackets'), order).map((p) => p.price);
    expect(prices.every((p, i) => i === 0 || inOrder(prices[i - 1], p))).toBe(true);
  });
});
