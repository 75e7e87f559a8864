// The site report's funnel, paths and trend through the Admin API, in workerd with the
// site's real Durable Object: events in through /v1/collect, counts out in JSON and HTML.
import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteStats } from '../../stats/site-stats.js';
import { statsFor } from '../../stats/stub.js';
import { ADMIN, post, put, siteConfig } from '../../testing/fixtures.js';

const SITE = 'site-report-funnel';
const consent = { analytics: true, personalization: true };
const MIN = 60_000;
/**
 * Every view of this file on one day, so a new view of a known product adds no day row:
 * yesterday at noon (UTC), inside the report's last 7 days and, however late the last
 * event, never across midnight or in collect's future (a run just after midnight failed so).
 */
const T0 = Date.parse(new Date().toISOString().slice(0, 10)) - 12 * 60 * MIN;
const products = [
  { id: 'thr-x', name: 'The Silent Patient', category: 'thrillers', price: 12 },
  { id: 'thr-y', name: 'Gone Girl', category: 'thrillers', price: 11 },
  { id: 'lit-y', name: 'Normal People', category: 'literature', price: 14 },
];
let seq = 0;
const item = (item_id: string) => ({ item_id });
const event = (name: string, ts: number, extra: Record<string, unknown> = {}) => ({ id: `funnel-${++seq}`.padEnd(12, 'x'), name, ts, ...extra });
const view = (id: string, ts: number) => event('view_item', ts, { items: [item(id)] });

async function collect(visitor: string, segments: string[], events: unknown[]) {
  const res = await SELF.fetch(post('/v1/collect', { site: SITE, visitor, consent, segments, events }, { 'cf-connecting-ip': `203.0.113.${++seq % 250}` }));
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number };
}
const report = async (query = '') => {
  const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/report${query}`, { headers: ADMIN }));
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};
const count = (table: string) =>
  runInDurableObject(statsFor(env, SITE), (_: SiteStats, state) => state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n);

beforeAll(async () => {
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, products))).status).toBe(200);
  const t = T0;
  // Five thriller lovers view X; two go on to Y (Gone Girl), two to Normal People, one stops.
  const next = ['thr-y', 'thr-y', 'lit-y', 'lit-y', null];
  for (const [i, then] of next.entries()) {
    const events = [view('thr-x', t + i)];
    if (then) events.push(view(then, t + i + 5 * MIN));
    // The first three add to cart, two begin checkout, one buys.
    if (i < 3) events.push(event('add_to_cart', t + i + 6 * MIN, { items: [item('thr-x')] }));
    if (i < 2) events.push(event('begin_checkout', t + i + 7 * MIN, { items: [item('thr-x')] }));
    if (i < 1) events.push(event('purchase', t + i + 8 * MIN, { transaction_id: `tx-${i}`, value: 12, items: [item('thr-x')] }));
    await collect(`thriller-visitor-${i}`, ['thriller-lovers'], events);
  }
  // Someone outside the segment: a view, then another one two hours later (a new visit, no "next").
  await collect('other-visitor-1', [], [view('thr-x', t), view('lit-y', t + 2 * 60 * MIN + 1)]);
});

describe('funnel per segment', () => {
  it('counts each step per segment, with the drop-off into each, this period against the one before', async () => {
    const body = await report();
    const lovers = body.funnel.find((f: any) => f.segment === 'thriller-lovers');
    expect(lovers.name).toBe('Thriller lovers');
    expect(lovers.steps.map((s: any) => [s.step, s.visitors, s.previousVisitors])).toEqual([
      ['view_item', 5, 0],
      ['add_to_cart', 3, 0],
      ['begin_checkout', 2, 0],
      ['purchase', 1, 0],
    ]);
    expect(lovers.steps[0].dropOff).toBeNull();
    expect(lovers.steps.slice(1).map((s: any) => s.dropOff.toFixed(3))).toEqual(['0.400', '0.333', '0.500']);
    expect(lovers.overall).toBe(0.2);
    expect(body.funnel[0]).toMatchObject({ segment: '*', steps: [{ visitors: 6 }, { visitors: 3 }, { visitors: 2 }, { visitors: 1 }] });
  });
});

describe('paths per segment', () => {
  it('"of thriller lovers who viewed X, 40 % went to Y next", with product names, from aggregates only', async () => {
    const body = await report();
    const x = body.paths.find((p: any) => p.segment === 'thriller-lovers' && p.kind === 'item' && p.from === 'thr-x');
    expect(x).toMatchObject({ segmentName: 'Thriller lovers', fromName: 'The Silent Patient', views: 5, noNext: 0.2 });
    expect(x.next).toEqual([
      { to: 'lit-y', toName: 'Normal People', n: 2, share: 0.4 },
      { to: 'thr-y', toName: 'Gone Girl', n: 2, share: 0.4 },
    ]);
    const category = body.paths.find((p: any) => p.segment === 'thriller-lovers' && p.kind === 'category' && p.from === 'thrillers');
    expect(category.next).toEqual([
      { to: 'literature', n: 2, share: 2 / 7 },
      { to: 'thrillers', n: 2, share: 2 / 7 },
    ]);
    // Everyone: the outside visitor's second view came two hours later, so it is no "next".
    const all = body.paths.find((p: any) => p.segment === '*' && p.kind === 'item' && p.from === 'thr-x');
    expect(all).toMatchObject({ views: 6 });
    expect(body.pathMethod).toMatch(/within 30 minutes/);
  });

  it('starts from one product when asked, and says what is wrong with an empty one', async () => {
    const body = await report('?from=lit-y');
    expect(new Set(body.paths.map((p: any) => p.from))).toEqual(new Set(['lit-y']));
    const bad = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/report?from=`, { headers: ADMIN }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: ['from'] }] });
  });
});

describe('trend and charts', () => {
  it('has a daily trend per segment and draws the trend and funnel charts in the HTML', async () => {
    const body = await report();
    const today = new Date().toISOString().slice(0, 10);
    const lovers = body.trend.find((s: any) => s.segment === 'thriller-lovers');
    expect(lovers.points).toHaveLength(7);
    expect(lovers.points.find((p: any) => p.day === today)).toMatchObject({ visitors: expect.any(Number), conversions: expect.any(Number) });
    const html = await (await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/report?format=html`, { headers: ADMIN }))).text();
    expect(html).toContain('aria-label="Visitors per day per segment"');
    expect(html).toContain('aria-label="Funnel of Thriller lovers: share reaching each step"');
    expect(html).toMatch(/40% went to (Normal People|Gone Girl)/);
  });
});

// Last: it adds views the other tests would count.
describe('bounds and forget', () => {
  it('product ids the catalog does not have add no rows, and forget drops the last view', async () => {
    const before = [await count('path_views'), await count('path_steps')];
    const t = T0 + 10 * MIN;
    await collect('inventor-1', ['thriller-lovers'], [view('thr-x', t), ...Array.from({ length: 20 }, (_, i) => view(`invented-${i}-call-0800`, t + i + 1))]);
    // The real first view lands on existing rows; the invented ones on none.
    expect([await count('path_views'), await count('path_steps')]).toEqual(before);
    expect(await count(`last_views WHERE visitor = 'inventor-1'`)).toBe(1);
    const res = await SELF.fetch(post('/v1/forget', { site: SITE, visitor: 'inventor-1' }));
    expect(res.status).toBeLessThan(300);
    expect(await count(`last_views WHERE visitor = 'inventor-1'`)).toBe(0);
  });
});
