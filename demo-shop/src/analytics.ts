/** GA4 e-commerce events, sent through Vitrine (which keeps them only with consent). */
import type { Item } from '../../shared/schema/events.js';
import type { Product } from './catalog.js';
import type { PricedLine } from './cart.js';
import { vitrine } from './vitrine.js';

export function toItem(product: Product, quantity = 1): Item {
  return { item_id: product.id, item_name: product.name, item_category: product.category, price: product.price, quantity };
}

const lineItems = (lines: PricedLine[]) => lines.map((l) => toItem(l.product, l.qty));
const sum = (lines: PricedLine[]) => Math.round(lines.reduce((s, l) => s + l.total, 0) * 100) / 100;

export function trackViewItemList(listName: string, products: readonly Product[]): void {
  // GA4 caps a list event's items; Vitrine's collect takes at most 50 per event.
  vitrine('track', 'view_item_list', { item_list_name: listName, items: products.slice(0, 50).map((p) => toItem(p)) });
}

export function trackViewItem(product: Product): void {
  vitrine('track', 'view_item', { currency: 'EUR', value: product.price, items: [toItem(product)] });
}

export function trackAddToCart(product: Product, quantity: number): void {
  vitrine('track', 'add_to_cart', { currency: 'EUR', value: product.price * quantity, items: [toItem(product, quantity)] });
}

export function trackRemoveFromCart(product: Product, quantity: number): void {
  vitrine('track', 'remove_from_cart', { currency: 'EUR', value: product.price * quantity, items: [toItem(product, quantity)] });
}

export function trackBeginCheckout(lines: PricedLine[]): void {
  vitrine('track', 'begin_checkout', { currency: 'EUR', value: sum(lines), items: lineItems(lines) });
}

export function trackPurchase(transactionId: string, lines: PricedLine[], shipping: number): void {
  vitrine('track', 'purchase', { transaction_id: transactionId, value: sum(lines), shipping, currency: 'EUR', items: lineItems(lines) });
}

export function trackSearch(term: string): void {
  vitrine('track', 'search', { search_term: term });
}
