import { createExecutionContext, env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from './app.js';
import { CONFIG_TTL_MS } from './config/cache.js';
import { KV_READ_TIMEOUT_MS } from './config/timeout.js';
import type { Env } from './env.js';
import { writeLists } from './recs/lists.js';
import { RECS_TTL_MS } from './recs/site-recs.js';
import { decideBody, post, put, siteConfig } from './testing/fixtures.js';

type Read = (key: string) => Promise<unknown> | undefined;

/** env.KV with its reads replaced where `read` answers; undefined lets the real read through. */
function kvWith(read: Read): KVNamespace {
  return new Proxy(env.KV, {
    get(target, prop) {
      const real = Reflect.get(target, prop) as (...args: unknown[]) => unknown;
      if (prop !== 'get' && prop !== 'getWithMetadata' && prop !== 'list') return typeof real === 'function' ? real.bind(target) : real;
      return (key: unknown, ...rest: unknown[]) => read(typeof key === 'string' ? key : '') ?? real.call(target, key, ...rest);
    },
  });
}
const hangingKv = kvWith(() => new Promise(() => {}));
const emptyKv = kvWith(() => Promise.resolve(null));
const failingKv = (pattern: RegExp) => kvWith((key) => (pattern.test(key) ? Promise.reject(new Error('KV unavailable')) : undefined));

/** A Durable Object namespace that fails as an unreachable one does, on every call. */
const unreachableStats = new Proxy({} as Env['SITE_STATS'], {
  get() {
    return () => {
      throw new Error('Durable Object unavailable');
    };
  },
});

const PRODUCTS = ['a', 'b', 'c', 'd'].map((x, i) => ({ id: `thr-${x}`, name: `Thriller ${x}`, category: 'thrillers', price: 10 + i }));
const RECS_DEFAULT = { headline: 'Our picks' };

/** A site with a recommendation slot, a catalog and learned lists (bestsellers first: thr-d). */
async function recsSite(site: string) {
  const config = siteConfig(site);
  config.slots!.picks = { default: RECS_DEFAULT, recommendations: { strategies: ['bestsellers'], count: 2 } };
  expect((await app.fetch(put(`/admin/sites/${site}/config`, config), env)).status).toBe(201);
  expect((await app.fetch(put(`/admin/sites/${site}/catalog`, PRODUCTS), env)).status).toBe(200);
  await writeLists(env.KV, site, { alsoBought: {}, alsoViewed: {}, trending: [], bestsellers: [['thr-d', 9], ['thr-c', 5]], updated: Date.now() });
}

async function decideOn(site: string, bindings: Partial<Env> = {}, extra: Record<string, unknown> = {}) {
  const started = performance.now(); // not Date: tests fake it
  const res = await app.fetch(post('/v1/decide', decideBody(site, extra)), { ...env, ...bindings }, createExecutionContext());
  return { status: res.status, body: (await res.json()) as any, ms: performance.now() - started, headers: res.headers };
}

/** Moves the clock past every cache's lifetime, so the next request must go to KV. */
function expireCaches() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + Math.max(CONFIG_TTL_MS, RECS_TTL_MS) * 2);
}

afterEach(() => vi.useRealTimers());

describe('KV that never answers', () => {
  it('answers decide from the last good config once the read times out', async () => {
    const site = 'fault-kv-hang';
    expect((await app.fetch(put(`/admin/sites/${site}/config`, siteConfig(site)), env)).status).toBe(201);
    const good = await decideOn(site);
    expect(good.status).toBe(200);

    expireCaches();
    const hung = await decideOn(site, { KV: hangingKv });
    expect(hung.status).toBe(200);
    expect(hung.body.configVersion).toBe(good.body.configVersion);
    expect(hung.ms).toBeLessThan(KV_READ_TIMEOUT_MS + 1_000);
  });

  it('answers decide with recommendation slots too, from what the isolate holds', async () => {
    const site = 'fault-kv-hang-recs';
    await recsSite(site);
    const good = await decideOn(site);
    expect(good.body.slots.picks.items.map((i: { id: string }) => i.id)).toEqual(['thr-d', 'thr-c']);

    expireCaches();
    const hung = await decideOn(site, { KV: hangingKv });
    expect(hung.status).toBe(200);
    expect(hung.body.slots.picks.items.map((i: { id: string }) => i.id)).toEqual(['thr-d', 'thr-c']);
    // Config, then recommendations, then product names: each read waits out one timeout.
    expect(hung.ms).toBeLessThan(3 * KV_READ_TIMEOUT_MS + 1_000);
    // Only once: the next visitor is answered from memory, not after another wait.
    const next = await decideOn(site, { KV: hangingKv });
    expect(next.body.slots.picks.items).toHaveLength(2);
    expect(next.ms).toBeLessThan(KV_READ_TIMEOUT_MS / 2);
  }, 15_000);
});

describe('KV with nothing in it', () => {
  it.each(['/v1/decide', '/v1/collect', '/v1/forget'])('%s answers 404 unknown site, not a 5xx', async (path) => {
    const body = { ...decideBody('fault-kv-empty'), events: [{ id: 'fault-event-1', name: 'page_view', ts: Date.now() }] };
    const res = await app.fetch(post(path, body), { ...env, KV: emptyKv });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'unknown site' });
  });
});

describe('Durable Object unavailable', () => {
  it('decide never calls it: recommendations still come from the lists in KV', async () => {
    const site = 'fault-do-down';
    await recsSite(site);
    const res = await decideOn(site, { SITE_STATS: unreachableStats });
    expect(res.status).toBe(200);
    expect(res.body.slots.picks.items.map((i: { id: string }) => i.id)).toEqual(['thr-d', 'thr-c']);
    expect(res.body.slots.picks.items[0].name).toBe('Thriller d');
  });

  it('collect answers 503 with Retry-After so the SDK keeps the batch', async () => {
    const site = 'fault-do-down';
    const batch = { site, visitor: 'visitor-fault-1', consent: { analytics: true, personalization: true }, events: [{ id: 'fault-event-2', name: 'page_view', ts: Date.now() }] };
    const res = await app.fetch(post('/v1/collect', batch), { ...env, SITE_STATS: unreachableStats });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('recommendation store failing', () => {
  it('leaves recommendation slots at their default content, with no 5xx', async () => {
    const site = 'fault-recs-down';
    await recsSite(site);
    // Config reads work; catalog and lists reads fail, and this isolate has never read them.
    const res = await decideOn(site, { KV: failingKv(/:(catalog|recs):/) });
    expect(res.status).toBe(200);
    expect(res.body.slots.picks).toEqual({ variant: 'default', content: RECS_DEFAULT });
    expect(res.body.slots.hero.variant).toBe('default');
  });
});

describe('identity store failing', () => {
  it('ignores a signed identify it cannot check, with a reason, instead of failing the decide', async () => {
    const site = 'fault-identity-down';
    expect((await app.fetch(put(`/admin/sites/${site}/config`, siteConfig(site)), env)).status).toBe(201);
    const res = await decideOn(site, { KV: failingKv(/:(identity-secret$|traits:)/) }, { identity: { customerId: 'c-1', expires: Math.floor(Date.now() / 1000) + 3600, signature: 'ab'.repeat(32) } });
    expect(res.status).toBe(200);
    expect(res.body.identity).toEqual({ status: 'unknown', reason: expect.stringMatching(/unavailable/) });
  });
});
