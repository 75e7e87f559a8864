import { cacheKey, mayUseShared, storable } from './edge-cache.js';
import { originUrl, publicUrl, type Target } from './mapping.js';

/**
 * The request the origin gets: the browser's method, headers and body at the same path
 * and query. A Worker cannot set `Host` (it follows the URL), so the public host travels
 * the way reverse proxies send it: `X-Forwarded-Host`, `-Proto`, `-For`, and in path mode
 * `X-Forwarded-Prefix`. Redirects come back to the browser, not followed here.
 */
export function originRequest(request: Request, t: Target): Request {
  const headers = new Headers(request.headers);
  const at = new URL(t.publicOrigin);
  headers.set('X-Forwarded-Host', at.host);
  headers.set('X-Forwarded-Proto', at.protocol.slice(0, -1));
  const client = request.headers.get('cf-connecting-ip');
  if (client) headers.set('X-Forwarded-For', [request.headers.get('x-forwarded-for'), client].filter(Boolean).join(', '));
  if (t.prefix) headers.set('X-Forwarded-Prefix', t.prefix);
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body;
  return new Request(originUrl(t), { method: request.method, headers, body, redirect: 'manual' });
}

/**
 * The origin's answer as the browser should see it: the same status, headers (every
 * `Set-Cookie`) and body bytes, with a `Location` on the origin moved to the public side.
 */
export function asPublic(response: Response, t: Target): Response {
  const location = response.headers.get('location');
  const moved = location === null ? location : publicUrl(t, location);
  if (moved === location) return response;
  const out = new Response(response.body, response);
  out.headers.set('location', moved!);
  return out;
}

/** The origin did not answer: a plain page, no stack trace, nothing cached. */
export function badGateway(): Response {
  return new Response(
    '<!doctype html><meta charset="utf-8"><title>Shop unavailable</title><h1>The shop is not answering</h1><p>Please try again in a moment.</p>\n',
    { status: 502, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '5' } },
  );
}

/**
 * The origin's answer, from the edge cache when a shared copy may serve this request and
 * one is fresh there; a shareable page the origin sends is stored for the next visitor.
 */
export async function fetchOrigin(request: Request, t: Target, waitUntil: (p: Promise<unknown>) => void): Promise<Response> {
  const forOrigin = originRequest(request, t);
  const key = mayUseShared(request) ? cacheKey(forOrigin.url) : null;
  const cache = key && edgeCache();
  const hit = cache && (await cache.match(key).catch(() => undefined));
  if (hit) return hit;
  const response = await fetch(forOrigin);
  if (cache && storable(response)) waitUntil(cache.put(key, response.clone()).catch(() => {}));
  return response;
}

/** The colo's cache (`caches.default`; the DOM lib's CacheStorage type does not know it). */
const edgeCache = () => (globalThis as unknown as { caches: { default: Cache } }).caches.default;
