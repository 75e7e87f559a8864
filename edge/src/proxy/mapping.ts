/**
 * Where a proxied request goes and how URLs translate between the browser's view and the
 * origin's. Two ways in, one mapping:
 * - host mode: `https://www.shop.example/p?x` → `https://origin.shop.example/p?x`;
 * - path mode (local runs, tests): `http://edge/proxy/<site>/p?x` → `<origin>/p?x`.
 */
export interface Target {
  site: string;
  /** The shop's own server, an origin only: `https://origin.shop.example`. */
  origin: string;
  /** What the browser sees: the request's own origin (`https://www.shop.example`). */
  publicOrigin: string;
  /** `''` in host mode, `/proxy/<site>` in path mode: what the browser's paths carry before the origin's. */
  prefix: string;
  /** The origin's path and query for this request: `/product.html?id=x`. */
  path: string;
}

/** The URL the origin is asked for. */
export const originUrl = (t: Target) => new URL(t.path, t.origin).href;

/** The page as the rules see it: the browser's origin with the origin's path and query (no prefix). */
export const pageUrl = (t: Target) => new URL(t.path, t.publicOrigin).href;

/**
 * The browser's URL for a URL the origin sent (a `Location`): one on the origin moves to
 * the public side under the prefix; a relative one stays relative; any other is kept.
 */
export function publicUrl(t: Target, value: string): string {
  const base = new URL(t.path, t.origin);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return value;
  }
  if (url.origin !== base.origin) return value;
  const path = `${t.prefix}${url.pathname}${url.search}${url.hash}`;
  return isAbsolute(value) ? `${t.publicOrigin}${path}` : path;
}

/** A browser URL as the origin would have it: a referrer from the proxied pages loses the prefix. */
export function withoutPrefix(t: Target, value: string): string {
  const under = `${t.publicOrigin}${t.prefix}/`;
  return t.prefix && value.startsWith(under) ? `${t.publicOrigin}${value.slice(under.length - 1)}` : value;
}

const isAbsolute = (value: string) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(value);
