import type { Context } from 'hono';
import { loadConfig, type Loaded } from '../config/cache.js';
import type { AppEnv } from '../env.js';
import { corsHeaders, originAllowed } from '../http/cors.js';
import { fail } from '../http/problems.js';
import { siteOrigins } from '../proxy/site-origins.js';

/**
 * The site a public request names, with the origin check every public route shares:
 * unknown site → 404, foreign Origin → 403, KV down with nothing cached → 503 (thrown).
 */
export async function siteFor(c: Context<AppEnv>, site: string): Promise<Loaded> {
  const loaded = await loadConfig(c.env.KV, site).catch(() => fail(503, 'configuration store unavailable', undefined, { 'Retry-After': '5' }));
  if (!loaded) fail(404, 'unknown site');
  const origin = c.req.header('origin');
  if (!originAllowed(origin, siteOrigins(loaded.compiled.config), new URL(c.req.url).origin)) fail(403, 'origin not allowed for this site');
  corsHeaders(c, origin);
  return loaded;
}
