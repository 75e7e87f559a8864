import type { Attributes } from '../../../shared/rules/compile.js';
import type { Config } from '../../../shared/schema/config.js';
import type { Profile } from '../../../shared/schema/profile.js';
import type { Rfm } from '../../../shared/rfm.js';
import { rankInterests } from '../recs/category-affinity.js';
import type { Scored } from '../recs/lists.js';
import type { EdgeContext } from './context.js';

const DAY = 86_400_000;

export interface AttributeInput {
  profile?: Profile;
  context: EdgeContext;
  rfm: Rfm | null;
  /** What the page set with `set`: visible to the visitor, never trusted for anything that costs money. */
  traits?: Record<string, unknown>;
  /** What the shop uploaded for a customer whose identify was verified. */
  customer?: Record<string, unknown>;
  cart: Config['cart'];
  now: number;
  /** Category neighbours learned from co-purchases (the site's lists), for `interests`. */
  learnedCategories?: Readonly<Record<string, Scored[]>>;
}

/**
 * The attribute tree rules see (DESIGN.md). Facts that need two numbers from the summary
 * are derived here, once, so marketers can name them: `tradedDown`, `cart.abandoned`,
 * `cart.toFreeShipping`, `interests` ordered by affinity and widened by learned neighbours.
 */
export function buildAttributes({ profile, context, rfm, traits, customer, cart, now, learnedCategories }: AttributeInput): Attributes {
  const p = profile ?? {};
  // Keyed by the visitor's category names: a null prototype, so "__proto__" is just a name.
  const categories: Record<string, Record<string, unknown>> = Object.create(null);
  for (const [name, c] of Object.entries(p.categories ?? {})) {
    const tradedDown = c.maxViewedPrice !== undefined && c.lastPurchasePrice !== undefined && c.maxViewedPrice > c.lastPurchasePrice;
    categories[name] = { ...c, tradedDown };
  }
  const interests = rankInterests(p.categories, learnedCategories);

  const items = p.cart?.items ?? 0;
  const value = p.cart?.value ?? 0;
  const idleMs = p.cart?.updated ? now - p.cart.updated : 0;
  const sessions = p.sessions ?? 0;
  return {
    context,
    visitor: {
      new: sessions <= 1,
      sessions,
      pageviews: p.pageviews ?? 0,
      daysSinceFirstVisit: p.firstSeen ? Math.floor((now - p.firstSeen) / DAY) : 0,
    },
    rfm: rfm ?? undefined,
    categories,
    interests: [...interests.own, ...interests.learned],
    cart: {
      items,
      value,
      abandoned: items > 0 && idleMs > cart.abandonAfterMinutes * 60_000,
      ...(cart.freeShippingAbove !== undefined && { toFreeShipping: Math.max(0, round2(cart.freeShippingAbove - value)) }),
    },
    products: { viewed: p.viewed ?? [], carted: p.carted ?? [], purchased: p.purchased ?? [] },
    prices: p.prices ?? {},
    source: p.source ?? {},
    traits: traits ?? {},
    customer: customer ?? {},
    segments: [],
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
