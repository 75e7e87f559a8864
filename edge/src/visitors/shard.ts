import { keys } from '../config/keys.js';
import type { Env } from '../env.js';

export const DEFAULT_SHARDS = 16;
const MAX_SHARDS = 1024;

/**
 * How many state objects a site's visitors are spread over (`VISITOR_SHARDS`, 16 by
 * default). Set it before going live: a visitor's shard follows from the count, so
 * changing it later strands what the old shards hold.
 */
export function shardCount(env: Pick<Env, 'VISITOR_SHARDS'>): number {
  const n = Number(env.VISITOR_SHARDS ?? DEFAULT_SHARDS);
  return Number.isInteger(n) && n >= 1 && n <= MAX_SHARDS ? n : DEFAULT_SHARDS;
}

/** FNV-1a over the id's UTF-16 code units: stable, cheap, and spread evenly over shards. */
export function shardOf(id: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

export function shardStub(env: Env, site: string, n: number) {
  return env.VISITOR_STATE.get(env.VISITOR_STATE.idFromName(keys.visitorShard(site, n)));
}
export type ShardStub = ReturnType<typeof shardStub>;

/** The shard that holds what is kept for `id` (a visitor id, or a customer id for the customer index). */
export function shardFor(env: Env, site: string, id: string): { n: number; stub: ShardStub } {
  const n = shardOf(id, shardCount(env));
  return { n, stub: shardStub(env, site, n) };
}

/** Every shard of a site, for reports that need site totals. */
export function allShards(env: Env, site: string): ShardStub[] {
  return Array.from({ length: shardCount(env) }, (_, n) => shardStub(env, site, n));
}
