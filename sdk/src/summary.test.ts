import { describe, expect, it } from 'vitest';
import { emptyAggregate } from './aggregate.js';
import { RECENT_IDS, summarize } from './summary.js';
import type { TrackedEvent } from './types.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
let n = 0;
const ev = (min: number, name: string, params: Partial<TrackedEvent> = {}): TrackedEvent => ({ id: `event-${n++}`, name, ts: T0 + min * MIN, ...params });
const item = (item_id: string, item_category: string, price: number, quantity?: number) => ({ item_id, item_category, price, quantity });
const page = (min: number) => ev(min, 'page_view', { page_location: 'https://shop.example/' });

const summary = (log: TrackedEvent[]) => summarize(emptyAggregate(), log);

describe('summarize', () => {
  it('gives zeros and empty lists for an empty log', () => {
    expect(summary([])).toEqual({
      sessions: 0,
      pageviews: 0,
      purchases: { count: 0, revenue: 0 },
      categories: {},
      viewed: [],
      carted: [],
      purchased: [],
      cart: { items: 0, value: 0 },
      prices: { avgViewed: undefined, maxViewed: undefined },
    });
  });

  it.each([
    ['one page view', [page(0)], { sessions: 1, pageviews: 1, firstSeen: T0 }],
    ['two views 10 minutes apart: one session', [page(0), page(10)], { sessions: 1, pageviews: 2 }],
    ['two views 31 minutes apart: two sessions', [page(0), page(31)], { sessions: 2, pageviews: 2 }],
    ['activity keeps a session open past 30 minutes', [page(0), page(20), page(40), page(60)], { sessions: 1 }],
  ])('%s', (_, log, expected) => {
    expect(summary(log)).toMatchObject(expected);
  });

  it.each([
    [
      'a visitor who looked at a pricier dress and bought a cheaper one',
      [
        ev(0, 'view_item', { items: [item('d-200', 'dresses', 200)] }),
        ev(1, 'view_item', { items: [item('d-80', 'dresses', 80)] }),
        ev(2, 'add_to_cart', { items: [item('d-80', 'dresses', 80)] }),
        ev(3, 'purchase', { transaction_id: 't1', value: 80, items: [item('d-80', 'dresses', 80)] }),
      ],
      {
        categories: { dresses: { views: 2, carts: 1, purchases: 1, maxViewedPrice: 200, lastPurchasePrice: 80 } },
        viewed: ['d-80', 'd-200'],
        carted: ['d-80'],
        purchased: ['d-80'],
        purchases: { count: 1, revenue: 80, first: T0 + 3 * MIN, last: T0 + 3 * MIN },
        cart: { items: 0, value: 0 },
        prices: { avgViewed: 140, maxViewed: 200 },
      },
    ],
    [
      'a visitor who viewed but never bought',
      [ev(0, 'view_item', { items: [item('b1', 'books', 12.5)] }), ev(1, 'view_item', { items: [item('b2', 'books', 20)] })],
      { categories: { books: { views: 2, maxViewedPrice: 20 } }, purchases: { count: 0, revenue: 0 }, purchased: [] },
    ],
    [
      'cart state follows adds and removes, with quantities',
      [
        ev(0, 'add_to_cart', { items: [item('a', 'x', 10, 2)] }),
        ev(1, 'add_to_cart', { items: [item('b', 'x', 5)] }),
        ev(2, 'remove_from_cart', { items: [item('a', 'x', 10, 1)] }),
      ],
      { cart: { items: 2, value: 15, updated: T0 + 2 * MIN }, carted: ['b', 'a'], categories: { x: { carts: 2 } } },
    ],
    [
      'revenue adds up over purchases; without value it is the item total',
      [
        ev(0, 'purchase', { transaction_id: 't1', value: 30.1 }),
        ev(60 * 24, 'purchase', { transaction_id: 't2', items: [item('p', 'x', 9.95, 2)] }),
      ],
      { purchases: { count: 2, revenue: 50, first: T0, last: T0 + 60 * 24 * MIN } },
    ],
    [
      'viewing an id again moves it to the front without repeating it',
      [ev(0, 'view_item', { items: [item('a', 'x', 1)] }), ev(1, 'view_item', { items: [item('b', 'x', 1)] }), ev(2, 'view_item', { items: [item('a', 'x', 1)] })],
      { viewed: ['a', 'b'] },
    ],
    [
      "the seeds' dress: size M of the €99.50 dress sold out, the €49.50 one bought",
      [
        ev(0, 'view_item', { items: [item('d-9950', 'dresses', 99.5)] }),
        ev(1, 'size_sold_out', { item_id: 'd-9950', item_category: 'dresses', price: 99.5, size: 'M' }),
        ev(2, 'view_item', { items: [item('d-4950', 'dresses', 49.5)] }),
        ev(3, 'purchase', { transaction_id: 't1', value: 49.5, items: [item('d-4950', 'dresses', 49.5)] }),
      ],
      { categories: { dresses: { views: 2, purchases: 1, maxViewedPrice: 99.5, lastPurchasePrice: 49.5, soldOutSizeViews: ['M'] } } },
    ],
    [
      'sold-out sizes: distinct, most recent first, at most five, a number size as text, none without a category or size',
      [
        ...['S', 'M', 'L', 'XL', 'XXL', 'M', 'XS'].map((size, i) => ev(i, 'size_sold_out', { item_category: 'dresses', size })),
        ev(8, 'size_sold_out', { item_category: 'shoes', size: 39 }),
        ev(9, 'size_sold_out', { size: 'M' }),
        ev(10, 'size_sold_out', { item_category: 'jackets' }),
      ],
      { categories: { dresses: { soldOutSizeViews: ['XS', 'M', 'XXL', 'XL', 'L'] }, shoes: { soldOutSizeViews: ['39'] }, jackets: {} } },
    ],
    [
      'custom events count toward sessions but change nothing else',
      [ev(0, 'newsletter_signup'), ev(45, 'newsletter_signup')],
      { sessions: 2, pageviews: 0, categories: {} },
    ],
  ])('%s', (_, log, expected) => {
    expect(summary(log)).toMatchObject(expected);
  });

  it(`keeps the ${RECENT_IDS} most recent ids per list`, () => {
    const log = Array.from({ length: RECENT_IDS + 5 }, (_, i) => ev(i, 'view_item', { items: [item(`p${i}`, 'x', 1)] }));
    const { viewed } = summary(log);
    expect(viewed).toHaveLength(RECENT_IDS);
    expect(viewed![0]).toBe(`p${RECENT_IDS + 4}`);
  });

  it('tracks at most 50 categories, as the edge accepts', () => {
    const log = Array.from({ length: 60 }, (_, i) => ev(i, 'view_item', { items: [item(`p${i}`, `c${i}`, 1)] }));
    expect(Object.keys(summary(log).categories!)).toHaveLength(50);
  });

  it('does not change the aggregate it starts from', () => {
    const start = emptyAggregate();
    summarize(start, [page(0)]);
    expect(start).toEqual(emptyAggregate());
  });
});
