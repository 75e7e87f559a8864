import type { Product } from '../../../shared/schema/catalog.js';
import type { Recommendations, Strategy } from '../../../shared/schema/config.js';
import type { RecommendedItem } from '../../../shared/schema/decide.js';
import type { Profile } from '../../../shared/schema/profile.js';
import type { CatalogIndex } from './catalog-store.js';
import { AFFINITY_WEIGHT as WEIGHT, rankInterests } from './category-affinity.js';
import { neighbours, type Lists, type Scored } from './lists.js';
import { sizeFilter } from './sizes.js';

export interface RecommendInput {
  slot: Recommendations;
  profile?: Profile;
  index: CatalogIndex;
  /** Null on a site whose Durable Object has not written lists yet. */
  lists: Lists | null;
  /** The product the page is about: it seeds the item-to-item strategies and is never shown. */
  currentProductId?: string;
  /**
   * Ids of the slot's first `manual` entry whose `when` matches this visitor. The caller picks
   * it with the predicates its compiled config already holds, so nothing is compiled here.
   */
  manualIds?: readonly string[];
  /** The config's `recommendations.bestsellers`, for a site without purchase data yet. */
  siteBestsellers?: readonly string[];
}

export interface RankedPick {
  id: string;
  reason: Strategy;
}

const UPGRADE_MAX_FACTOR = 1.6;
const TOP_CATEGORIES = 3;
/** Only the latest few viewed items seed strategies: older interest is weaker and costs CPU. */
const MAX_SEEDS = 10;
/**
 * Products of one category examined per walk. An upgrade hunt in a 10,000-product category
 * with nothing in the price band would otherwise walk all of it on every decide.
 */
const MAX_EXAMINED = 400;

/**
 * Fills a recommendation slot: each strategy in config order offers candidates until `count`
 * are chosen. Hard filters apply to every strategy: in stock (in the visitor's size, for a
 * product sold in sizes: see sizes.ts), not bought, not in the cart,
 * not the page's own product, no repeats, at most `maxPerCategory` per category. If the
 * configured strategies leave the slot short, bestsellers (then the catalog's order) fill it,
 * so a slot is never empty while any eligible product is in stock.
 */
export function recommend(input: RecommendInput): RankedPick[] {
  const { slot, index } = input;
  const excluded = new Set([...(input.profile?.purchased ?? []), ...(input.profile?.carted ?? [])]);
  if (input.currentProductId) excluded.add(input.currentProductId);
  const fitsSize = sizeFilter(input.profile, index);
  const perCategory = new Map<string, number>();
  const chosen = new Set<string>();
  const picks: RankedPick[] = [];

  const offer = (id: string, reason: Strategy) => {
    const i = index.position.get(id);
    if (i === undefined || !index.inStock[i] || excluded.has(id) || chosen.has(id) || !fitsSize(i)) return;
    const category = index.category[i];
    const inCategory = perCategory.get(category) ?? 0;
    if (slot.maxPerCategory !== undefined && inCategory >= slot.maxPerCategory) return;
    perCategory.set(category, inCategory + 1);
    chosen.add(id);
    picks.push({ id, reason });
  };
  const fill = (strategy: Strategy) => {
    if (picks.length >= slot.count) return;
    for (const id of candidates(strategy, input)) {
      offer(id, strategy);
      if (picks.length >= slot.count) return;
    }
  };

  for (const strategy of slot.strategies) fill(strategy);
  fill('bestsellers');
  return picks;
}

/** Candidate ids of one strategy, best first, lazily: the cascade stops as soon as it is full. */
function candidates(strategy: Strategy, input: RecommendInput): Iterable<string> {
  switch (strategy) {
    case 'also-bought':
      return itemToItem(input, input.lists?.alsoBought);
    case 'also-viewed':
      return itemToItem(input, input.lists?.alsoViewed);
    case 'category-affinity':
      return categoryAffinity(input);
    case 'upgrade':
      return upgrades(input);
    case 'trending':
      return ids(input.lists?.trending ?? []);
    case 'bestsellers':
      return bestsellers(input);
    case 'manual':
      return input.manualIds ?? [];
  }
}

function* ids(scored: readonly Scored[]): Generator<string> {
  for (const [id] of scored) yield id;
}

