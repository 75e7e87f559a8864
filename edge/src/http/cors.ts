import type { Context } from 'hono';

/**
 * CORS is granted per site, only to the origins its config lists. A request that carries
 * an Origin the site did not list is refused outright (not merely left unreadable), so a
 * foreign page cannot write events into a site's statistics either.
 */
export function originAllowed(origin: string | undefined, origins: readonly string[], self?: string): boolean {
  if (!origin) return true; // server-to-server calls send none
  // Pages the Worker serves itself (the demo shop, a shop proxied through it) need no listing.
  return origin === self || origins.includes(origin);
}

export function corsHeaders(c: Context, origin: string | undefined): void {
  if (!origin) return;
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Vary', 'Origin');
}

export function preflight(origin: string, origins: readonly string[]): Response {
  if (!origins.includes(origin)) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '86400',
      Vary: 'Origin',
    },
  });
}
