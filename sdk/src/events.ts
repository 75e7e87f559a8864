import type { Item, TrackedEvent } from './types.js';

/** 16 random base-36 characters; getRandomValues works on plain-http pages too. */
export function uid(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b % 36).toString(36)).join('');
}

const num = (v: unknown) => (v === undefined || v === '' || !isFinite(+(v as number)) ? undefined : +(v as number));

/** Keeps the five GA4 item fields the profile uses, with numbers as numbers (pushes often carry strings). */
export const normalizeItem = ({ item_id, item_name, item_category, price, quantity }: Record<string, unknown>): Item => ({
  item_id: String(item_id).slice(0, 64),
  item_name: item_name as string | undefined,
  item_category: item_category === undefined ? undefined : String(item_category).slice(0, 64),
  price: num(price),
  quantity: num(quantity),
});

export function makeEvent(name: string, params: Record<string, unknown> | undefined, ts: number): TrackedEvent {
  const event: TrackedEvent = { ...params, id: uid(), name, ts };
  if (Array.isArray(event.items)) event.items = event.items.filter((i) => i?.item_id != null).map(normalizeItem);
  if (event.value !== undefined) event.value = num(event.value);
  return event;
}

/** GA4 e-commerce names a shop may already push to `dataLayer`. */
const ECOMMERCE = /^(view_item_list|view_item|add_to_cart|remove_from_cart|begin_checkout|purchase|search)$/;

/**
 * The `[name, params]` of a GA4 e-commerce push, in either form shops use:
 * `{event: 'add_to_cart', ecommerce: {…}}` (GTM) or `gtag('event', 'add_to_cart', {…})`.
 */
export function fromDataLayer(entry: unknown): [string, Record<string, unknown>] | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string | number, unknown>;
  if (e[0] === 'event' && ECOMMERCE.test(e[1] as string)) return [e[1] as string, (e[2] ?? {}) as Record<string, unknown>];
  if (ECOMMERCE.test(e.event as string) && e.ecommerce) return [e.event as string, e.ecommerce as Record<string, unknown>];
  return null;
}