/** The visitor's products with how strongly each shows interest; the page's product counts as bought-level interest. */
function seeds(input: RecommendInput): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (list: readonly string[] | undefined, weight: number) => {
    for (const id of (list ?? []).slice(0, MAX_SEEDS)) weights.set(id, Math.max(weights.get(id) ?? 0, weight));
  };
  add(input.profile?.viewed, WEIGHT.view);
  add(input.profile?.carted, WEIGHT.cart);
  add(input.profile?.purchased, WEIGHT.purchase);
  if (input.currentProductId) add([input.currentProductId], WEIGHT.purchase);
  return weights;
}

/** Sum over the visitor's seeds of seed weight × pair score: items related to several seeds rise. */
function itemToItem(input: RecommendInput, map: Record<string, Scored[]> | undefined): string[] {
  if (!map) return [];
  const totals = new Map<string, number>();
  for (const [seed, weight] of seeds(input))
    for (const [other, score] of neighbours(map, seed)) totals.set(other, (totals.get(other) ?? 0) + weight * score);
  return [...totals].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([id]) => id);
}

/** The visitor's strongest categories, then those their buyers also buy (learned at the edge, category-affinity.ts). */
function affinityCategories(input: RecommendInput): string[] {
  const { own, learned } = rankInterests(input.profile?.categories, input.lists?.categories);
  return [...own.slice(0, TOP_CATEGORIES), ...learned];
}

/** A category's products, most popular first: bestsellers there, then the catalog's own order. */
function* popularIn(input: RecommendInput, category: string, accept: (i: number) => boolean = () => true): Generator<string> {
  const { index } = input;
  const popular = (input.lists && bestsellersByCategory(input.lists, index).get(category)) ?? [];
  let examined = 0;
  for (const i of popular) {
    if (accept(i)) yield index.ids[i];
    if (++examined >= MAX_EXAMINED) return;
  }
  for (const i of index.byCategory.get(category) ?? []) {
    if (accept(i)) yield index.ids[i];
    if (++examined >= MAX_EXAMINED) return;
  }
}

const bestsellerCache = new WeakMap<Lists, { index: CatalogIndex; byCategory: Map<string, number[]> }>();

/** Feed positions of the learned bestsellers, per category; built once per lists and index an isolate holds. */
function bestsellersByCategory(lists: Lists, index: CatalogIndex): Map<string, number[]> {
  const held = bestsellerCache.get(lists);
  if (held?.index === index) return held.byCategory;
  const byCategory = new Map<string, number[]>();
  for (const [id] of lists.bestsellers) {
    const i = index.position.get(id);
    if (i === undefined) continue;
    const list = byCategory.get(index.category[i]);
    if (list) list.push(i);
    else byCategory.set(index.category[i], [i]);
  }
  bestsellerCache.set(lists, { index, byCategory });
  return byCategory;
}

function* categoryAffinity(input: RecommendInput): Generator<string> {
  for (const category of affinityCategories(input)) yield* popularIn(input, category);
}

/** For each recently viewed product, pricier in-stock items of its category up to 1.6× its price; round-robin so each viewed item gets its upgrade. */
function* upgrades(input: RecommendInput): Generator<string> {
  const { index } = input;
  const viewed = [...new Set(input.profile?.viewed ?? [])].slice(0, MAX_SEEDS);
  const streams = viewed.flatMap((id) => {
    const i = index.position.get(id);
    if (i === undefined) return [];
    const price = index.price[i];
    return [popularIn(input, index.category[i], (j) => index.price[j] > price && index.price[j] <= price * UPGRADE_MAX_FACTOR)];
  });
  yield* roundRobin(streams);
}

function* roundRobin(streams: Iterator<string>[]): Generator<string> {
  let live = streams;
  while (live.length) {
    const next: Iterator<string>[] = [];
    for (const stream of live) {
      const step = stream.next();
      if (!step.done) {
        yield step.value;
        next.push(stream);
      }
    }
    live = next;
  }
}

/** Learned bestsellers, then the configured list, then the catalog's order: a new site still fills its slot. */
function* bestsellers(input: RecommendInput): Generator<string> {
  yield* ids(input.lists?.bestsellers ?? []);
  yield* input.siteBestsellers ?? [];
  yield* input.index.ids;
}

/** Joins picks with their catalog records; a pick whose record is gone (mid-update) is dropped. */
export function toRecommendedItems(picks: readonly { id: string; reason: string }[], products: readonly Product[]): RecommendedItem[] {
  const byId = new Map(products.map((p) => [p.id, p]));
  return picks.flatMap(({ id, reason }) => {
    const p = byId.get(id);
    if (!p) return [];
    const item: RecommendedItem = { id, name: p.name, category: p.category, price: p.price, reason };
    if (p.image) item.image = p.image;
    if (p.url) item.url = p.url;
    return [item];
  });
}
