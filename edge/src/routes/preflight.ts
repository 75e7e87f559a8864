import { Hono } from 'hono';
import { loadConfig } from '../config/cache.js';
import type { AppEnv } from '../env.js';
import { preflight } from '../http/cors.js';
import { siteOrigins } from '../proxy/site-origins.js';

/**
 * The SDK posts as text/plain, a "simple" request with no preflight round trip. A caller
 * that sends application/json gets its preflight answered for the site named in `?site=`.
 */
export const preflightRoute = new Hono<AppEnv>().options('/v1/*', async (c) => {
  const origin = c.req.header('origin');
  const site = c.req.query('site');
  if (!origin || !site) return c.body(null, 403);
  const loaded = await loadConfig(c.env.KV, site).catch(() => null);
  return preflight(origin, loaded ? siteOrigins(loaded.compiled.config) : []);
});
