import { describe, expect, it } from 'vitest';
import { findProduct } from './catalog.js';
import { totals, type PricedLine } from './cart.js';

const line = (id: string, qty: number): PricedLine => {
  const product = findProduct(id)!;
  return { id, qty, product, total: Math.round(product.price * qty * 100) / 100 };
};

describe('cart totals', () => {
  it.each([
    // lines, subtotal, shipping, total
    [[], 0, 0, 0],
    [[line('borrowed-alibi', 1)], 17.99, 4.95, 22.94],
    [[line('borrowed-alibi', 2)], 35.98, 4.95, 40.93],
    [[line('canvas-book-tote', 1), line('leather-bookmark-set', 1)], 39, 4.95, 43.95],
    [[line('knitted-beanie', 1), line('braided-leather-belt', 1)], 68, 0, 68],
    [[line('soup-for-every-season', 1), line('pip-and-the-paper-boat', 1)], 42.98, 0, 42.98],
  ])('%j → subtotal %d, shipping %d, total %d', (lines, subtotal, shipping, total) => {
    expect(totals(lines)).toMatchObject({ subtotal, shipping, total });
  });

  it.each([
    // percent, lines, discount, shipping, total: shipping follows the goods' value, before the code
    [15, [line('knitted-beanie', 1), line('braided-leather-belt', 1)], 10.2, 0, 57.8],
    [15, [line('borrowed-alibi', 1)], 2.7, 4.95, 20.24],
    [0, [line('borrowed-alibi', 1)], 0, 4.95, 22.94],
  ])('a %d %% code on %j takes off %d, ships for %d, totals %d', (percent, lines, discount, shipping, total) => {
    expect(totals(lines, percent)).toMatchObject({ discount, shipping, total });
  });

  it('ships free from exactly €40', () => {
    const forty = { ...line('canvas-book-tote', 1), total: 40 };
    expect(totals([forty]).shipping).toBe(0);
  });
});
