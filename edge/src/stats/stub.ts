import type { Env } from '../env.js';

/** The site's one Durable Object, by name, so every isolate reaches the same counters. */
export function statsFor(env: Env, site: string) {
  return env.SITE_STATS.get(env.SITE_STATS.idFromName(site));
}
