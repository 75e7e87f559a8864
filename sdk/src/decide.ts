import type { DecideRequest, DecideResponse } from '../../shared/schema/decide.js';

export type { DecideRequest, DecideResponse };

/** `?vitrine_force=hero:thrillers,promo:spring` → `{hero: 'thrillers', promo: 'spring'}`. */
export function parseForce(search: string): Record<string, string> | undefined {
  const raw = new URLSearchParams(search).get('vitrine_force');
  if (!raw) return undefined;
  const pairs = raw.split(',').map((p) => p.split(':')).filter((p) => p.length === 2 && p[0] && p[1]);
  return pairs.length ? Object.fromEntries(pairs) : undefined;
}

/**
 * What the page itself tells the edge: enough for a contextual decision without consent.
 * A product page names its product with `data-vitrine-product="<id>"` on any element.
 */
export function pageContext({ location, document, navigator }: Window): DecideRequest['context'] {
  return {
    url: location.href.slice(0, 2048),
    referrer: document.referrer.slice(0, 2048) || undefined,
    language: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    productId: document.querySelector('[data-vitrine-product]')?.getAttribute('data-vitrine-product')?.slice(0, 64) || undefined,
  };
}

/**
 * POSTs JSON to the edge and aborts after `timeoutMs` (the promise then rejects). A string
 * body goes as text/plain, a CORS "simple" request: no preflight round trip before it.
 */
export const post = (win: Window, url: string, body: unknown, timeoutMs: number): Promise<Response> =>
  win.fetch(url, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });

/** The edge's decision, or a rejection on timeout, network error or any non-2xx answer. */
export async function requestDecision(win: Window, endpoint: string, body: DecideRequest, timeoutMs: number): Promise<DecideResponse> {
  const res = await post(win, `${endpoint}/v1/decide`, body, timeoutMs);
  if (!res.ok) throw new Error(`decide ${res.status}`);
  return res.json();
}
