import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../app.js';
import type { SiteStats } from '../stats/site-stats.js';
import { statsFor } from '../stats/stub.js';
import { signAssignment } from './assignment-token.js';
import { ADMIN, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'invented-segments';
const consent = { analytics: true, personalization: true };
let seq = 0;
const visitorId = (n: number) => `inventor-${String(n).padStart(6, '0')}`;
/** A page view and the exposure decide's token allows, so the experiment report has rows too. */
const events = async (n: number) => [
  { id: `inv-evt-${++seq}`.padEnd(12, 'x'), name: 'page_view', ts: Date.now() },
  { id: `inv-evt-${++seq}`.padEnd(12, 'x'), name: 'exposure', ts: Date.now(), experiment: 'inv-exp', variant: 'control', token: await signAssignment(env, SITE, visitorId(n), 'inv-exp', 'control') },
];
/** 50 names of 64 characters nobody configured, different for every visitor. */
const invented = (n: number) => Array.from({ length: 49 }, (_, i) => `call-0800-scam-now-${n}-${i}-`.padEnd(64, 'x'));

async function send(from: number, count: number, segments: (n: number) => string[]) {
  const sends = Array.from({ length: count }, async (_, k) => {
    const n = from + k;
    // One address per visitor: this test is about names, not about the per-address limits.
    const headers = { 'cf-connecting-ip': `198.51.${n >> 8}.${n & 255}` };
    // app.fetch, not SELF: a thousand requests through the test's own loopback take minutes.
    return app.fetch(post('/v1/collect', { site: SITE, visitor: visitorId(n), consent, segments: segments(n), events: await events(n) }, headers), env);
  });
  for (const res of await Promise.all(sends)) expect(res.status).toBe(200);
}

/** Size and segment rows of the site report and of the experiment report. */
async function reports() {
  const out = [];
  for (const path of ['report', 'experiments/inv-exp/report']) {
    const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/${path}`, { headers: ADMIN }));
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { segments: unknown[]; sinceStart: unknown[] };
    out.push({ bytes: text.length, rows: body.segments.length + (body.sinceStart?.length ?? 0) });
  }
  return out;
}

/** Segment memberships stored in the site's object: what every report has to walk through. */
const storedMemberships = () =>
  runInDurableObject(statsFor(env, SITE), (_: SiteStats, state) =>
    state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM visitor_days, json_each(visitor_days.segments)`).one().n,
  );

beforeAll(async () => {
  const config = siteConfig(SITE, {
    experiments: [
      {
        id: 'inv-exp',
        hypothesis: { goal: 'g', audience: 'a', change: 'c', expectedEffect: 'e' },
        status: 'running',
        slot: 'hero',
        traffic: 1,
        startedAt: new Date(Date.now() - 86_400_000).toISOString(),
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0.5 },
          { id: 'treat', weight: 0.5, content: { headline: 'x' } },
        ],
      },
    ],
  });
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
});

describe('invented segment names (finding 2)', () => {
  it('1,000 visitors sending 49 invented names each leave the report as large as 20 honest ones did', async () => {
    await send(0, 20, () => ['thriller-lovers']);
    const baseline = await reports();
    expect(await storedMemberships()).toBe(20);

    for (let from = 20; from < 1_020; from += 100) await send(from, 100, (n) => ['thriller-lovers', ...invented(n)]);
    const after = await reports();
    // Same rows (everyone, thriller-lovers); the bytes differ only by the digits of the counts.
    after.forEach((r, i) => {
      expect(r.rows).toBe(baseline[i].rows);
      expect(r.bytes).toBeLessThan(baseline[i].bytes + 200);
    });
    // What a report reads grew with the visitors (one membership each), not with the names.
    expect(await storedMemberships()).toBe(1_020);
  }, 60_000);

  it('says how many names it dropped', async () => {
    const res = await SELF.fetch(post('/v1/collect', { site: SITE, visitor: visitorId(99_999), consent, segments: ['thriller-lovers', 'nobody-made-this', 'nor-this'], events: await events(99_999) }));
    expect(await res.json()).toMatchObject({ accepted: 2, segmentsDropped: 2 });
  });
});
