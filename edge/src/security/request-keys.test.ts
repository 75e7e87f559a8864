import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { getProducts, patchCatalog, putCatalog } from '../recs/catalog-store.js';
import type { SiteStats } from '../stats/site-stats.js';
import { statsFor } from '../stats/stub.js';
import { ADMIN, post, put, siteConfig } from '../testing/fixtures.js';

/** Names that mean something to a plain object: `{}` used as a map of them breaks. */
const PROTO_NAMES = ['__proto__', 'constructor', 'toString'];
const SITE = 'request-keys';
const DAY = 86_400_000;
const consent = { analytics: true, personalization: true };
let seq = 0;
const event = (ts = Date.now()) => ({ id: `keys-evt-${++seq}`.padEnd(12, 'x'), name: 'page_view', ts });
const get = (path: string, headers: Record<string, string> = ADMIN) => SELF.fetch(new Request(`https://edge.example${path}`, { headers }));

const configure = async (site: string) => {
  const config = siteConfig(site, {
    // "constructor" is a legal segment id, so it reaches every map of segment names.
    segments: [{ id: 'constructor', when: { 'context.source': 'email' } }, ...siteConfig(SITE).segments!],
    experiments: [
      {
        id: 'keys-exp',
        hypothesis: { goal: 'g', audience: 'a', change: 'c', expectedEffect: 'e' },
        status: 'running',
        slot: 'hero',
        traffic: 1,
        startedAt: new Date(Date.now() - DAY).toISOString(),
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0.5 },
          { id: 'treat', weight: 0.5, content: { headline: 'x' } },
        ],
      },
    ],
  });
  expect((await SELF.fetch(put(`/admin/sites/${site}/config`, config))).status).toBe(201);
};
const PREVIOUS_ONLY = 'request-keys-previous';

beforeAll(async () => {
  await configure(SITE);
  await configure(PREVIOUS_ONLY);
});

describe('names of Object.prototype as request keys (finding 1)', () => {
  it('a visitor naming segments __proto__, constructor, toString does not break any report', async () => {
    const res = await SELF.fetch(post('/v1/collect', { site: SITE, visitor: 'protovisitor0003', consent, segments: PROTO_NAMES, events: [event()] }));
    expect(res.status).toBe(200);
    // "constructor" is a segment of this config and stays; the other two are dropped.
    expect(await res.json()).toMatchObject({ accepted: 1, segmentsDropped: 2 });
    for (const path of [`/admin/sites/${SITE}/report`, `/admin/sites/${SITE}/experiments/keys-exp/report`]) {
      expect((await get(path)).status).toBe(200);
      const html = await get(`${path}?format=html`);
      expect(html.status).toBe(200);
      expect(await html.text()).not.toContain('NaN');
    }
  });

  it('decide with slots and categories named __proto__, constructor, toString answers as for any unknown name', async () => {
    const categories = Object.fromEntries(PROTO_NAMES.map((name) => [name, { views: 4 }]));
    const body = JSON.stringify({
      site: SITE,
      visitor: 'protovisitor0004',
      consent,
      context: { url: 'https://shop.example/' },
      slots: [...PROTO_NAMES, 'hero'],
      profile: { pageviews: 3, categories },
      debug: true,
    });
    const res = await SELF.fetch(post('/v1/decide', body));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { slots: Record<string, unknown>; debug: { variants: Record<string, string[]>; context?: Record<string, unknown> } };
    // Slots the config does not have are not answered, whatever their name; the rest works.
    expect(Object.keys(answer.slots)).toEqual(['hero']);
    expect(Object.keys(answer.debug.variants)).toEqual(['hero']);
  });

  it('a segment seen only in the previous period has zero visitors now, not a missing row', async () => {
    await SELF.fetch(post('/v1/collect', { site: PREVIOUS_ONLY, visitor: 'protovisitor0004', consent, segments: ['constructor'], events: [event(Date.now() - 10 * DAY)] }));
    const body = (await (await get(`/admin/sites/${PREVIOUS_ONLY}/report`)).json()) as any;
    const row = body.segments.find((s: any) => s.segment === 'constructor');
    expect(row.current).toEqual({ visitors: 0, conversions: 0, revenue: 0, revenueSq: 0 });
    expect(row.previous.visitors).toBe(1);
    expect(await (await get(`/admin/sites/${PREVIOUS_ONLY}/report?format=html`)).text()).not.toContain('NaN');
  });

  it('period totals of rows stored under those names (before collect checked them) come back as a Map', async () => {
    const stats = statsFor(env, 'request-keys-legacy');
    const today = new Date().toISOString().slice(0, 10);
    await runInDurableObject(stats, (_: SiteStats, state) => {
      state.storage.sql.exec(`INSERT INTO visitor_days (day, visitor, segments) VALUES (?, 'legacy-visitor', ?)`, today, JSON.stringify(PROTO_NAMES));
    });
    const [totals] = await stats.periods([{ from: today, to: today }], PROTO_NAMES);
    expect(totals).toBeInstanceOf(Map);
    for (const name of [...PROTO_NAMES, '*']) expect(totals.get(name)).toEqual({ visitors: 1, conversions: 0, revenue: 0, revenueSq: 0 });
    // Names the config does not list are not totalled at all.
    const [bounded] = await stats.periods([{ from: today, to: today }], ['constructor']);
    expect([...bounded.keys()].sort()).toEqual(['*', 'constructor']);
  });

  it('catalog patches of products named __proto__, constructor and toString keep every product', async () => {
    const site = 'request-keys-catalog';
    await putCatalog(env.KV, site, PROTO_NAMES.map((id) => ({ id, name: id, category: 'c', price: 1, inStock: true })), { replace: true });
    const patched = await patchCatalog(env.KV, site, PROTO_NAMES.map((id) => ({ id, price: 2 })));
    expect(patched).toMatchObject({ updated: 3, unknown: [] });
    const products = await getProducts(env.KV, site, PROTO_NAMES);
    expect(products.map((p) => [p.id, p.price])).toEqual(PROTO_NAMES.map((id) => [id, 2]));
  });
});
