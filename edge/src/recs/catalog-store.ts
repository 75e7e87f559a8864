import type { Product, ProductPatch } from '../../../shared/schema/catalog.js';
import { keys } from '../config/keys.js';

/*
 * KV layout for one site's catalog:
 *
 *   site:<site>:catalog:index                   the compact ranking index (StoredIndex), also the
 *                                               pointer to the current generation of shards
 *   site:<site>:catalog:stamp                   "<generation>:<updated>" of the index, so an isolate
 *                                               can tell in a few bytes whether its copy is current
 *   site:<site>:catalog:<generation>:shard:<n>  {[id]: Product}, n = fnv1a(id) mod shard count
 *
 * Decide ranks from the index alone and then reads only the shards of the few chosen items.
 * The index deliberately leaves out names, images and URLs: with them a 100,000-product index
 * grows from about 2.5 MB to about 15 MB, and every isolate would parse that much JSON for
 * the sake of four tiles. Without them it is a few MB at 100k and tiny for a real shop, and
 * the display fields cost one small parallel shard read per shown item (cached by the caller).
 *
 * A full upload writes a new generation of shards and then moves the pointer (the index), so
 * a decide never sees half a catalog. The previous generation stays readable for isolates that
 * still hold the old index in memory; the one before it is deleted. Shards are sized to about
 * SHARD_TARGET_BYTES, far below KV's 25 MiB value limit, and their count is capped so that an
 * upload stays well inside a Worker's 1,000 KV operations per invocation.
 */

export const SHARD_TARGET_BYTES = 256 * 1024;
export const MAX_SHARDS = 256;

/** What is stored under the index key: columns rather than objects, to keep 100k products small. */
export interface StoredIndex {
  v: 1;
  generation: string;
  shards: number;
  previous?: { generation: string; shards: number };
  updated: number;
  categories: string[];
  /** Products in feed order; the shop's own order is the popularity fallback on a cold start. */
  ids: string[];
  /** Position in `categories` for each product. */
  category: number[];
  price: number[];
  /** '1' in stock, '0' not, one character per product. */
  stock: string;
  /**
   * [position, sizes in stock] of each product sold in sizes (catalog `variants`); absent on
   * an index written before sizes existed. Lets the ranker skip what is sold out in the
   * visitor's size without reading a shard.
   */
  sizes?: [number, string[]][];
}

/** The index as the ranker uses it, with lookups built once per load. */
export interface CatalogIndex {
  generation: string;
  shards: number;
  updated: number;
  ids: readonly string[];
  category: readonly string[];
  price: readonly number[];
  inStock: readonly boolean[];
  /** Sizes in stock, by feed position, for products sold in sizes only. */
  sizesInStock: ReadonlyMap<number, ReadonlySet<string>>;
  /** Feed position of each id. */
  position: ReadonlyMap<string, number>;
  /** Feed positions of each category's products, in feed order. */
  byCategory: ReadonlyMap<string, readonly number[]>;
}

export type Shard = Record<string, Product>;

/** Own properties only: an id like "constructor" must not find Object's. */
function productIn(shard: Shard | null | undefined, id: string): Product | undefined {
  return shard && Object.hasOwn(shard, id) ? shard[id] : undefined;
}

export const indexKey = keys.catalogIndex;
export const stampKey = keys.catalogStamp;
export const stampOf = (index: Pick<StoredIndex, 'generation' | 'updated'>) => `${index.generation}:${index.updated}`;
export const shardKey = keys.catalogShard;

