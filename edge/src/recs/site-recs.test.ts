import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../shared/config/validate.js';
import type { Product } from '../../../shared/schema/catalog.js';
import type { ConfigInput } from '../../../shared/schema/config.js';
import type { RecommendedItem } from '../../../shared/schema/decide.js';
import { toRecommendedItems } from './rank.js';
import { patchCatalog, putCatalog } from './catalog-store.js';
import { buildLists, countCoOccurrence, writeLists } from './lists.js';
import { loadSiteRecs, productsFor, RECS_TTL_MS, recommenderFor } from './site-recs.js';

const kv = (env as unknown as { KV: KVNamespace }).KV;

const p = (id: string, category: string, inStock = true): Product => ({
  id,
  name: `Name ${id}`,
  category,
  price: 10,
  inStock,
  image: `https://cdn.example/${id}.jpg`,
  url: `/p/${id}`,
});
const catalog = [p('t1', 'thrillers'), p('t2', 'thrillers'), p('t3', 'thrillers', false), p('c1', 'cookbooks'), p('c2', 'cookbooks'), p('c3', 'cookbooks')];
const baskets = [['t1', 'c1'], ['t1', 'c1'], ['t1', 't3'], ['t1', 't3'], ['t1', 'c2'], ['t1', 'c2'], ['c3'], ['c3'], ['c3']];

function compiled(site: string, extra: Partial<ConfigInput> = {}) {
  const result = validateConfig({
    site,
    slots: {
      'also-bought': { recommendations: { strategies: ['also-bought', 'bestsellers'], count: 3 } },
      pinned: { recommendations: { strategies: ['manual'], count: 2, manual: [{ when: { 'traits.tier': 'gold' }, ids: ['c3', 't2'] }] } },
    },
    ...extra,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.compiled;
}

async function seed(site: string, withLists = true) {
  await putCatalog(kv, site, catalog, { replace: true });
  if (withLists) {
    const purchases = countCoOccurrence(baskets);
    await writeLists(kv, site, buildLists({ now: 0, purchases, views: countCoOccurrence([]), recent: [] }));
  }
}

async function decideSlots(site: string, attrs: Record<string, unknown>, config = compiled(site), now = Date.now()) {
  const recs = (await loadSiteRecs(kv, site, now))!;
  const recommend = recommenderFor(recs, config);
  const view = config.rules.view(attrs);
  const picks = Object.keys(config.config.slots).map((slotId) => [slotId, recommend(slotId, attrs, view)] as const);
  const products = await productsFor(kv, recs, picks.flatMap(([, p]) => p.map((x) => x.id)));
  const slots: Record<string, { items: RecommendedItem[] }> = {};
  for (const [slotId, p] of picks) slots[slotId] = { items: toRecommendedItems(p, products) };
  return slots;
}

describe('recommendations at decide time', () => {
  it('fills a slot from KV lists with full display records, never a bought or out-of-stock product', async () => {
    await seed('recs-e2e');
    const slots = await decideSlots('recs-e2e', { products: { carted: ['t1'], purchased: ['c2'] } });
    // t1's co-purchases: c1, c2 (bought), t3 (out of stock); then bestsellers: t1 (in the cart), c3; then catalog order.
    expect(slots['also-bought'].items).toEqual([
      { id: 'c1', name: 'Name c1', category: 'cookbooks', price: 10, image: 'https://cdn.example/c1.jpg', url: '/p/c1', reason: 'also-bought' },
      { id: 'c3', name: 'Name c3', category: 'cookbooks', price: 10, image: 'https://cdn.example/c3.jpg', url: '/p/c3', reason: 'bestsellers' },
      { id: 't2', name: 'Name t2', category: 'thrillers', price: 10, image: 'https://cdn.example/t2.jpg', url: '/p/t2', reason: 'bestsellers' },
    ]);
  });

  it('cold start: a catalog without any events still fills the slot in catalog order', async () => {
    await seed('recs-cold', false);
    const slots = await decideSlots('recs-cold', {});
    expect(slots['also-bought'].items!.map((i) => `${i.id}:${i.reason}`)).toEqual(['t1:bestsellers', 't2:bestsellers', 'c1:bestsellers']);
  });

  it.each([
    ['a gold customer sees the pinned ids', { tier: 'gold' }, ['c3:manual', 't2:manual']],
    ['anyone else gets bestsellers instead', { tier: 'silver' }, ['t1:bestsellers', 'c3:bestsellers']],
  ])('manual picks use the compiled config: %s', async (_, traits, expected) => {
    await seed('recs-manual');
    const slots = await decideSlots('recs-manual', { traits });
    expect(slots.pinned.items!.map((i) => `${i.id}:${i.reason}`)).toEqual(expected);
  });

  it('answers null for a site without a catalog, so slots keep their default content', async () => {
    expect(await loadSiteRecs(kv, 'recs-none')).toBeNull();
  });

  it('a stock change reaches decide once the isolate re-reads, at most RECS_TTL_MS later', async () => {
    const now = Date.now();
    await seed('recs-stock', false);
    expect((await decideSlots('recs-stock', {}, undefined, now))['also-bought'].items!.map((i) => i.id)).toContain('t1');
    await patchCatalog(kv, 'recs-stock', [{ id: 't1', inStock: false }]);
    const later = await decideSlots('recs-stock', {}, undefined, now + RECS_TTL_MS + 1);
    expect(later['also-bought'].items!.map((i) => i.id)).toEqual(['t2', 'c1', 'c2']);
  });

  it('keeps its parsed index while the catalog is unchanged, and takes a new upload after the TTL', async () => {
    const now = Date.now();
    await seed('recs-reuse', false);
    const first = (await loadSiteRecs(kv, 'recs-reuse', now))!;
    const unchanged = (await loadSiteRecs(kv, 'recs-reuse', now + RECS_TTL_MS + 1))!;
    expect(unchanged.index).toBe(first.index);
    await putCatalog(kv, 'recs-reuse', [p('n1', 'new')], { replace: true });
    const uploaded = (await loadSiteRecs(kv, 'recs-reuse', now + 2 * RECS_TTL_MS + 2))!;
    expect(uploaded.index.ids).toEqual(['n1']);
  });

  it('drops an item whose catalog record is gone rather than showing a nameless tile', async () => {
    await seed('recs-gone', false);
    const recs = (await loadSiteRecs(kv, 'recs-gone'))!;
    const picks = [{ id: 'vanished', reason: 'trending' }, { id: 'c1', reason: 'trending' }];
    const items = toRecommendedItems(picks, await productsFor(kv, recs, picks.map((x) => x.id)));
    expect(items.map((i) => i.name)).toEqual(['Name c1']);
  });
});
