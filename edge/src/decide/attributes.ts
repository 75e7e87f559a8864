import type { Attributes } from '../../../shared/rules/compile.js';
import type { Config } from '../../../shared/schema/config.js';
import type { Profile } from '../../../shared/schema/profile.js';
import type { Rfm } from '../../../shared/rfm.js';
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
}

/**
 * The attribute tree rules see (DESIGN.md). Facts that need two numbers from the summary
 * are derived here, once, so marketers can name them: `tradedDown`, `cart.abandoned`,
 * `cart.toFreeShipping`, `interests` ordered by affinity.
 */
export function buildAttributes({ profile, context, rfm, traits, customer, cart, now }: AttributeInput): Attributes {
  const p = profile ?? {};
  // Keyed by the visitor's category names: a null prototype, so "__proto__" is just a name.
  const categories: Record<string, Record<string, unknown>> = Object.create(null);
  const affinity: [string, number][] = [];
  for (const [name, c] of Object.entries(p.categories ?? {})) {
    const tradedDown = c.maxViewedPrice !== undefined && c.lastPurchasePrice !== undefined && c.maxViewedPrice > c.lastPurchasePrice;
    categories[name] = { ...c, tradedDown };
    affinity.push([name, (c.views ?? 0) + 3 * (c.carts ?? 0) + 5 * (c.purchases ?? 0)]);
  }
  affinity.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

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
    interests: affinity.filter(([, score]) => score > 0).map(([name]) => name),
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
