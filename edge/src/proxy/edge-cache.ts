/**
 * Caching rules. The origin's HTML may be kept at the edge when the origin's own headers
 * allow a shared cache to keep it, keyed by the origin URL alone (no cookies), so a slow
 * origin does not slow every view. What the proxy personalized is never stored in a shared
 * cache: it is `private`, revalidated on every view, and varies by `Cookie`.
 */

/** Whether a shared copy may answer this request: a plain GET for a page, no credentials, no range. */
export function mayUseShared(request: Request): boolean {
  return request.method === 'GET' && !request.headers.has('authorization') && !request.headers.has('range');
}

/** A shared cache may keep this answer: a 200 HTML page its origin marked shareable, with no cookie and no per-visitor variance. */
export function storable(response: Response): boolean {
  if (response.status !== 200 || !isHtml(response) || response.headers.has('set-cookie')) return false;
  const vary = response.headers.get('vary');
  if (vary && vary.split(',').some((v) => v.trim().toLowerCase() !== 'accept-encoding')) return false;
  const cc = directives(response.headers.get('cache-control'));
  if (cc.has('private') || cc.has('no-store') || cc.has('no-cache')) return false;
  return Number(cc.get('s-maxage') ?? cc.get('max-age') ?? 0) > 0;
}

/** The key a page is cached under: its origin URL, nothing from the visitor. */
export const cacheKey = (originUrl: string) => new Request(originUrl, { method: 'GET' });

export const isHtml = (response: Response) => /^text\/html\b/i.test(response.headers.get('content-type') ?? '');

/** Headers of a personalized page: only the visitor's browser keeps it, and only to revalidate. */
export function personalHeaders(origin: Headers): Headers {
  const headers = new Headers(origin);
  // The body is no longer the origin's: its length and validators would be wrong, and a
  // 304 against them would bring back an older personalization.
  for (const name of ['content-length', 'etag', 'last-modified', 'expires', 'cdn-cache-control', 'cloudflare-cdn-cache-control', 'surrogate-control'])
    headers.delete(name);
  headers.set('cache-control', 'private, no-cache');
  const vary = headers.get('vary');
  if (!vary?.split(',').some((v) => v.trim().toLowerCase() === 'cookie')) headers.set('vary', vary ? `${vary}, Cookie` : 'Cookie');
  return headers;
}

function directives(header: string | null): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const part of (header ?? '').split(',')) {
    const [name, value] = part.split('=');
    if (name.trim()) out.set(name.trim().toLowerCase(), value?.trim().replace(/^"|"$/g, ''));
  }
  return out;
}
