import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLists } from '../recs/lists.js';
import { ADMIN, decideBody, post, put, siteConfig } from '../testing/fixtures.js';
import { statsFor } from './stub.js';

const SITE = 'category-pairs';
const DAY = 86_400_000;
const book = (category: string, n: number) => ({ id: `${category}-${n}`, name: `${category} ${n}`, category, price: 10 + n });
const products = ['thrillers', 'literature', 'cookbooks', 'garden'].flatMap((c) => [1, 2, 3].map((n) => book(c, n)));

let seq = 0;
/** One order of the given products, from their categories, `daysAgo` days back. */
const order = (visitor: string, ids: string[], daysAgo = 0) => ({
  site: SITE,
  visitor,
  consent: { analytics: true, personalization: true },
  events: [
    {
      id: `category-order-${++seq}`,
      name: 'purchase',
      ts: Date.now() - daysAgo * DAY,
      transaction_id: `o${seq}`,
      value: 20,
      items: ids.map((item_id) => ({ item_id, item_category: item_id.replace(/-\d$/, ''), price: 10 })),
    },
  ],
});
const collect = (body: unknown) => SELF.fetch(post('/v1/collect', body));
const rows = (visitor: string) =>
  runInDurableObject(statsFor(env, SITE), (_, state) =>
    state.storage.sql.exec<{ category: string }>(`SELECT category FROM bought_categories WHERE visitor = ? ORDER BY category`, visitor).toArray().map((r) => r.category),
  );
const decide = async (categories: Record<string, unknown>, slots?: string[]) => {
  const res = await SELF.fetch(post('/v1/decide', decideBody(SITE, { profile: { categories }, slots })));
  return (await res.json()) as { segments: string[]; slots: Record<string, { variant: string; items?: { id: string; category: string; reason: string }[] }> };
};

beforeAll(async () => {
  const config = siteConfig(SITE);
  config.segments!.push({ id: 'literature-curious', when: { interests: 'literature' } });
  config.slots!.shelf = { recommendations: { strategies: ['category-affinity'], count: 4, maxPerCategory: 2 } };
  config.slots!.hero.variants = [{ id: 'novels', when: { 'interests.1': 'literature' }, content: { headline: 'Novels too' } }];
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, products, ADMIN))).status).toBe(200);
});

describe('category affinity learned at the edge', () => {
  it('pairs the categories each buyer bought across orders; a repeat buys pairs nothing new', async () => {
    // Six readers buy a thriller one month and a novel the next; two buy only thrillers, twice.
    for (let i = 0; i < 6; i++) {
      await collect(order(`reader-${i}-xxxx`, ['thrillers-1'], 40));
      await collect(order(`reader-${i}-xxxx`, ['literature-2', 'thrillers-2'], 10));
    }
    for (let i = 0; i < 2; i++) for (const ago of [20, 5]) await collect(order(`only-thrillers-${i}`, ['thrillers-3'], ago));
    // Gardeners buy cookbooks: one pair of categories in one order, for three buyers.
    for (let i = 0; i < 3; i++) await collect(order(`gardener-${i}-xxxx`, ['garden-1', 'cookbooks-1']));

    expect(await runDurableObjectAlarm(statsFor(env, SITE))).toBe(true);
    const lists = await readLists(env.KV, SITE);
    // thrillers: 8 buyers, literature 6, together 6 → 6/√48 = 0.866; garden–cookbooks 3/√9 = 1.
    expect(lists!.categories).toEqual({
      thrillers: [['literature', 0.866]],
      literature: [['thrillers', 0.866]],
      garden: [['cookbooks', 1]],
      cookbooks: [['garden', 1]],
    });
  });

  it('widens a thriller reader\'s interests and shelf to literature, and rules see it', async () => {
    const d = await decide({ thrillers: { views: 4 } });
    expect(d.segments).toContain('literature-curious');
    expect(d.slots.hero.variant).toBe('novels');
    const shelf = d.slots.shelf.items!;
    expect(shelf.map((i) => i.category)).toEqual(['thrillers', 'thrillers', 'literature', 'literature']);
    expect(shelf.every((i) => i.reason === 'category-affinity')).toBe(true);
    // A page without a recommendation slot still gets learned interests: the config reads them.
    expect((await decide({ thrillers: { views: 4 } }, ['hero'])).slots.hero.variant).toBe('novels');
    // A cook is not sent to the thrillers: neighbours come only from what buyers really pair.
    expect((await decide({ cookbooks: { views: 2 } })).segments).not.toContain('literature-curious');
  });

  it('forget deletes the buyer\'s categories; the learned counts hold no visitor id', async () => {
    expect(await rows('reader-0-xxxx')).toEqual(['literature', 'thrillers']);
    const res = await SELF.fetch(post('/v1/forget', { site: SITE, visitor: 'reader-0-xxxx' }));
    expect(res.status).toBe(200);
    expect(await rows('reader-0-xxxx')).toEqual([]);
    const counts = await runInDurableObject(statsFor(env, SITE), (_, state) =>
      state.storage.sql.exec<{ a: string; b: string }>(`SELECT a, b FROM pair_counts WHERE kind = 'category'`).toArray(),
    );
    expect(JSON.stringify(counts)).not.toContain('reader-0');
  });
});
