/**
 * Offline quality of "others also bought" on a generated shop with planted co-purchase
 * structure: each shopper has a taste that pairs a small cluster of one category with a
 * cluster of another (thriller cluster A ↔ cookbook cluster B), and every basket also picks
 * up items by global popularity, so a few bestsellers sit in a large share of all baskets.
 * Lists are learned from 80 % of the baskets; on each held-out basket one item is hidden,
 * the rest are in the visitor's cart, and we check whether the hidden item is among the
 * four recommended. Leave-one-out, so precision@4 = hits / 4.
 * Category affinity is measured on the held-out baskets whose hidden item is of a category
 * none of the others has ("bought a thriller, will they want a cookbook?"): how often a pick
 * is of the hidden item's category, with and without the category neighbours learned from
 * the training baskets, at most two picks per category.
 * Run: npx tsx bench/recs-quality.ts
 */
import { pathToFileURL } from 'node:url';
import type { Product } from '../shared/schema/catalog.js';
import type { Strategy } from '../shared/schema/config.js';
import { toCatalogIndex, toStoredIndex, type CatalogIndex } from '../edge/src/recs/catalog-store.js';
import { buildLists, countCoOccurrence, type Lists } from '../edge/src/recs/lists.js';
import { recommend } from '../edge/src/recs/rank.js';
import { seededRandom } from './conditions.js';

const CATEGORIES = ['thrillers', 'cookbooks', 'travel', 'kids', 'poetry', 'history', 'scifi', 'crime', 'garden', 'art'];
const PER_CATEGORY = 30;
const CLUSTER_SIZE = 5;
const TASTES = 12;
const BASKETS = 6000;
const TRAIN_SHARE = 0.8;
const K = 4;

export interface QualityRow {
  name: string;
  hitRate: number;
  precision: number;
}
export interface RecsQualityResult {
  products: number;
  trainBaskets: number;
  testCases: number;
  rows: QualityRow[];
  /** Held-out cases whose hidden item's category is new to the basket. */
  categoryCases: number;
  /** Share of those where a pick is of the hidden item's category. */
  categoryRows: { name: string; hitRate: number }[];
}

interface Shop {
  products: Product[];
  baskets: string[][];
}

function generateShop(seed: number): Shop {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const products = CATEGORIES.flatMap((category, c) =>
    Array.from({ length: PER_CATEGORY }, (_, i): Product => ({
      id: `${category}-${i}`,
      name: `${category} ${i}`,
      category,
      price: 8 + ((c * 31 + i * 7) % 40),
      inStock: true,
    })),
  );
  // Zipf-like popularity over a shuffled catalog: a handful of bestsellers in many baskets.
  const byPopularity = [...products];
  for (let i = byPopularity.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [byPopularity[i], byPopularity[j]] = [byPopularity[j], byPopularity[i]];
  }
  const weights = byPopularity.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const popular = () => {
    let r = random() * total;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) <= 0) return byPopularity[i].id;
    return byPopularity[0].id;
  };
  // A taste joins a cluster of one category with a cluster of another.
  const cluster = () => {
    const category = Math.floor(random() * CATEGORIES.length);
    const start = Math.floor(random() * (PER_CATEGORY - CLUSTER_SIZE));
    return Array.from({ length: CLUSTER_SIZE }, (_, i) => products[category * PER_CATEGORY + start + i].id);
  };
  const tastes = Array.from({ length: TASTES }, () => [cluster(), cluster()] as const);

  const baskets = Array.from({ length: BASKETS }, () => {
    const [a, b] = pick(tastes);
    const basket = new Set<string>([pick(a), pick(b)]);
    const extras = Math.floor(random() * 3);
    for (let i = 0; i < extras; i++) basket.add(popular());
    return [...basket];
  });
  return { products, baskets };
}

interface Case {
  inCart: string[];
  hidden: string;
}

