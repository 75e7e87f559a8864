import type { Env } from '../env.js';
import { fail } from '../http/problems.js';

/** The site's one Durable Object, by name, so every isolate reaches the same counters. */
export function statsFor(env: Env, site: string) {
  return env.SITE_STATS.get(env.SITE_STATS.idFromName(site));
}

/**
 * A call on the site's object from a public route. An unreachable object (thrown at once
 * or later) is a 503 with Retry-After, so the SDK keeps what it sent and tries again.
 */
export async function withStats<T>(env: Env, site: string, call: (stats: ReturnType<typeof statsFor>) => Promise<T>, what: string): Promise<T> {
  try {
    return await call(statsFor(env, site));
  } catch (error) {
    console.warn('stats object unavailable', error);
    return fail(503, what, undefined, { 'Retry-After': '30' });
  }
}
