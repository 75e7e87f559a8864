/**
 * Calls to the shop's own server (demo-shop/shop-server.mjs, run by `npm start`): it holds
 * the identity secret and the server key, so the page asks it for a signed identify or to
 * redeem a code, and never sees either secret. The build names its origin on <body>.
 */
export const shopServerOrigin = (): string => document.body.dataset.shopServer ?? '';

export interface ShopAnswer<T> {
  ok: boolean;
  status: number;
  body: T & { error?: string };
}

export async function callShopServer<T>(path: string, body?: unknown): Promise<ShopAnswer<T>> {
  const origin = shopServerOrigin();
  if (!origin) return { ok: false, status: 0, body: { error: 'the shop server is not running (npm start runs it)' } as T & { error: string } };
  try {
    const res = await fetch(origin + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { ok: res.ok, status: res.status, body: (await res.json().catch(() => ({}))) as T & { error?: string } };
  } catch {
    return { ok: false, status: 0, body: { error: 'the shop server does not answer' } as T & { error: string } };
  }
}
