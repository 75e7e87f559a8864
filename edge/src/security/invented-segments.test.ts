import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../app.js';
import type { SiteStats } from '../stats/site-stats.js';
import { statsFor } from '../stats/stub.js';
import { ADMIN, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'invented-segments';
const consent = { analytics: true, personalization: true };
let seq = 0;
const pageView = () => ({ id: `inv-evt-${++seq}`.padEnd(12, 'x'), name: 'page_view', ts: Date.now() });
/** 50 names of 64 characters nobody configured, different for every visitor. */
const invented = (n: number) => Array.from({ length: 49 }, (_, i) => `call-0800-scam-now-${n}-${i}-`.padEnd(64, 'x'));

async function send(from: number, count: number, segments: (n: number) => string[]) {
  const sends = Array.from({ length: count }, (_, k) => {
    const n = from + k;
    // One address per visitor: this test is about names, not about the per-address limits.
    const headers = { 'cf-connecting-ip': `198.51.${n >> 8}.${n & 255}` };
    // app.fetch, not SELF: a thousand requests through the test's own loopback take minutes.
    return app.fetch(post('/v1/collect', { site: SITE, visitor: `inventor-${String(n).padStart(6, '0')}`, consent, segments: segments(n), events: [pageView()] }, headers), env);
  });
  for (const res of await Promise.all(sends)) expect(res.status).toBe(200);
}

async function report() {
  const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/report`, { headers: ADMIN }));
  expect(res.status).toBe(200);
  const text = await res.text();
  return { bytes: text.length, rows: (JSON.parse(text) as { segments: unknown[] }).segments.length };
}

/** Segment memberships stored in the site's object: what every report has to walk through. */
const storedMemberships = () =>
  runInDurableObject(statsFor(env, SITE), (_: SiteStats, state) =>
    state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM visitor_days, json_each(visitor_days.segments)`).one().n,
  );

beforeAll(async () => {
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)))).status).toBe(201);
});

describe('invented segment names (finding 2)', () => {
  it('1,000 visitors sending 49 invented names each leave the report as large as 20 honest ones did', async () => {
    await send(0, 20, () => ['thriller-lovers']);
    const baseline = await report();
    expect(await storedMemberships()).toBe(20);

    for (let from = 20; from < 1_020; from += 100) await send(from, 100, (n) => ['thriller-lovers', ...invented(n)]);
    const after = await report();
    // Same rows (everyone, thriller-lovers); the bytes differ only by the digits of the counts.
    expect(after.rows).toBe(baseline.rows);
    expect(after.bytes).toBeLessThan(baseline.bytes + 64);
    // What a report reads grew with the visitors (one membership each), not with the names.
    expect(await storedMemberships()).toBe(1_020);
  }, 60_000);

  it('says how many names it dropped', async () => {
    const res = await SELF.fetch(post('/v1/collect', { site: SITE, visitor: 'inventor-answer', consent, segments: ['thriller-lovers', 'nobody-made-this', 'nor-this'], events: [pageView()] }));
    expect(await res.json()).toMatchObject({ accepted: 1, segmentsDropped: 2 });
  });
});
