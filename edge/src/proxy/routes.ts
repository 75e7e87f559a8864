import { Hono, type MiddlewareHandler } from 'hono';
import { loadConfig } from '../config/cache.js';
import type { AppEnv } from '../env.js';
import { fail } from '../http/problems.js';
import { hostEntry } from './host-index.js';
import { proxy } from './proxy.js';

const SITE = '[a-z0-9][a-z0-9_-]{0,63}';

/**
 * Host mode: a request whose `Host` a site lists under `proxy.hosts` is the shop's, every
 * path of it (the shop's own `/v1/…` too); any other host goes on to the Worker's routes.
 */
export const proxyByHost: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  const entry = await hostEntry(c.env.KV, url.host);
  if (!entry) return next();
  return proxy(c, { site: entry.site, origin: entry.origin, publicOrigin: url.origin, prefix: '', path: url.pathname + url.search });
};

/**
 * Path mode, for local runs and tests: `/proxy/<site>/<path>` is `<path>` on the site's
 * origin, with no host set up. The site must have a config with a `proxy` section.
 */
export const proxyRoutes = new Hono<AppEnv>()
  .all(`/proxy/:site{${SITE}}`, (c) => {
    const url = new URL(c.req.url);
    return c.redirect(`${url.pathname}/${url.search}`, 308);
  })
  .all(`/proxy/:site{${SITE}}/*`, async (c) => {
    const site = c.req.param('site');
    const loaded = await loadConfig(c.env.KV, site).catch(() => fail(503, 'configuration store unavailable', undefined, { 'Retry-After': '5' }));
    const origin = loaded?.compiled.config.proxy?.origin;
    if (!origin) fail(404, `site "${site}" has no proxy in its config`);
    const url = new URL(c.req.url);
    const prefix = `/proxy/${site}`;
    return proxy(c, { site, origin, publicOrigin: url.origin, prefix, path: url.pathname.slice(prefix.length) + url.search }, loaded!);
  });
