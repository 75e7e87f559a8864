import { keys } from '../config/keys.js';

/*
 * The recommendation lists a site's Durable Object computes on its alarm and writes to KV
 * as ONE value, `site:<site>:recs:lists`, so decide reads every list in one go and never
 * calls the Durable Object.
 */

/** [productId, score], best first. */
export type Scored = [string, number];

export interface Lists {
  /** Per product: what baskets holding it also held, scored so bestsellers do not dominate. */
  alsoBought: Record<string, Scored[]>;
  /** Per product: what sessions viewing it also viewed. */
  alsoViewed: Record<string, Scored[]>;
  /** Recent interest with a short half-life. */
  trending: Scored[];
  /** Purchases in baskets, all time. */
  bestsellers: Scored[];
  /**
   * Per category: the categories the same buyers also buy, over all their orders ("people
   * who buy thrillers also buy literature"). Absent in lists written before it existed.
   */
  categories?: Record<string, Scored[]>;
  updated: number;
}

/** Co-occurrence counts over baskets (orders) or sessions, as the Durable Object keeps them. */
export interface CoOccurrence {
  /** Unordered pairs, each once: [a, b, number of baskets holding both]. */
  pairs: Iterable<readonly [string, string, number]>;
  /** Number of baskets holding each item. */
  items: ReadonlyMap<string, number>;
  baskets: number;
}

export interface ScoreOptions {
  method: 'lift' | 'cosine';
  /** Pairs seen in fewer baskets are noise: lift of two one-off items is huge and meaningless. */
  minSupport?: number;
  topN?: number;
  /** Keep lists for at most this many items (the most bought ones), bounding the KV value. */
  maxItems?: number;
}

export const LIST_DEFAULTS = {
  minSupport: 2,
  topN: 8,
  maxItems: 10_000,
  trendingHalfLifeHours: 24,
  trendingSize: 100,
  bestsellersSize: 500,
} as const;

/**
 * Item-to-item scores from pair counts. Raw co-counts would put the bestseller first in every
 * list; lift (P(ab) / P(a)P(b)) and cosine (ab / √(a·b)) divide its popularity back out.
 * Both are symmetric, so each pair feeds both items' lists.
 */
export function scorePairs(
  pairCounts: Iterable<readonly [string, string, number]>,
  itemCounts: ReadonlyMap<string, number>,
  totalBaskets: number,
  options: ScoreOptions,
): Record<string, Scored[]> {
  const minSupport = options.minSupport ?? LIST_DEFAULTS.minSupport;
  const topN = options.topN ?? LIST_DEFAULTS.topN;
  const keep = mostFrequent(itemCounts, options.maxItems ?? LIST_DEFAULTS.maxItems);
  const candidates = new Map<string, { id: string; score: number; support: number }[]>();
  const add = (from: string, to: string, score: number, support: number) => {
    if (!keep.has(from)) return;
    const list = candidates.get(from);
    if (list) list.push({ id: to, score, support });
    else candidates.set(from, [{ id: to, score, support }]);
  };
  for (const [a, b, together] of pairCounts) {
    if (a === b || together < minSupport) continue;
    const ca = itemCounts.get(a) ?? 0;
    const cb = itemCounts.get(b) ?? 0;
    if (ca === 0 || cb === 0) continue;
    const score = options.method === 'lift' ? (together * totalBaskets) / (ca * cb) : together / Math.sqrt(ca * cb);
    add(a, b, score, together);
    add(b, a, score, together);
  }
  const entries = [...candidates].map(([id, list]): [string, Scored[]] => {
    list.sort((x, y) => y.score - x.score || y.support - x.support || (x.id < y.id ? -1 : 1));
    return [id, list.slice(0, topN).map((c) => [c.id, round(c.score)])];
  });
  // fromEntries defines own properties, so even an id like "__proto__" is kept as data.
  return Object.fromEntries(entries);
}

/** A product's list in an item-to-item map; own properties only, so "constructor" finds nothing. */
export function neighbours(map: Record<string, Scored[]>, id: string): Scored[] {
  return Object.hasOwn(map, id) ? map[id] : [];
}

/** Largest basket whose pairs are counted: pairs grow with the square of the basket size. */
export const MAX_BASKET_ITEMS = 20;

