import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../app.js';
import { decideBody, post, put, siteConfig } from '../testing/fixtures.js';
import { CONFIG_TTL_MS } from './cache.js';

const SITE = 'kv-fault';
const failingKv = new Proxy(env.KV, {
  get(target, prop) {
    if (prop === 'get' || prop === 'list') return () => Promise.reject(new Error('KV unavailable'));
    return Reflect.get(target, prop);
  },
});

afterEach(() => vi.useRealTimers());

describe('KV failures', () => {
  it('keeps serving the last good config when KV throws', async () => {
    expect((await app.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)), env)).status).toBe(201);
    const first = await app.fetch(post('/v1/decide', decideBody(SITE)), env);
    expect(first.status).toBe(200);
    const version = ((await first.json()) as any).configVersion;

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + CONFIG_TTL_MS * 10);
    const res = await app.fetch(post('/v1/decide', decideBody(SITE)), { ...env, KV: failingKv });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).configVersion).toBe(version);
  });

  it('answers 503 with Retry-After, not a crash, when KV fails and nothing is cached', async () => {
    const res = await app.fetch(post('/v1/decide', decideBody('never-seen')), { ...env, KV: failingKv });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });
});
