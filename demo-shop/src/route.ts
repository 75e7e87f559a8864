/**
 * Where this page was served from: the shop itself (Vitrine's script personalizes it after
 * load) or the edge's proxy under `/proxy/<site>/` (personalized in the HTML). `npm start`
 * prints both. The edge prefixes the links in the HTML it proxies; the links scripts make
 * (cards, recommendations, breadcrumbs, the tester's landings) get the same prefix here,
 * so a visitor stays on the side they chose.
 */
import config from '../vitrine.config.json';

export const PROXY_PREFIX = `/proxy/${config.site}`;

/** True under the edge's proxy. */
export const proxied = () => location.pathname.startsWith(`${PROXY_PREFIX}/`);

/** A root-relative shop path on the chosen side (the current one by default). */
export function shopUrl(path: string, viaProxy = proxied()): string {
  const bare = path.startsWith(`${PROXY_PREFIX}/`) ? path.slice(PROXY_PREFIX.length) : path;
  return viaProxy && bare.startsWith('/') && !bare.startsWith('//') ? PROXY_PREFIX + bare : bare;
}

/** Under the proxy, a click on a root-relative link made by a script goes through the proxy too. */
export function keepLinksOnRoute(): void {
  if (!proxied()) return;
  const onClick = (event: Event) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="/"]');
    if (link) link.setAttribute('href', shopUrl(link.getAttribute('href')!));
  };
  // Capture phase: the href is fixed before the browser follows it (any button, any tab).
  document.addEventListener('click', onClick, true);
  document.addEventListener('auxclick', onClick, true);
}