/** FNV-1a: stable across runtimes and releases, which a shard assignment must be. */
export function shardOf(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** A power of two near total size / target, so shards stay small whatever the feed. */
export function shardCountFor(products: readonly Product[]): number {
  const sample = products.slice(0, 1000);
  const bytesPerProduct = sample.length ? JSON.stringify(sample).length / sample.length : 0;
  const wanted = Math.ceil((bytesPerProduct * products.length) / SHARD_TARGET_BYTES);
  let shards = 1;
  while (shards < wanted && shards < MAX_SHARDS) shards *= 2;
  return shards;
}

export function toStoredIndex(products: readonly Product[], generation: string, shards: number, updated: number): StoredIndex {
  const categories: string[] = [];
  const categoryNumber = new Map<string, number>();
  const category: number[] = [];
  const sizes: [number, string[]][] = [];
  let stock = '';
  for (const [i, p] of products.entries()) {
    let n = categoryNumber.get(p.category);
    if (n === undefined) {
      n = categories.push(p.category) - 1;
      categoryNumber.set(p.category, n);
    }
    category.push(n);
    const available = p.variants?.filter((v) => v.stock > 0).map((v) => v.size);
    if (available) sizes.push([i, available]);
    // Sold out in every size is sold out, whatever `inStock` says.
    stock += p.inStock && available?.length !== 0 ? '1' : '0';
  }
  return {
    v: 1,
    generation,
    shards,
    updated,
    categories,
    ids: products.map((p) => p.id),
    category,
    price: products.map((p) => p.price),
    stock,
    ...(sizes.length && { sizes }),
  };
}

export function toCatalogIndex(stored: StoredIndex): CatalogIndex {
  const position = new Map<string, number>();
  const byCategory = new Map<string, number[]>();
  const category = stored.category.map((n) => stored.categories[n]);
  stored.ids.forEach((id, i) => {
    position.set(id, i);
    const list = byCategory.get(category[i]);
    if (list) list.push(i);
    else byCategory.set(category[i], [i]);
  });
  return {
    generation: stored.generation,
    shards: stored.shards,
    updated: stored.updated,
    ids: stored.ids,
    category,
    price: stored.price,
    inStock: Array.from(stored.stock, (c) => c === '1'),
    sizesInStock: new Map((stored.sizes ?? []).map(([i, list]) => [i, new Set(list)])),
    position,
    byCategory,
  };
}

export async function readStoredIndex(kv: KVNamespace, site: string): Promise<StoredIndex | null> {
  return kv.get<StoredIndex>(indexKey(site), 'json');
}

/** The index, then its stamp: a reader that sees the new stamp always finds the new index. */
async function writeIndex(kv: KVNamespace, site: string, json: string, stored: StoredIndex): Promise<void> {
  await kv.put(indexKey(site), json);
  await kv.put(stampKey(site), stampOf(stored));
}

/** Null for a catalog written before stamps existed, or none at all: read the index then. */
export async function readCatalogStamp(kv: KVNamespace, site: string): Promise<string | null> {
  return kv.get(stampKey(site), 'text');
}

export async function getCatalogIndex(kv: KVNamespace, site: string): Promise<CatalogIndex | null> {
  const stored = await readStoredIndex(kv, site);
  return stored && toCatalogIndex(stored);
}

async function readAll(kv: KVNamespace, site: string, stored: StoredIndex): Promise<Product[]> {
  const shards = await Promise.all(
    Array.from({ length: stored.shards }, (_, n) => kv.get<Shard>(shardKey(site, stored.generation, n), 'json')),
  );
  const byId = new Map<string, Product>();
  for (const shard of shards) for (const [id, p] of Object.entries(shard ?? {})) byId.set(id, p);
  // Feed order lives in the index, not in the shards.
  return stored.ids.flatMap((id) => byId.get(id) ?? []);
}

function newGeneration(now: number): string {
  return `g${now.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/**
 * Stores a catalog. `replace: true` makes `products` the whole catalog; `replace: false`
 * merges them into the stored one (same id → the uploaded product wins; new ids go last).
 */
export async function putCatalog(
  kv: KVNamespace,
  site: string,
  products: readonly Product[],
  options: { replace: boolean; now?: number },
): Promise<{ count: number; shards: number; indexBytes: number }> {
  const now = options.now ?? Date.now();
  const current = await readStoredIndex(kv, site);
  let catalog = products;
  if (!options.replace && current) {
    const merged = new Map((await readAll(kv, site, current)).map((p) => [p.id, p]));
    for (const p of products) merged.set(p.id, p);
    catalog = [...merged.values()];
  }

  const shards = shardCountFor(catalog);
  const generation = newGeneration(now);
  const buckets = Array.from({ length: shards }, () => new Map<string, Product>());
  for (const p of catalog) buckets[shardOf(p.id, shards)].set(p.id, p);
  // fromEntries defines own properties, so even an id like "__proto__" round-trips.
  await Promise.all(buckets.map((b, n) => kv.put(shardKey(site, generation, n), JSON.stringify(Object.fromEntries(b)))));

  const stored = toStoredIndex(catalog, generation, shards, now);
  if (current) stored.previous = { generation: current.generation, shards: current.shards };
  const json = JSON.stringify(stored);
  await writeIndex(kv, site, json, stored);

  const stale = current?.previous;
  if (stale) await Promise.all(Array.from({ length: stale.shards }, (_, n) => kv.delete(shardKey(site, stale.generation, n))));
  return { count: catalog.length, shards, indexBytes: json.length };
}

/**
 * Applies partial updates (stock, price, …) to the stored catalog, rewriting only the shards
 * that hold a patched product, then the index. Ids the catalog does not hold are returned in
 * `unknown`, not created: a patch lacks the fields a new product needs.
 */
export async function patchCatalog(
  kv: KVNamespace,
  site: string,
  patches: readonly ProductPatch[],
  options: { now?: number } = {},
): Promise<{ updated: number; unknown: string[]; shardsWritten: number }> {
  const stored = await readStoredIndex(kv, site);
  if (!stored) return { updated: 0, unknown: patches.map((p) => p.id), shardsWritten: 0 };

  const byShard = new Map<number, ProductPatch[]>();
  for (const patch of patches) {
    const n = shardOf(patch.id, stored.shards);
    const list = byShard.get(n);
    if (list) list.push(patch);
    else byShard.set(n, [patch]);
  }
  const index = toCatalogIndex(stored);
  const touched = new Map<string, Product>();
  const unknown: string[] = [];
  await Promise.all(
    [...byShard].map(async ([n, shardPatches]) => {
      const key = shardKey(site, stored.generation, n);
      // A Map while it changes: `shard["__proto__"] = …` would set a prototype, not a product.
      const shard = new Map(Object.entries((await kv.get<Shard>(key, 'json')) ?? {}));
      let changed = false;
      for (const patch of shardPatches) {
        const existing = shard.get(patch.id);
        if (!existing || !index.position.has(patch.id)) {
          unknown.push(patch.id);
          continue;
        }
        const product = { ...existing, ...definedFields(patch) };
        shard.set(patch.id, product);
        touched.set(patch.id, product);
        changed = true;
      }
      if (changed) await kv.put(key, JSON.stringify(Object.fromEntries(shard)));
    }),
  );
  if (touched.size === 0) return { updated: 0, unknown, shardsWritten: 0 };

  const catalogOrder = index.ids.map((id, i) => touched.get(id) ?? indexEntry(index, i));
  const next = toStoredIndex(catalogOrder, stored.generation, stored.shards, options.now ?? Date.now());
  if (stored.previous) next.previous = stored.previous;
  await writeIndex(kv, site, JSON.stringify(next), next);
  const shardsWritten = new Set([...touched.keys()].map((id) => shardOf(id, stored.shards))).size;
  return { updated: touched.size, unknown, shardsWritten };
}

/** A patch parsed from JSON has no undefined fields, but one built in code may. */
function definedFields(patch: ProductPatch): Partial<Product> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

/** Enough of a product to rebuild the index from (the index needs no display fields, nor the stock of sold-out sizes). */
function indexEntry(index: CatalogIndex, i: number): Product {
  const sizes = index.sizesInStock.get(i);
  return {
    id: index.ids[i],
    name: '',
    category: index.category[i],
    price: index.price[i],
    inStock: index.inStock[i],
    ...(sizes && { variants: [...sizes].map((size) => ({ size, stock: 1 })) }),
  };
}

/**
 * Full products for the given ids, in the order asked, skipping ids the catalog lacks.
 * Pass the index the caller already holds to save a read; each shard is read once per call.
 */
export async function getProducts(
  kv: KVNamespace,
  site: string,
  ids: readonly string[],
  index?: Pick<CatalogIndex, 'generation' | 'shards'> | null,
  readShard: ShardReader = kvShardReader(kv),
): Promise<Product[]> {
  const pointer = index ?? (await readStoredIndex(kv, site));
  if (!pointer || ids.length === 0) return [];
  const shardNumbers = [...new Set(ids.map((id) => shardOf(id, pointer.shards)))];
  const shards = new Map(
    await Promise.all(shardNumbers.map(async (n) => [n, await readShard(site, pointer.generation, n)] as const)),
  );
  return ids.flatMap((id) => productIn(shards.get(shardOf(id, pointer.shards)), id) ?? []);
}

export type ShardReader = (site: string, generation: string, n: number) => Promise<Shard | null>;

/** Reads shards straight from KV; decide passes a caching reader instead. */
export const kvShardReader =
  (kv: KVNamespace): ShardReader =>
  (site, generation, n) =>
    kv.get<Shard>(shardKey(site, generation, n), 'json');
