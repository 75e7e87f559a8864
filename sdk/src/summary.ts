import type { CategoryStats, Profile } from '../../shared/schema/profile.js';
import type { Aggregate } from './aggregate.js';
import { startsSession } from './session.js';
import type { Item, TrackedEvent } from './types.js';

/**
 * The profile summary from the event log: `fold` adds an event to the running totals
 * (aggregate.ts), `summarize` reads the summary a decide carries. Only a visitor with
 * personalization consent has a profile, so this lives in the lazily loaded profile
 * bundle (sdk/src/lazy/profile.ts), not in the script every page downloads.
 */

/** Recently seen product ids kept per list, most recent first. */
export const RECENT_IDS = 20;
const MAX_CATEGORIES = 50;

/** Moves `id` to the front of `list`, keeping at most `max` (sold-out sizes: LIMITS.soldOutSizes, 5). */
const pushRecent = (list: string[], id: string, max = RECENT_IDS) => {
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
  list.unshift(id);
  list.length = Math.min(list.length, max);
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const lineValue = (items: Item[]) => items.reduce((sum, i) => sum + (i.price ?? 0) * (i.quantity ?? 1), 0);

/** Adds one event to the aggregate, in place. Events must come in time order. */
export function fold(a: Aggregate, e: TrackedEvent): Aggregate {
  a.firstSeen ??= e.ts;
  if (startsSession(a.lastTs, e.ts)) a.sessions++;
  a.lastTs = e.ts;
  const items = e.items ?? [];
  // The edge takes at most 50 categories; past that, new ones are not tracked. Page data
  // names the key, so only own entries count and "__proto__" is no category.
  const cats = a.categories;
  const category = ({ item_category: k }: Pick<Item, 'item_category'>): CategoryStats | undefined =>
    k && k !== '__proto__' ? (Object.hasOwn(cats, k) ? cats[k] : Object.keys(cats).length < MAX_CATEGORIES ? (cats[k] = {}) : undefined) : undefined;
  switch (e.name) {
    case 'page_view':
      a.pageviews++;
      break;
    case 'view_item':
      for (const i of items) {
        pushRecent(a.viewed, i.item_id);
        const c = category(i);
        if (c) c.views = (c.views ?? 0) + 1;
        if (i.price === undefined) continue;
        a.priceSum += i.price;
        a.priceCount++;
        a.maxPrice = Math.max(a.maxPrice ?? 0, i.price);
        if (c) c.maxViewedPrice = Math.max(c.maxViewedPrice ?? 0, i.price);
      }
      break;
    case 'add_to_cart':
    case 'remove_from_cart': {
      const sign = e.name === 'add_to_cart' ? 1 : -1;
      for (const i of items) {
        if (sign > 0) {
          pushRecent(a.carted, i.item_id);
          const c = category(i);
          if (c) c.carts = (c.carts ?? 0) + 1;
        }
        a.cart.items = Math.max(0, a.cart.items + sign * (i.quantity ?? 1));
      }
      a.cart.value = a.cart.items ? Math.max(0, round2(a.cart.value + sign * lineValue(items))) : 0;
      a.cart.updated = e.ts;
      break;
    }
    case 'size_sold_out': {
      // The size wanted while it was sold out: recommendations then skip what is sold out in it.
      const c = category(e as Pick<Item, 'item_category'>);
      if (c && e.size) pushRecent((c.soldOutSizeViews ??= []), e.size + '', 5);
      break;
    }
    case 'purchase': {
      const p = a.purchases;
      p.count++;
      p.revenue = round2(p.revenue + (e.value ?? lineValue(items)));
      p.first ??= e.ts;
      p.last = e.ts;
      for (const i of items) {
        pushRecent(a.purchased, i.item_id);
        const c = category(i);
        if (!c) continue;
        c.purchases = (c.purchases ?? 0) + 1;
        if (i.price !== undefined) c.lastPurchasePrice = i.price;
      }
      a.cart = { items: 0, value: 0, updated: e.ts };
    }
  }
  return a;
}

/**
 * The profile summary a decide call carries, from the aggregate plus the events after it.
 * `source` is not in it: the edge classifies traffic sources, and the client keeps what it said.
 */
export function summarize(aggregate: Aggregate, log: readonly TrackedEvent[]): Profile {
  const { lastTs, priceSum, priceCount, maxPrice, ...profile } = log.reduce(fold, structuredClone(aggregate));
  return { ...profile, prices: { avgViewed: priceCount ? round2(priceSum / priceCount) : undefined, maxViewed: maxPrice } };
}
