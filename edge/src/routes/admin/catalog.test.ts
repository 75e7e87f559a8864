import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLists } from '../../recs/lists.js';
import { ADMIN, decideBody, post, put, siteConfig } from '../../testing/fixtures.js';

const SITE = 'recs-e2e';
const products = [
  ...['a', 'b', 'c', 'd', 'e', 'f'].map((x, i) => ({ id: `thr-${x}`, name: `Thriller ${x}`, category: 'thrillers', price: 10 + i, image: `/img/${x}.svg`, url: `/p/${x}` })),
  ...['a', 'b', 'c', 'd'].map((x, i) => ({ id: `cook-${x}`, name: `Cookbook ${x}`, category: 'cookbooks', price: 20 + i })),
  { id: 'cook-sold-out', name: 'Sold out', category: 'cookbooks', price: 25, inStock: false },
];
const patch = (path: string, body: string) => SELF.fetch(new Request(`https://edge.example${path}`, { method: 'PATCH', headers: ADMIN, body }));
let n = 0;
const purchase = (visitor: string, items: string[]) => ({
  site: SITE,
  visitor,
  consent: { analytics: true, personalization: true },
  events: [{ id: `purchase-${++n}-xxxx`, name: 'purchase', ts: Date.now(), transaction_id: `t${n}`, value: 30, items: items.map((item_id) => ({ item_id })) }],
});
async function alsoBought(profile: Record<string, unknown>, productId?: string) {
  const res = await SELF.fetch(post('/v1/decide', decideBody(SITE, { slots: ['also'], profile, context: { url: 'https://shop.example/p', productId } })));
  return ((await res.json()) as any).slots.also.items as { id: string; name: string; reason: string; url?: string }[];
}

beforeAll(async () => {
  const config = siteConfig(SITE);
  config.slots!.also = { recommendations: { strategies: ['also-bought', 'bestsellers'], count: 3 } };
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
});

describe('catalog upload', () => {
  it('rejects a feed with bad lines, naming each line, and stores nothing', async () => {
    const body = [JSON.stringify(products[0]), '{"id":"x","name":"No price","category":"c"}', 'oops', JSON.stringify({ ...products[1], url: 'javascript:alert(1)' })].join('\n');
    const res = await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, body));
    expect(res.status).toBe(422);
    const json = (await res.json()) as any;
    expect(json.issues.map((i: any) => i.path[0])).toEqual(['line 2', 'line 3', 'line 4']);
    expect(json.issues[2].path).toEqual(['line 4', 'url']);
    const partial = await SELF.fetch(put(`/admin/sites/${SITE}/catalog?partial=1`, body));
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({ count: 1, rejected: 3 });
  });

  it('accepts the whole feed as JSON, then a stock change as a patch', async () => {
    const res = await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, products));
    expect(await res.json()).toMatchObject({ count: products.length, rejected: 0 });
  });
});

describe('recommendations learned from purchases', () => {
  it('goes from events through the alarm into KV and back out of decide', async () => {
    // Cold start: no purchases yet, the slot still fills (catalog order), never out of stock.
    const cold = await alsoBought({});
    expect(cold).toHaveLength(3);
    expect(cold.every((i) => i.reason === 'bestsellers')).toBe(true);

    // Thriller a is bought with cookbook c again and again; other baskets add noise.
    for (let i = 0; i < 6; i++) await SELF.fetch(post('/v1/collect', purchase(`visitor-buyer-${i}`, ['thr-a', 'cook-c'])));
    for (let i = 0; i < 3; i++) await SELF.fetch(post('/v1/collect', purchase(`visitor-other-${i}`, ['thr-b', 'thr-c'])));
    const dupe = purchase('visitor-buyer-0', ['thr-a', 'cook-d']);
    await SELF.fetch(post('/v1/collect', dupe));
    const again = await SELF.fetch(post('/v1/collect', dupe));
    expect(((await again.json()) as any).duplicates).toBe(1);

    const stub = env.SITE_STATS.get(env.SITE_STATS.idFromName(SITE));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const lists = await readLists(env.KV, SITE);
    expect(lists!.alsoBought['thr-a'][0][0]).toBe('cook-c');
    // The duplicate basket was counted once: thr-a was in 7 baskets, not 8.
    expect(lists!.bestsellers.find(([id]) => id === 'thr-a')![1]).toBe(7);

    // Lists are cached per isolate for a minute; a catalog write clears that cache.
    await patch(`/admin/sites/${SITE}/catalog`, '{"id":"cook-b","inStock":true}');
    const onPage = await alsoBought({ viewed: ['thr-a'] }, 'thr-a');
    expect(onPage[0]).toMatchObject({ id: 'cook-c', reason: 'also-bought', name: 'Cookbook c' });
    expect(onPage.map((i) => i.id)).not.toContain('thr-a');
  });

  it('never recommends what is out of stock, bought or in the cart', async () => {
    const res = await patch(`/admin/sites/${SITE}/catalog`, '{"id":"cook-c","inStock":false}');
    expect(res.status).toBe(200);
    const items = await alsoBought({ viewed: ['thr-a'], purchased: ['thr-b'], carted: ['thr-c'] }, 'thr-a');
    const ids = items.map((i) => i.id);
    expect(ids).not.toContain('cook-c');
    expect(ids).not.toContain('cook-sold-out');
    expect(ids).not.toContain('thr-b');
    expect(ids).not.toContain('thr-c');
    expect(items).toHaveLength(3);
  });
});
