import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

/**
 * `/sdk.js` is what a snippet loads: cached for an hour, refreshed in the background, so a
 * new release reaches shops the same day. `/sdk-<hash>.js` never changes and is cached
 * for a year, for shops that pin a version.
 */
export const sdkRoute = new Hono<AppEnv>().get('/:file{sdk(-[a-z0-9]+)?\\.js}', async (c) => {
  if (!c.env.ASSETS) return c.text('assets not bound', 404);
  const asset = await c.env.ASSETS.fetch(new Request(new URL(`/${c.req.param('file')}`, c.req.url)));
  if (!asset.ok) return c.text('not found', 404);
  const headers = new Headers(asset.headers);
  const pinned = c.req.param('file') !== 'sdk.js';
  headers.set('Cache-Control', pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600, stale-while-revalidate=86400');
  headers.set('Access-Control-Allow-Origin', '*');
  headers.set('Content-Type', 'text/javascript; charset=utf-8');
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(asset.body, { status: 200, headers });
});