function evaluate(name: string, index: CatalogIndex, lists: Lists, strategies: Strategy[], cases: Case[]): QualityRow {
  let hits = 0;
  for (const { inCart, hidden } of cases) {
    const picks = recommend({ slot: { strategies, count: K }, index, lists, profile: { carted: inCart } });
    if (picks.some((p) => p.id === hidden)) hits++;
  }
  return { name, hitRate: hits / cases.length, precision: hits / (cases.length * K) };
}

/** How often category-affinity offers something of the hidden item's category, a category the visitor never bought. */
function categoryHitRate(name: string, index: CatalogIndex, lists: Lists, cases: Case[]): { name: string; hitRate: number } {
  const categoryOf = (id: string) => index.category[index.position.get(id)!];
  let hits = 0;
  for (const { inCart, hidden } of cases) {
    const categories: Record<string, { purchases: number }> = {};
    for (const id of inCart) categories[categoryOf(id)] = { purchases: (categories[categoryOf(id)]?.purchases ?? 0) + 1 };
    const picks = recommend({ slot: { strategies: ['category-affinity'], count: K, maxPerCategory: 2 }, index, lists, profile: { purchased: inCart, categories } });
    if (picks.some((p) => categoryOf(p.id) === categoryOf(hidden))) hits++;
  }
  return { name, hitRate: hits / cases.length };
}

export async function runRecsQualityBench(seed = 2026): Promise<RecsQualityResult> {
  const { products, baskets } = generateShop(seed);
  const random = seededRandom(seed + 1);
  const split = Math.floor(baskets.length * TRAIN_SHARE);
  const train = baskets.slice(0, split);
  const cases = baskets
    .slice(split)
    .filter((b) => b.length >= 2)
    .map((basket): Case => {
      const hide = Math.floor(random() * basket.length);
      return { hidden: basket[hide], inCart: basket.filter((_, i) => i !== hide) };
    });

  const index = toCatalogIndex(toStoredIndex(products, 'bench', 1, 0));
  const purchases = countCoOccurrence(train);
  const listsFor = (method: 'lift' | 'cosine') =>
    buildLists({ now: 0, purchases, views: countCoOccurrence([]), recent: [], method });
  const lift = listsFor('lift');
  const cosine = listsFor('cosine');
  const categoryOf = new Map(products.map((p) => [p.id, p.category]));
  const learned = {
    ...cosine,
    categories: buildLists({ now: 0, purchases, views: countCoOccurrence([]), recent: [], categories: countCoOccurrence(train.map((b) => b.map((id) => categoryOf.get(id)!))) }).categories,
  };
  const newCategory = cases.filter(({ inCart, hidden }) => !inCart.some((id) => categoryOf.get(id) === categoryOf.get(hidden)));
  return {
    categoryCases: newCategory.length,
    categoryRows: [
      categoryHitRate('category-affinity, own categories only', index, { ...cosine, categories: {} }, newCategory),
      categoryHitRate('category-affinity, learned neighbours', index, learned, newCategory),
    ],
    products: products.length,
    trainBaskets: train.length,
    testCases: cases.length,
    rows: [
      evaluate('popularity baseline (bestsellers)', index, lift, ['bestsellers'], cases),
      evaluate('also-bought, lift', index, lift, ['also-bought'], cases),
      evaluate('also-bought, cosine', index, cosine, ['also-bought'], cases),
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runRecsQualityBench();
  console.log(`${result.products} products, ${result.trainBaskets} training baskets, ${result.testCases} held-out cases, k = ${K}`);
  for (const row of result.rows)
    console.log(`${row.name.padEnd(36)} hit rate@${K} ${(row.hitRate * 100).toFixed(1).padStart(5)} %   precision@${K} ${(row.precision * 100).toFixed(1).padStart(5)} %`);
  console.log(`${result.categoryCases} held-out cases whose hidden item is of a category new to the basket: a pick of that category in ${K}`);
  for (const row of result.categoryRows) console.log(`${row.name.padEnd(40)} ${(row.hitRate * 100).toFixed(1).padStart(5)} %`);
}
