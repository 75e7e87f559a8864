import { createExecutionContext, env, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../index.js';
import { post, put, siteConfig } from '../testing/fixtures.js';
import { registerWebhook } from '../testing/journeys.js';
import { DEFAULT_SHARDS, shardCount, shardOf, shardStub } from './shard.js';

describe('shardOf', () => {
  it.each([
    ['visitor-0001', 16],
    ['a', 16],
    ['', 16],
    ['visitor-0001', 1],
  ])('puts %j in a stable shard below %d', (id, count) => {
    const n = shardOf(id, count);
    expect(n).toBeGreaterThanOrEqual(0);
    expect(n).toBeLessThan(count);
    expect(shardOf(id, count)).toBe(n);
  });

  it('spreads 16,000 visitor ids evenly over 16 shards (each within 10 % of 1,000)', () => {
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[shardOf(`v-${i.toString(36)}-${(i * 7919).toString(16)}`, 16)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(100);
  });

  it.each([
    [undefined, DEFAULT_SHARDS],
    ['4', 4],
    ['1', 1],
    ['0', DEFAULT_SHARDS],
    ['many', DEFAULT_SHARDS],
    ['2.5', DEFAULT_SHARDS],
  ])('VISITOR_SHARDS=%j → %d shards', (setting, n) => expect(shardCount({ VISITOR_SHARDS: setting })).toBe(n));
});

const BURST = 320;
const journey = { id: 'cart', name: 'Cart', trigger: { event: 'add_to_cart' }, wait: '30m', send: { webhook: 'mailer' } };

/** The burst: one add_to_cart from each of BURST visitors at once, with `shards` objects per site. */
async function burst(site: string, shards: string) {
  const bindings = { ...env, VISITOR_SHARDS: shards };
  const statuses = await Promise.all(
    Array.from({ length: BURST }, async (_, i) => {
      const body = { site, visitor: `burst-visitor-${i}`, consent: { analytics: true, personalization: true }, events: [{ id: `burst-${site}-${i}`, name: 'add_to_cart', ts: Date.now() }] };
      // A burst from many shoppers, each from their own address (one address may bring only so many new visitors).
      const from = { 'cf-connecting-ip': `198.51.${i >> 8}.${i & 255}` };
      return (await worker.fetch(post('/v1/collect', body, from), bindings, createExecutionContext())).status;
    }),
  );
  const perObject = await Promise.all(
    Array.from({ length: shardCount(bindings) }, (_, n) =>
      runInDurableObject(shardStub(env, site, n), (_, state) => state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM runs`).one().n),
    ),
  );
  return { statuses, perObject };
}

describe('a burst of visitors', () => {
  beforeAll(async () => {
    for (const site of ['burst-sixteen', 'burst-one']) {
      await registerWebhook(site, 'mailer', `${site}-mail`);
      expect((await worker.fetch(put(`/admin/sites/${site}/config`, siteConfig(site, { journeys: [journey] })), env, createExecutionContext())).status).toBe(201);
    }
  });

  // Each object takes its calls one at a time: what lands on one object waits behind the rest.
  it('is spread over 16 objects, each queuing at most a tenth of it, where one object would queue all of it', async () => {
    const sixteen = await burst('burst-sixteen', '16');
    expect(sixteen.statuses.every((s) => s === 200)).toBe(true);
    expect(sixteen.perObject.reduce((a, b) => a + b, 0)).toBe(BURST);
    expect(Math.max(...sixteen.perObject)).toBeLessThanOrEqual(BURST / 10);

    const one = await burst('burst-one', '1');
    expect(one.statuses.every((s) => s === 200)).toBe(true);
    expect(one.perObject).toEqual([BURST]);
  }, 120_000);
});
