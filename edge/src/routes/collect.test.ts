import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../app.js';
import { signAssignment } from '../security/assignment-token.js';
import { ADMIN, ORIGIN, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'collect-test';
let seq = 0;
const ev = (name: string, params: Record<string, unknown> = {}, ts = Date.now()) => ({ id: `evt-${++seq}-${name}`.padEnd(12, 'x'), name, ts, ...params });
const batch = (visitor: string, events: unknown[], extra: Record<string, unknown> = {}) => ({
  site: SITE,
  visitor,
  consent: { analytics: true, personalization: true },
  events,
  ...extra,
});
const collect = async (body: unknown, headers: Record<string, string> = {}) => {
  const res = await SELF.fetch(post('/v1/collect', body, headers));
  return { res, body: (await res.json()) as any };
};
const report = async (id: string) => (await (await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/experiments/${id}/report`, { headers: ADMIN }))).json()) as any;

beforeAll(async () => {
  const config = siteConfig(SITE, {
    experiments: [
      {
        id: 'hero-quotes',
        hypothesis: { goal: 'more purchases', audience: 'everyone', change: 'reviewer quotes', expectedEffect: '+10 %' },
        status: 'running',
        slot: 'hero',
        traffic: 1,
        startedAt: new Date(Date.now() - 86_400_000).toISOString(),
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0.5 },
          { id: 'quotes', weight: 0.5, content: { headline: '“Unputdownable” — the Guardian' } },
        ],
      },
    ],
  });
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
});

describe('POST /v1/collect', () => {
  it('keeps good events, names each bad one by index and path', async () => {
    const { res, body } = await collect(batch('visitor-good-bad', [ev('page_view'), { name: 'view_item', ts: 'yesterday' }, ev('purchase', { value: 10 })]));
    expect(res.status).toBe(200);
    expect(body.accepted).toBe(1);
    const paths = body.rejected.map((r: any) => r.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['events.1.id', 'events.1.ts', 'events.2.transaction_id']));
  });

  it('takes a sendBeacon body sent as text/plain', async () => {
    const res = await SELF.fetch(new Request('https://edge.example/v1/collect', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, body: JSON.stringify(batch('visitor-beacon', [ev('page_view')])) }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('stores nothing without analytics consent, and refuses foreign origins', async () => {
    const { res } = await collect(batch('visitor-noconsent', [ev('page_view')], { consent: { analytics: false, personalization: true } }));
    expect(res.status).toBe(403);
    const { res: foreign } = await collect(batch('visitor-foreign', [ev('page_view')]), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('names every problem under `issues` when no event of a batch is usable', async () => {
    const { res, body } = await collect(batch('visitor-all-bad', [{ name: 'view_item', ts: 'yesterday' }]));
    expect(res.status).toBe(400);
    expect(body.issues.map((i: any) => i.path.join('.'))).toEqual(expect.arrayContaining(['events.0.id', 'events.0.ts']));
  });

  it('rejects a batch over the event limit and an unreadable envelope', async () => {
    const many = Array.from({ length: 101 }, () => ev('page_view'));
    expect((await collect(batch('visitor-many', many))).res.status).toBe(400);
    expect((await collect({ site: SITE })).res.status).toBe(400);
  });
});

describe('experiment counting, end to end in workerd', () => {
  it('counts exposures and conversions exactly once, never forced views, only after exposure', async () => {
    const t0 = Date.now() - 60_000;
    // The token decide would have returned with the arm.
    const exposure = async (visitor: string, variant: string, ts = t0, extra = {}) =>
      ev('exposure', { experiment: 'hero-quotes', variant, token: await signAssignment(env, SITE, visitor, 'hero-quotes', variant), ...extra }, ts);
    const purchase = (value: number, ts: number) => ev('purchase', { transaction_id: `t-${seq}`, value, currency: 'EUR', items: [{ item_id: 'b1', price: value }] }, ts);

    const e1 = await exposure('visitor-a0000001', 'control');
    await collect(batch('visitor-a0000001', [e1, purchase(30, t0 + 1000)], { segments: ['thriller-lovers'] }));
    // The same exposure again (a retried beacon) is a duplicate, not a second visitor.
    const again = await collect(batch('visitor-a0000001', [e1]));
    expect(again.body.duplicates).toBe(1);
    await collect(batch('visitor-b0000001', [await exposure('visitor-b0000001', 'quotes'), purchase(50, t0 + 2000), purchase(20, t0 + 3000)], { segments: ['thriller-lovers'] }));
    await collect(batch('visitor-c0000001', [await exposure('visitor-c0000001', 'quotes')]));
    // Bought before seeing the test: not a conversion of it.
    await collect(batch('visitor-d0000001', [purchase(99, t0 - 5000), await exposure('visitor-d0000001', 'control')]));
    // A debug-forced view is accepted but never counted.
    const forced = await collect(batch('visitor-e0000001', [await exposure('visitor-e0000001', 'quotes', t0, { forced: true })]));
    expect(forced.body.ignored[0].reason).toMatch(/forced/);
    const unknown = await collect(batch('visitor-f0000001', [ev('exposure', { experiment: 'nope', variant: 'x' })]));
    expect(unknown.body.ignored[0].reason).toMatch(/unknown experiment/);

    const r = await report('hero-quotes');
    const arm = (id: string) => r.variants.find((v: any) => v.id === id);
    expect(arm('control')).toMatchObject({ visitors: 2, conversions: 1, revenuePerVisitor: 15 });
    expect(arm('quotes')).toMatchObject({ visitors: 2, conversions: 1, revenuePerVisitor: 35 });
    const thrillers = r.segments.find((s: any) => s.segment === 'thriller-lovers');
    expect(thrillers.variants.map((v: any) => [v.id, v.visitors, v.conversions])).toEqual([
      ['control', 1, 1],
      ['quotes', 1, 1],
    ]);
    expect(r.verdict.status).toBe('inconclusive');
    // Since the start against as long before it: everyone arrived after the start here.
    const all = r.sinceStart.find((s: any) => s.segment === '*');
    expect(all.current.visitors).toBeGreaterThanOrEqual(4);
    expect(all.previous.visitors).toBe(0);

    const html = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/experiments/hero-quotes/report?format=html`, { headers: ADMIN }));
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('<svg');
  });

  it('forgets a visitor: their rows leave the report', async () => {
    const token = await signAssignment(env, SITE, 'visitor-forget01', 'hero-quotes', 'control');
    await collect(batch('visitor-forget01', [ev('exposure', { experiment: 'hero-quotes', variant: 'control', token })]));
    const before = (await report('hero-quotes')).variants.find((v: any) => v.id === 'control').visitors;
    const res = await SELF.fetch(post('/v1/forget', { site: SITE, visitor: 'visitor-forget01' }));
    expect(await res.json()).toEqual({ forgotten: true });
    const after = (await report('hero-quotes')).variants.find((v: any) => v.id === 'control').visitors;
    expect(after).toBe(before - 1);
  });

  it('limits one visitor with 429 and Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const events = Array.from({ length: 100 }, () => ev('page_view'));
      last = (await collect(batch('visitor-flood001', events))).res;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 503 with Retry-After when the stats object is unavailable', async () => {
    const broken = { ...env, SITE_STATS: { idFromName: () => ({}), get: () => ({ collect: () => Promise.reject(new Error('gone')) }) } };
    const res = await app.fetch(post('/v1/collect', batch('visitor-do-down1', [ev('page_view')])), broken as never);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
  });

  it('shows segments this period against the previous one on the site report', async () => {
    const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/report`, { headers: ADMIN }));
    const body = (await res.json()) as any;
    const all = body.segments.find((s: any) => s.segment === '*');
    expect(all.current.visitors).toBeGreaterThanOrEqual(4);
    expect(body.experiments[0].experiment.id).toBe('hero-quotes');
    const html = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/report`, { headers: { ...ADMIN, accept: 'text/html' } }));
    expect(await html.text()).toContain('All visitors');
  });
});
