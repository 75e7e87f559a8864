import type { CompiledConfig } from '../../../shared/config/compile.js';
import { own } from '../../../shared/own.js';
import type { Attributes } from '../../../shared/rules/compile.js';
import type { RuleView } from '../../../shared/rules/ruleset.js';
import type { Product } from '../../../shared/schema/catalog.js';
import type { Profile } from '../../../shared/schema/profile.js';
import {
  getCatalogIndex,
  getProducts,
  kvShardReader,
  readCatalogStamp,
  shardKey,
  stampOf,
  type CatalogIndex,
  type Shard,
  type ShardReader,
} from './catalog-store.js';
import { readLists, type Lists } from './lists.js';
import { recommend, type RankedPick } from './rank.js';

/** What decide ranks from: the catalog index and the lists, held in the isolate's memory. */
export interface SiteRecs {
  site: string;
  index: CatalogIndex;
  lists: Lists | null;
}

/** The lists change about once a minute (the Durable Object's alarm); an isolate re-reads at that pace. */
export const RECS_TTL_MS = 60_000;
/** At ~256 KiB per shard, this bounds the display cache to a few MB per isolate. */
const MAX_CACHED_SHARDS = 32;

const sites = new Map<string, { recs: SiteRecs | null; fetchedAt: number }>();
const shards = new Map<string, { shard: Shard | null; fetchedAt: number }>();

/**
 * The site's index and lists, read from KV at most once per RECS_TTL_MS per isolate. When
 * KV fails the last good copy keeps serving; with none, null, and recommendation slots
 * show their default content rather than failing the decide. Null also means no catalog.
 */
export async function loadSiteRecs(kv: KVNamespace, site: string, now = Date.now()): Promise<SiteRecs | null> {
  const entry = sites.get(site);
  if (entry && now - entry.fetchedAt < RECS_TTL_MS) return entry.recs;
  try {
    const [stamp, lists] = await Promise.all([readCatalogStamp(kv, site), readLists(kv, site)]);
    const held = entry?.recs?.index;
    // Reading and indexing a 100k catalog costs tens of milliseconds: only when it changed.
    const index = held && stamp === stampOf(held) ? held : await getCatalogIndex(kv, site);
    const recs = index ? { site, index, lists } : null;
    sites.set(site, { recs, fetchedAt: now });
    return recs;
  } catch (error) {
    console.warn(`recommendations for site ${site}: KV read failed (${(error as Error).message})`);
    // Retried after the TTL, not by the next visitor: a hanging store would make each one wait.
    sites.set(site, { recs: entry?.recs ?? null, fetchedAt: now });
    return entry?.recs ?? null;
  }
}

/** Admin writes call this so the isolate that took an upload serves it at once. */
export function forgetCachedRecs(site: string): void {
  sites.delete(site);
  for (const key of shards.keys()) if (key.startsWith(`site:${site}:`)) shards.delete(key);
}

/**
 * The `Recommend` callback for decide: ranks from memory, synchronously, and answers ids
 * with the strategy that picked each (a `manual` entry applies when its rule holds in the
 * visitor's view); `productsFor` then reads the display fields of the
 * few chosen, from the catalog shards.
 */
export function recommenderFor(
  recs: SiteRecs,
  compiled: CompiledConfig,
  options: { currentProductId?: string } = {},
): (slotId: string, attrs: Attributes, view: RuleView) => RankedPick[] {
  return (slotId, attrs, view) => {
    const slot = own(compiled.config.slots, slotId)?.recommendations;
    if (!slot) return [];
    return recommend({
      slot,
      index: recs.index,
      lists: recs.lists,
      profile: profileFrom(attrs),
      currentProductId: options.currentProductId,
      siteBestsellers: compiled.config.recommendations.bestsellers,
      manualIds: own(compiled.manual, slotId)?.find((m) => compiled.rules.test(m.rule, view))?.ids,
    });
  };
}

/**
 * What the ranker needs from the attribute tree. Without personalization consent decide
 * builds the tree with no profile, so only the non-personal strategies have anything to use.
 */
function profileFrom(attrs: Attributes): Profile {
  const products = (attrs.products ?? {}) as Pick<Profile, 'viewed' | 'carted' | 'purchased'>;
  return { ...products, categories: (attrs.categories ?? {}) as Profile['categories'] };
}

/**
 * The catalog records of the recommended ids, reading each needed shard once (cached per
 * isolate). A record that cannot be read is left out, and so is its tile: a tile without a
 * name is worse than a slot showing fewer items.
 */
export async function productsFor(kv: KVNamespace, recs: SiteRecs, ids: readonly string[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  return getProducts(kv, recs.site, ids, recs.index, cachedShardReader(kv)).catch((error: Error) => {
    console.warn(`recommendations for site ${recs.site}: catalog read failed (${error.message})`);
    return [];
  });
}

function cachedShardReader(kv: KVNamespace): ShardReader {
  const read = kvShardReader(kv);
  return async (site, generation, n) => {
    const key = shardKey(site, generation, n);
    const held = shards.get(key);
    const now = Date.now();
    if (held && now - held.fetchedAt < RECS_TTL_MS) return held.shard;
    let shard: Shard | null;
    try {
      shard = await read(site, generation, n);
    } catch (error) {
      if (!held) throw error;
      shards.set(key, { shard: held.shard, fetchedAt: now });
      return held.shard;
    }
    shards.delete(key);
    shards.set(key, { shard, fetchedAt: now });
    if (shards.size > MAX_CACHED_SHARDS) shards.delete(shards.keys().next().value!);
    return shard;
  };
}
