import type { CategoryStats } from '../../../shared/schema/profile.js';
import { neighbours, type Scored } from './lists.js';

/** How much each kind of interest counts: a purchase says more than a cart, a cart more than a view. */
export const AFFINITY_WEIGHT = { view: 1, cart: 3, purchase: 5 } as const;
/** Learned categories added after the visitor's own: enough to widen the shelf, not to drown it. */
export const MAX_LEARNED = 3;

export interface RankedInterests {
  /** The visitor's own categories, strongest first (views + 3 × carts + 5 × purchases). */
  own: string[];
  /**
   * Categories the visitor has not touched that buyers of theirs also buy ("people who buy
   * thrillers also buy literature"), by Σ own affinity × learned similarity, at most MAX_LEARNED.
   */
  learned: string[];
}

export function affinityOf(c: CategoryStats): number {
  return (c.views ?? 0) * AFFINITY_WEIGHT.view + (c.carts ?? 0) * AFFINITY_WEIGHT.cart + (c.purchases ?? 0) * AFFINITY_WEIGHT.purchase;
}

const byScore = (x: readonly [string, number], y: readonly [string, number]) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1);

/**
 * The visitor's interests: their own categories first, in their own order, so a rule on
 * `interests.0` keeps meaning "what they do most"; then the learned neighbours. `learned`
 * is the category-level co-purchase map the site's Durable Object publishes with the lists
 * (absent on a new site: no neighbours, own categories only).
 */
export function rankInterests(categories: Readonly<Record<string, CategoryStats>> | undefined, learned: Readonly<Record<string, Scored[]>> | undefined): RankedInterests {
  const own = Object.entries(categories ?? {})
    .map(([name, c]) => [name, affinityOf(c)] as const)
    .filter(([, score]) => score > 0)
    .sort(byScore);
  if (!learned || own.length === 0) return { own: own.map(([name]) => name), learned: [] };
  const mine = new Set(own.map(([name]) => name));
  const scores = new Map<string, number>();
  for (const [name, affinity] of own)
    for (const [other, similarity] of neighbours(learned, name))
      if (!mine.has(other)) scores.set(other, (scores.get(other) ?? 0) + affinity * similarity);
  return {
    own: own.map(([name]) => name),
    learned: [...scores].filter(([, score]) => score > 0).sort(byScore).slice(0, MAX_LEARNED).map(([name]) => name),
  };
}
