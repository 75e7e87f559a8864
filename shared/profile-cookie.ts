/**
 * The profile summary as a first-party cookie, so the edge's HTML proxy can decide before
 * any script runs. The SDK writes it (with personalization consent) whenever the summary
 * changes; the proxy decodes it. Zod-free: the SDK bundles the encoder.
 *
 * Format `v1|…`: twelve fields separated by `|`, in this order, an empty field for
 * a missing value:
 *   v1 | firstSeen | sessions | pageviews | purchases | cart | source | prices |
 *   viewed | carted | purchased | categories
 * - numbers are base-36 integers; times are seconds since the epoch (base 36); money is
 *   in cents (base 36);
 * - purchases `count:revenue:first:last`, cart `items:value:updated`, source
 *   `first:last`, prices `avgViewed:maxViewed`;
 * - product ids (most recent first) are URI-encoded and joined by `/`;
 * - categories are `name:views:carts:purchases:maxViewedPrice:lastPurchasePrice`, URI-encoded
 *   name, joined by `/`, most useful first; a category with sold-out sizes adds
 *   `:soldOutSizeViews`, the sizes URI-encoded and joined by `+`.
 * URI encoding leaves only cookie-safe characters, and `|`, `:`, `/` and `+` inside a value are
 * encoded, so they always delimit.
 *
 * A value never exceeds PROFILE_COOKIE_MAX characters: past it, the least useful parts go
 * first (older product ids, then the categories with the least activity).
 */
import type { CategoryStats, Profile } from './schema/profile.js';
import { SOURCES, type Source } from './source.js';

export const PROFILE_COOKIE = 'vitrine_profile';
export const PROFILE_COOKIE_MAX = 3072;
const VERSION = 'v1';
const FIELDS = 12;
/** Product ids per list and categories kept, tried in turn until the value fits. */
const LEVELS = [
  [20, 50],
  [10, 20],
  [5, 10],
  [2, 5],
  [0, 0],
];

const b36 = (n: number | undefined, scale = 1) => (n === undefined ? '' : Math.round(n * scale).toString(36));
const seconds = (ms?: number) => b36(ms, 1e-3);
const cents = (amount?: number) => b36(amount, 100);
const ids = (list: string[] = [], n: number) => list.slice(0, n).map(encodeURIComponent).join('/');
/** A purchase says more than a cart, a cart more than a view. */
const usefulness = (c: CategoryStats) => (c.purchases ?? 0) * 4 + (c.carts ?? 0) * 2 + (c.views ?? 0);

export function encodeProfileCookie(p: Profile): string {
  const { purchases: o, cart: c, source: s, prices: pr } = p;
  const categories = Object.entries(p.categories ?? {}).sort((a, b) => usefulness(b[1]) - usefulness(a[1]));
  let value = '';
  for (const [n, k] of LEVELS) {
    value = [
      VERSION,
      seconds(p.firstSeen),
      b36(p.sessions),
      b36(p.pageviews),
      o ? [b36(o.count), cents(o.revenue), seconds(o.first), seconds(o.last)].join(':') : '',
      c ? [b36(c.items), cents(c.value), seconds(c.updated)].join(':') : '',
      s ? [s.first, s.last].join(':') : '',
      pr ? [cents(pr.avgViewed), cents(pr.maxViewed)].join(':') : '',
      ids(p.viewed, n),
      ids(p.carted, n),
      ids(p.purchased, n),
      categories
        .slice(0, k)
        .map(([name, v]) => {
          const fields = [encodeURIComponent(name), b36(v.views), b36(v.carts), b36(v.purchases), cents(v.maxViewedPrice), cents(v.lastPurchasePrice)];
          if (v.soldOutSizeViews?.length) fields.push(v.soldOutSizeViews.map(encodeURIComponent).join('+'));
          return fields.join(':');
        })
        .join('/'),
    ].join('|');
    if (value.length <= PROFILE_COOKIE_MAX) break;
  }
  return value;
}

/** Thrown inside the decoder for any malformed part; the decoder answers null. */
const bad = (): never => {
  throw new Error('bad profile cookie');
};

/**
 * The profile in a cookie value, or null for anything malformed, of another version or
 * over PROFILE_COOKIE_MAX characters. Never throws. Bounds are those of the profile
 * schema (50 ids per list, 50 categories, 64-character ids and names).
 */
export function decodeProfileCookie(value: string): Profile | null {
  try {
    if (typeof value !== 'string' || value.length > PROFILE_COOKIE_MAX) return null;
    const f = value.split('|');
    if (f.length !== FIELDS || f[0] !== VERSION) return null;
    const num = (x: string, scale = 1) => (x === '' ? undefined : /^[0-9a-z]{1,10}$/.test(x) ? parseInt(x, 36) / scale : bad());
    const time = (x: string) => (x === '' ? undefined : num(x)! * 1000);
    const money = (x: string) => num(x, 100);
    const parts = (x: string, n: number) => (x === '' ? undefined : x.split(':').length === n ? x.split(':') : bad());
    const name = (x: string) => {
      const decoded = decodeURIComponent(x);
      return decoded && decoded.length <= 64 && decoded !== '__proto__' ? decoded : bad();
    };
    const list = (x: string) => (x === '' ? [] : x.split('/').length <= 50 ? x.split('/').map(name) : bad());
    const source = (x: string) => (x === '' ? undefined : (SOURCES as readonly string[]).includes(x) ? (x as Source) : bad());

    const o = parts(f[4], 4);
    const c = parts(f[5], 3);
    const s = parts(f[6], 2);
    const pr = parts(f[7], 2);
    const cats = f[11] === '' ? [] : f[11].split('/');
    if (cats.length > 50) return null;
    const categories: Record<string, CategoryStats> = {};
    const sizes = (x: string | undefined) => {
      const list = x?.split('+').map(decodeURIComponent);
      return !list || (list.length <= 5 && list.every((size) => size && size.length <= 32)) ? list : bad();
    };
    for (const entry of cats) {
      const [n, views, carts, purchases, maxViewedPrice, lastPurchasePrice, soldOut] = entry.split(':').length === 7 ? entry.split(':') : parts(entry, 6)!;
      categories[name(n)] = {
        views: num(views),
        carts: num(carts),
        purchases: num(purchases),
        maxViewedPrice: money(maxViewedPrice),
        lastPurchasePrice: money(lastPurchasePrice),
        soldOutSizeViews: sizes(soldOut),
      };
    }
    const count = (x?: string) => num(x ?? '') ?? bad();
    const profile: Profile = {
      firstSeen: time(f[1]),
      sessions: num(f[2]),
      pageviews: num(f[3]),
      purchases: o && { count: count(o[0]), revenue: count(o[1]) / 100, first: time(o[2]), last: time(o[3]) },
      cart: c && { items: count(c[0]), value: count(c[1]) / 100, updated: time(c[2]) },
      source: s && { first: source(s[0]), last: source(s[1]) },
      prices: pr && { avgViewed: money(pr[0]), maxViewed: money(pr[1]) },
      viewed: list(f[8]),
      carted: list(f[9]),
      purchased: list(f[10]),
      categories,
    };
    // Absent values are left out, as the SDK's own summary leaves them.
    return JSON.parse(JSON.stringify(profile));
  } catch {
    return null;
  }
}
