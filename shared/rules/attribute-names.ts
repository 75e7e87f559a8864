/**
 * Fast reads of the attribute names DESIGN.md defines (the attribute tree).
 *
 * A compiled rule is a closure, and every closure made from one function shares the
 * engine's inline caches, so `object[key]` in the path reader sees every key and every
 * object shape: a slow megamorphic lookup. A property read written out by name gets an
 * inline cache of its own, which stays fast. So the names rules read most are listed
 * here, each with its own read; any other name falls back to `object[key]`. A name that
 * is missing here is only slower, never wrong.
 */

export const ATTRIBUTE_NAMES = [
  // top level
  'context', 'visitor', 'rfm', 'categories', 'interests', 'cart', 'products', 'prices', 'traits', 'segments',
  // context.*
  'url', 'path', 'referrerHost', 'source', 'utm', 'medium', 'campaign', 'device', 'country', 'region', 'city', 'language', 'hour', 'weekday',
  // visitor.*
  'new', 'sessions', 'pageviews', 'daysSinceFirstVisit',
  // rfm.*
  'recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'segment', 'clv',
  // categories.<name>.*
  'views', 'carts', 'purchases', 'maxViewedPrice', 'lastPurchasePrice', 'tradedDown',
  // cart.*, products.*, prices.*
  'items', 'value', 'abandoned', 'viewed', 'carted', 'purchased', 'avgViewed', 'maxViewed',
  // common traits
  'tier', 'tags', 'id', 'price',
] as const;

const NAME_IDS = new Map<string, number>(ATTRIBUTE_NAMES.map((name, id) => [name, id]));

/** The id `readAttribute` takes for `name`, or -1 for a name without a fast read. */
export function attributeNameId(name: string): number {
  return NAME_IDS.get(name) ?? -1;
}

/** `object[name]`; `id` is `attributeNameId(name)`. Case n reads ATTRIBUTE_NAMES[n]. */
export function readAttribute(object: Record<string, unknown>, id: number, name: string): unknown {
  switch (id) {
    case 0: return object.context;
    case 1: return object.visitor;
    case 2: return object.rfm;
    case 3: return object.categories;
    case 4: return object.interests;
    case 5: return object.cart;
    case 6: return object.products;
    case 7: return object.prices;
    case 8: return object.traits;
    case 9: return object.segments;
    case 10: return object.url;
    case 11: return object.path;
    case 12: return object.referrerHost;
    case 13: return object.source;
    case 14: return object.utm;
    case 15: return object.medium;
    case 16: return object.campaign;
    case 17: return object.device;
    case 18: return object.country;
    case 19: return object.region;
    case 20: return object.city;
    case 21: return object.language;
    case 22: return object.hour;
    case 23: return object.weekday;
    case 24: return object.new;
    case 25: return object.sessions;
    case 26: return object.pageviews;
    case 27: return object.daysSinceFirstVisit;
    case 28: return object.recencyDays;
    case 29: return object.frequency;
    case 30: return object.monetary;
    case 31: return object.r;
    case 32: return object.f;
    case 33: return object.m;
    case 34: return object.segment;
    case 35: return object.clv;
    case 36: return object.views;
    case 37: return object.carts;
    case 38: return object.purchases;
    case 39: return object.maxViewedPrice;
    case 40: return object.lastPurchasePrice;
    case 41: return object.tradedDown;
    case 42: return object.items;
    case 43: return object.value;
    case 44: return object.abandoned;
    case 45: return object.viewed;
    case 46: return object.carted;
    case 47: return object.purchased;
    case 48: return object.avgViewed;
    case 49: return object.maxViewed;
    case 50: return object.tier;
    case 51: return object.tags;
    case 52: return object.id;
    case 53: return object.price;
    default: return object[name];
  }
}
