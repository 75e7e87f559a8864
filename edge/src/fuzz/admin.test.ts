import { env, SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexKey } from '../recs/catalog-store.js';
import { ADMIN, decideBody, post, put, siteConfig } from '../testing/fixtures.js';
import { hostileBodies, hostileString, POLLUTION_KEYS, PROTO_NAMES } from './arbitraries.js';
import { expectNoPollution, Probe, request, FUZZ_SEED } from './probe.js';

const SITE = 'fuzz-admin';
const CONFIG_RUNS = 200;
const CATALOG_RUNS = 120;

const CONFIG_KEYS = [
  '$schema', 'site', 'origins', 'rfm', 'recencyDays', 'frequency', 'monetary', 'clv', 'horizonMonths', 'margin', 'cart', 'abandonAfterMinutes',
  'freeShippingAbove', 'segments', 'personas', 'id', 'name', 'description', 'when', 'slots', 'hero', 'default', 'variants', 'content', 'headline',
  'body', 'image', 'src', 'alt', 'cta', 'label', 'href', 'recommendations', 'strategies', 'count', 'manual', 'ids', 'experiments', 'hypothesis',
  'status', 'slot', 'audience', 'traffic', 'goal', 'event', 'filter', 'group', 'weight', 'bestsellers',
  '$and', '$or', '$nor', '$not', '$regex', '$options', '$in', '$gt', '$elemMatch', '$size', '$exists', 'segments', 'categories.thrillers.views',
];
const PRODUCT_KEYS = ['id', 'name', 'category', 'price', 'image', 'url', 'inStock', 'attributes'];

const VALID_CONFIG = siteConfig(SITE, {
  experiments: [
    {
      id: 'hero-test',
      hypothesis: { goal: 'more purchases', change: 'quotes' },
      status: 'running',
      slot: 'hero',
      audience: { 'context.path': { $regex: '^/books', $options: 'i' } },
      goal: { event: 'purchase', filter: { value: { $gte: 20 } } },
      variants: [{ id: 'control', weight: 0.5 }, { id: 'quotes', weight: 0.5, content: { headline: 'Loved', image: { src: '/q.png', alt: 'q' } } }],
    },
  ],
  recommendations: { bestsellers: ['thr-a'] },
});
VALID_CONFIG.slots!.also = { recommendations: { strategies: ['also-bought', 'manual', 'bestsellers'], count: 3, manual: [{ when: { segments: 'thriller-lovers' }, ids: ['thr-b'] }] } };
const VALID_PRODUCT = { id: 'thr-a', name: 'Thriller a', category: 'thrillers', price: 12.5, image: '/img/a.svg', url: '/p/a', inStock: true, attributes: { author: 'X', pages: 320 } };

const configProbe = new Probe('PUT /admin/sites/:site/config');
const catalogProbe = new Probe('PUT /admin/sites/:site/catalog');

async function served() {
  const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/config`, { headers: ADMIN }));
  return { text: await res.text(), version: res.headers.get('x-config-version') };
}
async function versionCount() {
  const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/config/versions`, { headers: ADMIN }));
  return ((await res.json()) as { versions: unknown[] }).versions.length;
}
async function decidedVersion() {
  return ((await (await SELF.fetch(post('/v1/decide', decideBody(SITE)))).json()) as { configVersion: string }).configVersion;
}

beforeAll(async () => {
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, VALID_CONFIG))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, [VALID_PRODUCT]))).status).toBe(200);
});

afterAll(() => {
  console.log(configProbe.summary());
  console.log(catalogProbe.summary());
});

/** Mostly the right site in the URL; sometimes another, or a hostile one, which must not be written either. */
const sitePath = fc.oneof(
  { weight: 8, arbitrary: fc.constant(SITE) },
  { weight: 1, arbitrary: fc.constantFrom('other-site', '..', '%2e%2e', 'FUZZ-ADMIN', 'red-a%3Atraits%3Abob', ...POLLUTION_KEYS, ...PROTO_NAMES) },
  { weight: 1, arbitrary: hostileString.map((s) => encodeURIComponent(s.slice(0, 80).replace(/[\ud800-\udfff]/g, '')) || 'x') },
);

