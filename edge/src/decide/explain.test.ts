import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { decideBody, post, put, siteConfig } from '../testing/fixtures.js';

async function explained(site: string, extra: Record<string, unknown>) {
  const res = await SELF.fetch(post('/v1/decide', decideBody(site, { debug: true, ...extra })));
  expect(res.status).toBe(200);
  return ((await res.json()) as { debug: any }).debug;
}

describe('debug: why does this visitor see this?', () => {
  it('names the failing condition with the visitor’s value for each segment and persona not matched', async () => {
    const config = siteConfig('why-segments');
    config.segments!.push({ id: 'recent-buyers', name: 'Recent buyers', when: { 'rfm.recencyDays': { $lt: 60 } } });
    expect((await SELF.fetch(put('/admin/sites/why-segments/config', config))).status).toBe(201);
    const day = 86_400_000;
    const debug = await explained('why-segments', {
      profile: { purchases: { count: 1, revenue: 30, first: Date.now() - 80 * day, last: Date.now() - 80 * day }, categories: { thrillers: { views: 1 } } },
    });
    const recent = debug.segments.find((s: any) => s.id === 'recent-buyers');
    expect(recent).toMatchObject({ name: 'Recent buyers', matched: false, why: { path: 'rfm.recencyDays', operator: '$lt', expected: 60, actual: 80 } });
    expect(recent.why.message).toMatch(/rfm\.recencyDays is 80.*\$lt 60/);
    const thrillers = debug.segments.find((s: any) => s.id === 'thriller-lovers');
    expect(thrillers).toMatchObject({ matched: false, why: { path: 'categories.thrillers.views', actual: 1, expected: 3 } });
    expect(debug.personas.find((p: any) => p.id === 'reader')).toMatchObject({ matched: false, why: { path: 'segments' } });
    expect(debug.context).toMatchObject({ source: 'direct', channel: 'web', device: expect.any(String) });
  });

  it('says per slot why this variant: the first matching one, the ones tried before it, or the default', async () => {
    expect((await SELF.fetch(put('/admin/sites/why-slots/config', siteConfig('why-slots')))).status).toBe(201);
    const thriller = await explained('why-slots', { profile: { categories: { thrillers: { views: 5 } } } });
    expect(thriller.slots.hero).toMatchObject({ reason: 'variant', variant: 'thrillers', tried: [{ variant: 'email', why: { path: 'segments' } }] });
    const nobody = await explained('why-slots', {});
    expect(nobody.slots.hero.reason).toBe('default');
    expect(nobody.slots.hero.tried.map((t: any) => t.variant)).toEqual(['email', 'thrillers']);
    const forced = await explained('why-slots', { force: { hero: 'email' } });
    expect(forced.slots.hero).toMatchObject({ reason: 'forced', variant: 'email' });
  });

  it('says whether the visitor is in an experiment’s audience and traffic, and which arm', async () => {
    const config = siteConfig('why-experiment', {
      experiments: [{ id: 'hero-test', hypothesis: 'h', status: 'running', slot: 'hero', audience: { 'context.device': 'mobile' }, goal: { event: 'purchase' }, variants: [{ id: 'control', weight: 0.5 }, { id: 'b', weight: 0.5 }] }],
    });
    expect((await SELF.fetch(put('/admin/sites/why-experiment/config', config))).status).toBe(201);
    const desktop = await explained('why-experiment', {});
    expect(desktop.slots.hero.experiment).toEqual({ id: 'hero-test', inAudience: false, inTraffic: true });
    const res = await SELF.fetch(post('/v1/decide', decideBody('why-experiment', { debug: true }), { 'user-agent': 'Mozilla/5.0 (iPhone) Mobile Safari' }));
    const mobile = ((await res.json()) as any).debug;
    expect(mobile.slots.hero).toMatchObject({ reason: 'experiment', experiment: { id: 'hero-test', inAudience: true, inTraffic: true, arm: expect.stringMatching(/^(control|b)$/) } });
  });
});
