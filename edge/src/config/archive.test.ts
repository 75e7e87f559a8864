// An experiment's report after it leaves the config, end to end in workerd with real KV and
// the site's Durable Object: push, collect, push without it, and the report still opens.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signAssignment } from '../security/assignment-token.js';
import { ADMIN, ORIGIN, post, put, siteConfig } from '../testing/fixtures.js';
import { findArchivedExperiment } from './archive.js';
import { currentVersion } from './store.js';

const SITE = 'archive-test';
let seq = 0;
const ev = (name: string, params: Record<string, unknown> = {}, ts = Date.now() - 60_000) => ({ id: `arch-${++seq}-${name}`.padEnd(12, 'x'), name, ts, ...params });

const experiment = {
  id: 'autumn-hero',
  name: 'Autumn hero',
  hypothesis: { audience: 'thriller lovers', change: 'a reviewer quote in the hero', expectedEffect: '+10 % purchases', goal: 'purchase rate' },
  status: 'running' as const,
  slot: 'hero',
  goal: { event: 'purchase' },
  variants: [
    { id: 'control', weight: 0.5 },
    { id: 'quote', name: 'Reviewer quote', weight: 0.5, content: { headline: '“Unputdownable” — the Guardian' } },
  ],
};

async function push(withExperiment: boolean, headline: string): Promise<{ version: string; created: string }> {
  const config = siteConfig(SITE, { experiments: withExperiment ? [experiment] : [] });
  config.slots!.hero.default = { headline };
  const res = await SELF.fetch(put(`/admin/sites/${SITE}/config`, config));
  expect(res.status).toBe(201);
  return res.json();
}

const report = (id: string, html = false) =>
  SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/experiments/${id}/report${html ? '?format=html' : ''}`, { headers: ADMIN }));

/** An exposure with the token decide would have returned with the arm. */
const exposure = async (visitor: string, variant: string) =>
  ev('exposure', { experiment: 'autumn-hero', variant, token: await signAssignment(env, SITE, visitor, 'autumn-hero', variant) });

async function collect(visitor: string, events: unknown[]) {
  const res = await SELF.fetch(post('/v1/collect', { site: SITE, visitor, consent: { analytics: true, personalization: true }, events, segments: ['thriller-lovers'] }, { origin: ORIGIN }));
  expect(res.status).toBe(200);
}

describe('archived experiments', () => {
  it('keep their report, with the data, after leaving the config, and say when they left', async () => {
    await push(true, 'With the test');
    await collect('visitor-arch-0001', [await exposure('visitor-arch-0001', 'control')]);
    await collect('visitor-arch-0002', [await exposure('visitor-arch-0002', 'quote')]);
    await collect('visitor-arch-0003', [
      await exposure('visitor-arch-0003', 'quote'),
      ev('purchase', { transaction_id: 'arch-t1', value: 40, currency: 'EUR', items: [{ item_id: 'b1', price: 40 }] }, Date.now() - 30_000),
    ]);
    const live = (await (await report('autumn-hero')).json()) as any;
    expect(live.archived).toBeUndefined();

    const withIt = await currentVersion(env.KV, SITE);
    const without = await push(false, 'Test over');
    const res = await report('autumn-hero');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.archived).toEqual({ version: withIt, leftAt: without.created });
    expect(body.experiment).toMatchObject({ id: 'autumn-hero', name: 'Autumn hero' });
    expect(body.variants.map((v: any) => [v.id, v.name, v.visitors, v.conversions])).toEqual([
      ['control', undefined, 1, 0],
      ['quote', 'Reviewer quote', 2, 1],
    ]);
    expect(body.variants).toEqual(live.variants);
    expect(body.segments[0]).toMatchObject({ segment: 'thriller-lovers', name: 'Thriller lovers' });

    const html = await (await report('autumn-hero', true)).text();
    expect(html).toContain('<h1>Autumn hero</h1>');
    expect(html).toContain(`<strong>Archived.</strong> This experiment left the site config on ${without.created.slice(0, 10)}`);
  });

  it('answers 404 for an experiment no stored version ever had', async () => {
    const res = await report('never-ran');
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error).toMatch(/no experiment "never-ran" in the served config or any stored version/);
  });

  it('finds the newest version that had it; after a rollback past it, the time it left is unknown', async () => {
    const before = await push(false, 'Between');
    const back = await push(true, 'Back again');
    expect((await report('autumn-hero')).status).toBe(200);
    expect(((await (await report('autumn-hero')).json()) as any).archived).toBeUndefined();
    const rollback = await SELF.fetch(post(`/admin/sites/${SITE}/config/rollback`, { version: before.version }, ADMIN));
    expect(rollback.status).toBe(200);
    const found = await findArchivedExperiment(env.KV, SITE, 'autumn-hero', before.version);
    expect(found).toMatchObject({ version: back.version, leftAt: null, experiment: { id: 'autumn-hero' } });
    const html = await (await report('autumn-hero', true)).text();
    expect(html).toContain('left the served config when it was rolled back to an older version');
  });
});
