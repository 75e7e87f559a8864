import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideBody, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'experiments-test';
const experiment = (weights: [number, number], extra: Record<string, unknown> = {}) => ({
  id: 'hero-test',
  hypothesis: 'Reviewer quotes sell more thrillers',
  status: 'running' as const,
  slot: 'hero',
  audience: { 'context.device': { $ne: 'bot' } },
  goal: { event: 'purchase' },
  variants: [
    { id: 'control', weight: weights[0] },
    { id: 'quotes', weight: weights[1], content: { headline: 'Quoted' } },
  ],
  ...extra,
});

async function push(exps: unknown[]) {
  const res = await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE, { experiments: exps as never })));
  expect(res.status).toBe(201);
}
async function decide(visitor: string | null, extra: Record<string, unknown> = {}) {
  const consent = visitor ? { analytics: true, personalization: true } : { analytics: false, personalization: false };
  return (await (await SELF.fetch(post('/v1/decide', decideBody(SITE, { visitor, consent, ...extra })))).json()) as any;
}
const visitors = Array.from({ length: 200 }, (_, i) => `visitor-${String(i).padStart(5, '0')}`);

describe('experiments at decide time', { timeout: 60_000 }, () => {
  beforeAll(() => push([experiment([0.5, 0.5])]));

  it('splits visitors by the weights, deterministically, and shows the arm’s content', async () => {
    const arms = await Promise.all(visitors.map(async (v) => (await decide(v, { slots: ['hero'] })).slots.hero));
    const quoted = arms.filter((s) => s.variant === 'quotes');
    expect(quoted.length / arms.length).toBeGreaterThan(0.38);
    expect(quoted.length / arms.length).toBeLessThan(0.62);
    expect(quoted.every((s) => s.content.headline === 'Quoted' && s.experiment === 'hero-test')).toBe(true);
    // The control keeps what the visitor would have seen without the test.
    expect(arms.find((s) => s.variant === 'control').content.headline).toBe('New in this week');
    const again = await decide(visitors[7], { slots: ['hero'] });
    expect(again.slots.hero.variant).toBe(arms[7].variant);
  });

  it('keeps an arm the SDK holds when the weights change later', async () => {
    const before = await Promise.all(visitors.slice(0, 20).map(async (v) => [v, (await decide(v)).experiments[0].variant]));
    await push([experiment([0.01, 0.99])]);
    for (const [v, variant] of before) {
      const now = await decide(v, { assignments: { 'hero-test': variant } });
      expect(now.experiments[0].variant).toBe(variant);
    }
    // Without the held arm, the new weights apply: nearly everyone gets quotes.
    const fresh = await Promise.all(visitors.slice(0, 20).map(async (v) => (await decide(v)).experiments[0].variant));
    expect(fresh.filter((x) => x === 'quotes').length).toBeGreaterThan(16);
    await push([experiment([0.5, 0.5])]);
  });

  it('puts nobody without a visitor id (no consent) into an experiment', async () => {
    const res = await decide(null);
    expect(res.experiments).toEqual([]);
    expect(res.slots.hero.experiment).toBeUndefined();
  });

  it('leaves forced views out of the experiment', async () => {
    const res = await decide(visitors[1], { force: { hero: 'quotes' } });
    expect(res.slots.hero).toMatchObject({ variant: 'quotes', forced: true });
    expect(res.slots.hero.experiment).toBeUndefined();
    expect(res.experiments).toEqual([]);
  });

  it('respects audience, traffic, status and mutual-exclusion groups', async () => {
    await push([
      experiment([0.5, 0.5], { id: 'a', group: 'hero-tests', traffic: 1 }),
      experiment([0.5, 0.5], { id: 'b', group: 'hero-tests', slot: 'nudge', variants: [{ id: 'control', weight: 0.5 }, { id: 'x', weight: 0.5, content: { body: 'x' } }] }),
      experiment([0.5, 0.5], { id: 'draft', status: 'draft', slot: 'nudge' }),
    ]);
    const all = await Promise.all(visitors.slice(0, 100).map(async (v) => (await decide(v)).experiments.map((e: any) => e.id)));
    expect(all.every((ids) => ids.length === 1)).toBe(true);
    const inA = all.filter((ids) => ids[0] === 'a').length;
    expect(inA).toBeGreaterThan(30);
    expect(inA).toBeLessThan(70);
    const bot = (await (await SELF.fetch(post('/v1/decide', decideBody(SITE, { visitor: visitors[3] }), { 'user-agent': 'Googlebot/2.1' }))).json()) as any;
    expect(bot.experiments).toEqual([]);

    await push([experiment([0.5, 0.5], { traffic: 0.2 })]);
    const included = (await Promise.all(visitors.map(async (v) => (await decide(v)).experiments.length))).filter(Boolean).length;
    expect(included / visitors.length).toBeGreaterThan(0.1);
    expect(included / visitors.length).toBeLessThan(0.3);
  });
});
