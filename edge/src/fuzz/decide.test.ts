import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideBody, ORIGIN, put, siteConfig } from '../testing/fixtures.js';
import { contentType, hostileBodies, hostileString } from './arbitraries.js';
import { expectNoPollution, Probe, request, FUZZ_SEED } from './probe.js';

const SITE = 'fuzz-decide';
const RUNS = 600;

/** Every field a decide body may carry, so generated keys land where the schema reads. */
const KEYS = [
  'site', 'visitor', 'consent', 'analytics', 'personalization', 'context', 'url', 'referrer', 'language', 'timezone', 'productId',
  'profile', 'firstSeen', 'sessions', 'pageviews', 'purchases', 'count', 'revenue', 'first', 'last', 'categories', 'thrillers',
  'views', 'carts', 'maxViewedPrice', 'lastPurchasePrice', 'viewed', 'carted', 'purchased', 'cart', 'items', 'value', 'updated',
  'source', 'prices', 'avgViewed', 'maxViewed', 'traits', 'tier', 'slots', 'hero', 'assignments', 'force', 'identity', 'customerId', 'signature',
];

const now = Date.now();
const VALID = decideBody(SITE, {
  context: { url: 'https://shop.example/books?utm_source=news&utm_medium=email', referrer: 'https://www.google.com/', language: 'nl-NL', timezone: 'Europe/Amsterdam', productId: 'thr-a' },
  profile: {
    firstSeen: now - 40 * 86_400_000,
    sessions: 4,
    pageviews: 31,
    purchases: { count: 2, revenue: 84.5, first: now - 30 * 86_400_000, last: now - 3 * 86_400_000 },
    categories: { thrillers: { views: 9, carts: 2, purchases: 1, maxViewedPrice: 24, lastPurchasePrice: 12 } },
    viewed: ['thr-a', 'thr-b'],
    carted: ['thr-a'],
    purchased: ['thr-c'],
    cart: { items: 1, value: 31, updated: now - 3_600_000 },
    source: { first: 'organic', last: 'email' },
    prices: { avgViewed: 18, maxViewed: 24 },
  },
  traits: { tier: 'gold', tags: ['b2b'], items: [{ id: 'x', price: 3 }] },
  slots: ['hero', 'nudge', 'also'],
  assignments: { 'hero-test': 'control' },
  force: { nudge: 'almost' },
  identity: { customerId: 'c-1', signature: 'deadbeef' },
});

const probe = new Probe('POST /v1/decide');

beforeAll(async () => {
  const config = siteConfig(SITE, {
    experiments: [
      {
        id: 'hero-test',
        hypothesis: 'quotes sell',
        status: 'running',
        slot: 'hero',
        audience: { 'context.path': { $regex: '^/books' } },
        goal: { event: 'purchase' },
        variants: [{ id: 'control', weight: 0.5 }, { id: 'quotes', weight: 0.5, content: { headline: 'Loved by {{traits.tier|readers}}' } }],
      },
    ],
  });
  config.slots!.also = { recommendations: { strategies: ['also-bought', 'category-affinity', 'bestsellers'], count: 3 } };
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
  const catalog = ['a', 'b', 'c', 'd'].map((x, i) => JSON.stringify({ id: `thr-${x}`, name: `Thriller ${x}`, category: 'thrillers', price: 10 + i })).join('\n');
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, catalog))).status).toBe(200);
  // Warm the isolate (config compile, catalog index) so the first timed input is not a cold start.
  expect((await probe.send(request('POST', '/v1/decide', JSON.stringify(VALID), { 'content-type': 'application/json' }))).status).toBe(200);
});

afterAll(() => console.log(probe.summary()));

describe('fuzzing POST /v1/decide', () => {
  it('answers every hostile or borderline body with a 2xx or a 4xx that says why, quickly', async () => {
    const headers = fc.record({
      'content-type': contentType,
      origin: fc.oneof(fc.constant(ORIGIN), fc.constant('https://evil.example'), hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 100))),
    }, { requiredKeys: ['content-type'] });
    await fc.assert(
      fc.asyncProperty(hostileBodies(VALID, KEYS), headers, async (body, h) => {
        const answer = await probe.send(request('POST', '/v1/decide', body, h));
        if (answer.status === 200) expect(answer.json.configVersion).toEqual(expect.any(String));
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    expectNoPollution();
    probe.expectFast();
  }, 60_000);

  it('reads the valid body as valid, so mutations start from something accepted', async () => {
    const answer = await probe.send(request('POST', '/v1/decide', JSON.stringify(VALID), { 'content-type': 'text/plain', origin: ORIGIN }));
    expect(answer.status).toBe(200);
    expect(answer.json.slots.also.items.length).toBeGreaterThan(0);
  });
});
