import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../app.js';
import { keys } from '../config/keys.js';
import { NEW_VISITORS_PER_ADDRESS } from '../stats/site-stats.js';
import { ADMIN, post, put, siteConfig } from '../testing/fixtures.js';
import { signAssignment, verifyAssignment } from './assignment-token.js';

const SITE = 'assignment-token';
const EXP = 'hero-arms';
const consent = { analytics: true, personalization: true };
let seq = 0;
const id = () => `arm-evt-${++seq}`.padEnd(12, 'x');
const exposure = (variant: string, token?: string) => ({ id: id(), name: 'exposure', ts: Date.now() - 1000, experiment: EXP, variant, ...(token && { token }) });
const purchase = (value: number) => ({ id: id(), name: 'purchase', ts: Date.now(), transaction_id: `t-${seq}`, value, currency: 'EUR' });
const collect = async (visitor: string, events: unknown[], address = '192.0.2.1') => {
  const res = await app.fetch(post('/v1/collect', { site: SITE, visitor, consent, events }, { 'cf-connecting-ip': address }), env);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};
const arms = async () => {
  const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/experiments/${EXP}/report`, { headers: ADMIN }));
  const report = (await res.json()) as any;
  return Object.fromEntries(report.variants.map((v: any) => [v.id, { visitors: v.visitors, conversions: v.conversions }]));
};

beforeAll(async () => {
  const config = siteConfig(SITE, {
    experiments: [
      {
        id: EXP,
        hypothesis: { goal: 'g', audience: 'a', change: 'c', expectedEffect: 'e' },
        status: 'running',
        slot: 'hero',
        traffic: 1,
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

describe('signed assignments (finding 8)', () => {
  it('a token is short and fits only its site, visitor, experiment and arm', async () => {
    const token = await signAssignment(env, SITE, 'visitor-t1', EXP, 'control');
    expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await verifyAssignment(env, SITE, 'visitor-t1', EXP, 'control', token)).toBe(true);
    for (const [site, visitor, experiment, arm] of [
      [SITE, 'visitor-t1', EXP, 'treat'],
      [SITE, 'visitor-t2', EXP, 'control'],
      [SITE, 'visitor-t1', 'other-exp', 'control'],
      ['assignment-other', 'visitor-t1', EXP, 'control'],
    ])
      expect(await verifyAssignment(env, site, visitor, experiment, arm, token)).toBe(false);
    expect(await verifyAssignment(env, SITE, 'visitor-t1', EXP, 'control', undefined)).toBe(false);
    expect(await verifyAssignment(env, SITE, 'visitor-t1', EXP, 'control', token.slice(1) + 'A')).toBe(false);
  });

  it('the per-site secret is made by the config push and kept out of the config', async () => {
    const secret = await env.KV.get(keys.assignmentSecret(SITE));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const config = await (await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/config`, { headers: ADMIN }))).text();
    expect(config).not.toContain(secret);
  });

  it('counts an exposure only with the token decide gave that visitor for that arm, and says why not', async () => {
    const before = await arms();
    const control = await signAssignment(env, SITE, 'visitor-arm-01', EXP, 'control');
    // Assigned control, claims treat with control's token; then no token; then another visitor's token.
    const claimed = await collect('visitor-arm-01', [exposure('treat', control), purchase(50)]);
    const bare = await collect('visitor-arm-02', [exposure('treat'), purchase(50)]);
    const borrowed = await collect('visitor-arm-03', [exposure('control', control), purchase(50)]);
    for (const { body } of [claimed, bare, borrowed])
      expect(body.ignored).toEqual([{ index: 0, reason: expect.stringMatching(/no valid assignment token/) }]);
    // Purchases of visitors without a counted exposure are no conversions.
    expect(await arms()).toEqual(before);

    const honest = await collect('visitor-arm-01', [exposure('control', control), purchase(30)]);
    expect(honest.body).toMatchObject({ accepted: 2, ignored: [] });
    const after = await arms();
    expect(after.control.visitors).toBe((before.control?.visitors ?? 0) + 1);
    expect(after.control.conversions).toBe((before.control?.conversions ?? 0) + 1);
  });

  it('400 scripted batches of exposures and purchases without tokens move no arm', async () => {
    const before = await arms();
    for (let n = 0; n < 400; n += 50)
      await Promise.all(Array.from({ length: 50 }, (_, k) => collect(`scripted-${String(n + k).padStart(4, '0')}`, [exposure('treat'), purchase(99)], `198.51.100.${(n + k) % 250}`)));
    expect(await arms()).toEqual(before);
  }, 60_000);

  it(`limits new visitor ids per address to ${NEW_VISITORS_PER_ADDRESS.limit} an hour, with Retry-After`, async () => {
    const address = '203.0.113.80';
    const page = () => [{ id: id(), name: 'page_view', ts: Date.now() }];
    for (let n = 0; n < NEW_VISITORS_PER_ADDRESS.limit; n += 25)
      for (const { status } of await Promise.all(Array.from({ length: 25 }, (_, k) => collect(`minted-${String(n + k).padStart(4, '0')}`, page(), address)))) expect(status).toBe(200);
    const over = await collect('minted-one-more', page(), address);
    expect(over.status).toBe(429);
    expect(over.body.error).toMatch(/new visitors/);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Visitors already known from that address, and new ones from elsewhere, go on.
    expect((await collect('minted-0000', page(), address)).status).toBe(200);
    expect((await collect('minted-elsewhere', page(), '203.0.113.81')).status).toBe(200);
  }, 60_000);
});
