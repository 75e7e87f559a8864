import { describe, expect, it } from 'vitest';
import { fromDataLayer, makeEvent, uid } from './events.js';

describe('makeEvent', () => {
  it('puts id, name and ts beside the GA4 parameters, which cannot override them', () => {
    const e = makeEvent('search', { search_term: 'boots', id: 'x', ts: 1 }, 1234);
    expect(e).toMatchObject({ name: 'search', ts: 1234, search_term: 'boots' });
    expect(e.id).toMatch(/^[a-z0-9]{16}$/);
  });

  it('turns numeric strings in items and value into numbers and drops items without an id', () => {
    const e = makeEvent('purchase', { value: '59.90', items: [{ item_id: 7, price: '29.95', quantity: '2', item_brand: 'x' }, { price: 3 }] }, 1);
    expect(e.value).toBe(59.9);
    expect(e.items).toEqual([{ item_id: '7', item_name: undefined, item_category: undefined, price: 29.95, quantity: 2 }]);
  });
});

describe('uid', () => {
  it('gives distinct ids', () => {
    expect(new Set(Array.from({ length: 1000 }, uid)).size).toBe(1000);
  });
});

describe('fromDataLayer', () => {
  const args = (...a: unknown[]) => (function (..._: unknown[]) { return arguments; })(...a);
  it.each([
    ['a GTM e-commerce push', { event: 'add_to_cart', ecommerce: { value: 5 } }, ['add_to_cart', { value: 5 }]],
    ['a gtag event', args('event', 'purchase', { transaction_id: 't1' }), ['purchase', { transaction_id: 't1' }]],
    ['a GTM push without ecommerce', { event: 'add_to_cart' }, null],
    ['a non-commerce event', { event: 'gtm.js', ecommerce: {} }, null],
    ['the ecommerce reset', { ecommerce: null }, null],
    ['a gtag config call', args('config', 'G-123'), null],
    ['a consent command', args('consent', 'update', {}), null],
  ])('%s', (_, entry, expected) => {
    expect(fromDataLayer(entry)).toEqual(expected);
  });
});