/** The unordered pairs of one basket, each once, as [smaller id, larger id]. */
export function pairsOf(items: readonly string[]): [string, string][] {
  const distinct = [...new Set(items)].slice(0, MAX_BASKET_ITEMS).sort();
  const pairs: [string, string][] = [];
  for (let i = 0; i < distinct.length; i++)
    for (let j = i + 1; j < distinct.length; j++) pairs.push([distinct[i], distinct[j]]);
  return pairs;
}

/** Counts baskets in memory, the way the Durable Object counts them in SQLite. */
export function countCoOccurrence(baskets: Iterable<readonly string[]>): CoOccurrence {
  const items = new Map<string, number>();
  const pairCounts = new Map<string, [string, string, number]>();
  let total = 0;
  for (const basket of baskets) {
    total++;
    for (const id of new Set(basket)) items.set(id, (items.get(id) ?? 0) + 1);
    for (const [a, b] of pairsOf(basket)) {
      const key = `${a}\u0000${b}`;
      const entry = pairCounts.get(key);
      if (entry) entry[2]++;
      else pairCounts.set(key, [a, b, 1]);
    }
  }
  return { pairs: [...pairCounts.values()], items, baskets: total };
}

function mostFrequent(counts: ReadonlyMap<string, number>, limit: number): Set<string> {
  if (counts.size <= limit) return new Set(counts.keys());
  return new Set(
    [...counts]
      .sort((x, y) => y[1] - x[1])
      .slice(0, limit)
      .map(([id]) => id),
  );
}

/** An interaction for popularity: weight is e.g. 1 for a view, 3 for a cart, 5 for a purchase. */
export interface Interaction {
  id: string;
  ts: number;
  weight?: number;
}

/** Σ weight · ½^(age / half-life): an item seen a lot yesterday ranks below one seen a lot today. */
export function decayedPopularity(events: Iterable<Interaction>, halfLifeHours: number, now: number): Map<string, number> {
  const halfLifeMs = halfLifeHours * 3_600_000;
  const scores = new Map<string, number>();
  for (const e of events) {
    const age = Math.max(0, now - e.ts);
    scores.set(e.id, (scores.get(e.id) ?? 0) + (e.weight ?? 1) * 0.5 ** (age / halfLifeMs));
  }
  return scores;
}

export function topScored(scores: ReadonlyMap<string, number>, n: number): Scored[] {
  return [...scores]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, n)
    .map(([id, score]) => [id, round(score)]);
}

/** Three decimals: the lists are read on every isolate's cold start, bytes matter. */
function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

export interface ListsInput {
  now: number;
  /** Co-purchases: one basket per order. */
  purchases: CoOccurrence;
  /** Co-views: one basket per visitor session. */
  views: CoOccurrence;
  /** Categories bought by the same visitor: one basket per buyer. */
  categories?: CoOccurrence;
  /** Recent views, carts and purchases, weighted, for trending. */
  recent: Iterable<Interaction>;
  method?: 'lift' | 'cosine';
  minSupport?: number;
  topN?: number;
  maxItems?: number;
  trendingHalfLifeHours?: number;
}

export function buildLists(input: ListsInput): Lists {
  const options: ScoreOptions = {
    // Cosine by default: with little support lift ranks chance pairs of rare items first, and
    // bench/recs-quality.ts shows it behind cosine unless minSupport is raised (which empties
    // the lists of a small shop).
    method: input.method ?? 'cosine',
    minSupport: input.minSupport,
    topN: input.topN,
    maxItems: input.maxItems,
  };
  const halfLife = input.trendingHalfLifeHours ?? LIST_DEFAULTS.trendingHalfLifeHours;
  return {
    alsoBought: scorePairs(input.purchases.pairs, input.purchases.items, input.purchases.baskets, options),
    alsoViewed: scorePairs(input.views.pairs, input.views.items, input.views.baskets, options),
    trending: topScored(decayedPopularity(input.recent, halfLife, input.now), LIST_DEFAULTS.trendingSize),
    bestsellers: topScored(input.purchases.items, LIST_DEFAULTS.bestsellersSize),
    categories: input.categories ? scorePairs(input.categories.pairs, input.categories.items, input.categories.baskets, options) : {},
    updated: input.now,
  };
}

export const listsKey = keys.recsLists;

export async function writeLists(kv: KVNamespace, site: string, lists: Lists): Promise<void> {
  await kv.put(listsKey(site), JSON.stringify(lists));
}

export async function readLists(kv: KVNamespace, site: string): Promise<Lists | null> {
  return kv.get<Lists>(listsKey(site), 'json');
}