describe('fuzzing PUT /admin/sites/:site/config', () => {
  it('leaves the served config byte-identical after every rejected push', async () => {
    let before = await served();
    // The same config pushed twice within a second gets the same version id, so count ids.
    const versions = new Set([before.version]);
    await fc.assert(
      fc.asyncProperty(hostileBodies(VALID_CONFIG, CONFIG_KEYS), sitePath, async (body, site) => {
        const answer = await configProbe.send(request('PUT', `/admin/sites/${site}/config`, body, { ...ADMIN, 'content-type': 'application/json' }));
        if (answer.status === 201) {
          if (site === SITE) versions.add(answer.json.version);
          before = await served();
          return;
        }
        const after = await served();
        expect(after.version).toBe(before.version);
        expect(after.text).toBe(before.text);
      }),
      { numRuns: CONFIG_RUNS, seed: FUZZ_SEED },
    );
    // Only accepted pushes made versions, and decide serves the last of them.
    expect(await versionCount()).toBe(versions.size);
    expect(await decidedVersion()).toBe(before.version);
    expectNoPollution();
    configProbe.expectFast();
  }, 60_000);
});

describe('fuzzing PUT /admin/sites/:site/catalog', () => {
  it('leaves the stored catalog untouched after every rejected upload', async () => {
    const index = () => env.KV.get(indexKey(SITE));
    let before = await index();
    const ndjson = fc.array(hostileBodies(VALID_PRODUCT, PRODUCT_KEYS), { minLength: 1, maxLength: 5 }).map((lines) => lines.join('\n'));
    const array = fc.array(hostileBodies(VALID_PRODUCT, PRODUCT_KEYS), { minLength: 1, maxLength: 5 }).map((items) => `[${items.join(',')}]`);
    const body = fc.oneof(ndjson, array, hostileBodies([VALID_PRODUCT], PRODUCT_KEYS));
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('', '?merge=1', '?partial=1'), async (text, query) => {
        const answer = await catalogProbe.send(request('PUT', `/admin/sites/${SITE}/catalog${query}`, text, ADMIN));
        if (answer.status === 200) {
          before = await index();
          return;
        }
        expect(await index()).toBe(before);
      }),
      { numRuns: CATALOG_RUNS, seed: FUZZ_SEED },
    );
    expectNoPollution();
    catalogProbe.expectFast();
  }, 60_000);
});

describe('fuzzing admin path parameters', () => {
  // Every `:param` of the admin API is a key somewhere (a KV key, a Map, a report row).
  const ROUTES: [string, (p: string) => string][] = [
    ['GET', (p) => `/admin/sites/${p}/config`],
    ['GET', (p) => `/admin/sites/${p}/config/versions`],
    ['GET', (p) => `/admin/sites/${p}/report`],
    ['GET', (p) => `/admin/sites/${p}/report?format=html`],
    ['GET', (p) => `/admin/sites/${SITE}/experiments/${p}/report`],
    ['GET', (p) => `/admin/sites/${p}/experiments/${p}/report`],
    ['DELETE', (p) => `/admin/sites/${SITE}/traits/${p}`],
    ['DELETE', (p) => `/admin/sites/${p}/traits/${p}`],
  ];
  const param = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...POLLUTION_KEYS, ...PROTO_NAMES, 'hasOwnProperty', 'valueof') },
    { weight: 1, arbitrary: sitePath },
  );

  it('answers every one with a 2xx or a 4xx that says why, and leaves no prototype touched', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), param, async ([method, path], p) => {
        const res = await SELF.fetch(new Request(`https://edge.example${path(p)}`, { method, headers: ADMIN }));
        const body = await res.text();
        expect(res.status, `${method} ${path(p)} → ${body.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(typeof JSON.parse(body).error).toBe('string');
      }),
      { numRuns: 150, seed: FUZZ_SEED },
    );
    expectNoPollution();
  }, 60_000);
});
