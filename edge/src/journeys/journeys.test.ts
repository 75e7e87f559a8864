import { createExecutionContext, createMessageBatch, env, getQueueResult, runInDurableObject, SELF } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { JourneyFiredSchema } from '../../../shared/schema/journeys.js';
import { MAX_ATTEMPTS } from '../delivery/backoff.js';
import { DEAD_LETTER_QUEUE } from '../delivery/consumer.js';
import type { DeliveryMessage } from '../delivery/deliver.js';
import worker from '../index.js';
import { ADMIN, post, put, siteConfig } from '../testing/fixtures.js';
import { collect, decide, deliveries, event, pushConfig, received, registerWebhook, scriptReceiver, shard, until, visitorState } from '../testing/journeys.js';
import { shardFor } from '../visitors/shard.js';

const SITE = 'journeys-test';
const MIN = 60_000;
const hook = (name: string) => `${SITE}-${name}`;
const cart = (items: number, value: number) => ({ cart: { items, value, updated: Date.now() - 2 * MIN }, carted: ['thr-a'] });
const add = (ago: number) => event('add_to_cart', Date.now() - ago, { value: 12, items: [{ item_id: 'thr-a', price: 12 }] });
const buy = (ago: number) => event('purchase', Date.now() - ago, { transaction_id: `t-${Math.random()}`, value: 12 });
let secret = '';

/** The messages one visitor got on a receiver path (of one journey, if named). */
async function messagesFor(name: string, visitor: string, journey?: string) {
  return (await received(hook(name))).filter((m) => {
    const body = JSON.parse(m.body);
    return body.visitor === visitor && (!journey || body.journey === journey);
  });
}

beforeAll(async () => {
  secret = await registerWebhook(SITE, 'mailer', hook('mail'));
  await registerWebhook(SITE, 'flaky', hook('flaky'));
  await registerWebhook(SITE, 'down', hook('down'));
  await registerWebhook(SITE, 'slow', hook('slow'));
  const products = ['a', 'b', 'c'].map((x, i) => ({ id: `thr-${x}`, name: `Thriller ${x}`, category: 'thrillers', price: 10 + i, url: `/p/${x}` }));
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, products))).status).toBe(200);
  const config = siteConfig(SITE, {
    recommendations: { bestsellers: ['thr-b', 'thr-c'] },
    journeys: [
      {
        id: 'cart-reminder',
        name: 'Cart reminder',
        trigger: { event: 'add_to_cart' },
        wait: '1m',
        cancelIf: { event: 'purchase' },
        only: { 'cart.items': { $gte: 1 } },
        send: {
          webhook: 'mailer',
          data: {
            subject: 'Your {{cart.items}} items are waiting',
            greeting: 'Hi {{customer.firstName|there}}',
            picks: { recommendations: { strategies: ['bestsellers'], count: 2 } },
          },
        },
      },
      { id: 'retry-check', name: 'Retry check', trigger: { event: 'wishlist_add' }, wait: '1m', send: { webhook: 'flaky' } },
      { id: 'dead-end', name: 'Dead end', trigger: { event: 'newsletter_signup' }, wait: '1m', send: { webhook: 'down' } },
      { id: 'slow-check', name: 'Slow check', trigger: { event: 'review_written' }, wait: '1m', send: { webhook: 'slow' } },
      { id: 'we-miss-you', name: 'We miss you', trigger: { event: 'purchase' }, wait: { personaMedianGap: true, fallback: '45d' }, send: { webhook: 'mailer' } },
      { id: 'thriller-welcome', name: 'Thriller welcome', trigger: { segmentEntered: 'thriller-lovers' }, wait: '1h', send: { webhook: 'mailer' } },
    ],
  });
  expect((await pushConfig(SITE, config)).status).toBe(201);
});

describe('a cart reminder with wait "1m"', () => {
  it('fires once for a visitor who added to cart and did not buy, signed so the standardwebhooks verifier accepts it', async () => {
    const visitor = 'visitor-cart-fires';
    const before = (await deliveries(SITE, 'cart-reminder')).counts;
    const added = add(61_000);
    await collect(SITE, visitor, [added]);
    await decide(SITE, visitor, { profile: cart(2, 24) });
    // Due a second ago: the shard's alarm fires it at once.
    const [message] = await until(() => messagesFor('mail', visitor), (m) => m.length > 0);
    const body = new Webhook(secret).verify(message.body, message.headers) as Record<string, unknown>;
    const fired = JourneyFiredSchema.parse(body);
    expect(fired).toMatchObject({
      type: 'journey.fired',
      journey: 'cart-reminder',
      site: SITE,
      visitor,
      trigger: { event: 'add_to_cart' },
      profile: { 'cart.items': 2 },
      consent: { email: true, ads: false },
      data: { subject: 'Your 2 items are waiting', greeting: 'Hi there' },
    });
    expect((fired.data.picks as { id: string }[]).map((p) => p.id)).toEqual(['thr-b', 'thr-c']);
    expect(message.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    // A wrong secret does not verify.
    expect(() => new Webhook('whsec_' + btoa('x'.repeat(32))).verify(message.body, message.headers)).toThrow();

    // Once: the same event again (a resent batch) schedules nothing more.
    await collect(SITE, visitor, [added]);
    await new Promise((r) => setTimeout(r, 1000));
    await until(() => deliveries(SITE, 'cart-reminder'), (d) => d.counts.sent === before.sent + 1);
    expect(await messagesFor('mail', visitor)).toHaveLength(1);
    expect((await deliveries(SITE, 'cart-reminder')).counts).toMatchObject({ scheduled: before.scheduled + 1, waiting: before.waiting, sent: before.sent + 1 });
  });

  it('sends nothing to a visitor who buys within the minute', async () => {
    const visitor = 'visitor-cart-buys';
    const before = (await deliveries(SITE, 'cart-reminder')).counts;
    await collect(SITE, visitor, [add(50_000)]);
    await decide(SITE, visitor, { profile: cart(1, 12) });
    await collect(SITE, visitor, [buy(30_000)]);
    // Even with the wait skipped, there is no reminder left to send (only the purchase's own journey waits).
    expect(await (await SELF.fetch(post('/v1/dev/fast-forward', { site: SITE, visitor }))).json()).toEqual({ moved: 1 });
    await until(() => messagesFor('mail', visitor), (m) => m.length === 1);
    expect(await messagesFor('mail', visitor, 'cart-reminder')).toEqual([]);
    expect((await deliveries(SITE, 'cart-reminder')).counts).toMatchObject({ scheduled: before.scheduled + 1, cancelled: before.cancelled + 1, sent: before.sent });
  });

  it('restarts the wait on a second add to cart instead of queuing a second run', async () => {
    const visitor = 'visitor-cart-twice';
    const before = (await deliveries(SITE, 'cart-reminder')).counts;
    await collect(SITE, visitor, [add(10_000)]);
    await collect(SITE, visitor, [add(1_000)]);
    const runs = await runInDurableObject(shard(SITE, visitor), (_, state) =>
      state.storage.sql.exec<{ due: number }>(`SELECT due FROM runs WHERE visitor = ? AND status = 'waiting'`, visitor).toArray(),
    );
    expect(runs).toHaveLength(1);
    expect(runs[0].due).toBeGreaterThan(Date.now() + 50_000);
    expect((await deliveries(SITE, 'cart-reminder')).counts.scheduled).toBe(before.scheduled + 1);
  });

  it('skips the run when `only` no longer holds at the end of the wait (the cart was emptied)', async () => {
    const visitor = 'visitor-cart-empty';
    const before = (await deliveries(SITE, 'cart-reminder')).counts;
    await collect(SITE, visitor, [add(61_000)]);
    await decide(SITE, visitor, { profile: cart(0, 0) });
    const after = await until(() => deliveries(SITE, 'cart-reminder'), (d) => d.counts.skipped === before.skipped + 1);
    expect(after.counts.sent).toBe(before.sent);
  });

  it('waits for a summary newer than the trigger, and fires once the next decide brings one', async () => {
    const visitor = 'visitor-cart-stale';
    await decide(SITE, visitor, { profile: cart(0, 0) });
    await collect(SITE, visitor, [add(61_000)]);
    // The alarm looks at the due run, finds the summary older than the add, and puts the run off.
    const [run] = await until(
      () => runInDurableObject(shard(SITE, visitor), (_, state) => state.storage.sql.exec<{ status: string; check_at: number }>(`SELECT status, check_at FROM runs WHERE visitor = ?`, visitor).toArray()),
      (rows) => rows[0]?.check_at > Date.now() + 60_000,
    );
    expect(run.status).toBe('waiting');
    await decide(SITE, visitor, { profile: cart(3, 36) });
    const [message] = await until(() => messagesFor('mail', visitor), (m) => m.length > 0);
    expect(JSON.parse(message.body).profile).toEqual({ 'cart.items': 3 });
  });

  it('fires from the shard alarm by itself when the wait ends', async () => {
    const visitor = 'visitor-cart-alarm';
    await collect(SITE, visitor, [add(59_000)]);
    await decide(SITE, visitor, { profile: cart(1, 12) });
    const [message] = await until(() => messagesFor('mail', visitor), (m) => m.length > 0, 10_000);
    expect(JSON.parse(message.body).journey).toBe('cart-reminder');
  });

  it('cancels the run when the visitor is forgotten during the wait, and keeps nothing that names them', async () => {
    const visitor = 'visitor-cart-forgets';
    const before = (await deliveries(SITE, 'cart-reminder')).counts;
    await collect(SITE, visitor, [add(30_000)]);
    await decide(SITE, visitor, { profile: cart(1, 12) });
    expect((await SELF.fetch(post('/v1/forget', { site: SITE, visitor }))).status).toBe(200);
    // Nothing is left to fire, even with the rest of the wait skipped.
    expect(await (await SELF.fetch(post('/v1/dev/fast-forward', { site: SITE, visitor }))).json()).toEqual({ moved: 0 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await messagesFor('mail', visitor)).toEqual([]);
    expect(await visitorState(SITE, visitor)).toBeNull();
    const mentions = await runInDurableObject(shard(SITE, visitor), (_, state) =>
      ['runs', 'visitors', 'deliveries'].map((table) => state.storage.sql.exec(`SELECT * FROM ${table}`).toArray().filter((row) => JSON.stringify(row).includes(visitor)).length),
    );
    expect(mentions).toEqual([0, 0, 0]);
    expect((await deliveries(SITE, 'cart-reminder')).counts).toMatchObject({ cancelled: before.cancelled + 1, waiting: before.waiting, sent: before.sent });
  });

  it('schedules nothing without personalization consent, and keeps no summary', async () => {
    const visitor = 'visitor-no-consent';
    const before = (await deliveries(SITE, 'cart-reminder')).counts;
    await collect(SITE, visitor, [add(61_000)], { analytics: true, personalization: false, email: true });
    await SELF.fetch(post('/v1/decide', { site: SITE, visitor, consent: { analytics: true, personalization: false }, context: { url: 'https://shop.example/' }, profile: cart(1, 12) }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await visitorState(SITE, visitor)).toBeNull();
    expect((await deliveries(SITE, 'cart-reminder')).counts.scheduled).toBe(before.scheduled);
  });
});

describe('delivery that a receiver can trust', () => {
  it('retries a receiver that answered 500 with the same webhook-id, and counts one delivery as sent', async () => {
    const visitor = 'visitor-flaky-01';
    await scriptReceiver(hook('flaky'), ['500']);
    await collect(SITE, visitor, [event('wishlist_add', Date.now() - 61_000)]);
    await decide(SITE, visitor);
    const first = await until(() => deliveries(SITE, 'retry-check'), (d) => d.counts.retrying === 1);
    expect(first.lastErrors[0]).toMatchObject({ status: 'retrying', attempts: 1, error: 'HTTP 500' });
    // The first retry comes 5 s later.
    const attempts = await until(() => received(hook('flaky')), (m) => m.length === 2, 15_000);
    expect(attempts[1].headers['webhook-id']).toBe(attempts[0].headers['webhook-id']);
    expect(attempts[1].body).toBe(attempts[0].body);
    const after = await until(() => deliveries(SITE, 'retry-check'), (d) => d.counts.sent === 1);
    expect(after.counts).toMatchObject({ scheduled: 1, sent: 1, retrying: 0, failed: 0 });
  }, 30_000);

  it('counts a receiver that does not answer within 10 s as a failed attempt, and tries again', async () => {
    const visitor = 'visitor-slow-001';
    await scriptReceiver(hook('slow'), ['hang']);
    await collect(SITE, visitor, [event('review_written', Date.now() - 61_000)]);
    await decide(SITE, visitor);
    const timedOut = await until(() => deliveries(SITE, 'slow-check'), (d) => d.counts.retrying === 1, 20_000);
    expect(timedOut.lastErrors[0]).toMatchObject({ attempts: 1, error: 'no answer within 10 s' });
    await until(() => deliveries(SITE, 'slow-check'), (d) => d.counts.sent === 1, 15_000);
  }, 45_000);

  it('keeps a message as failed after the last attempt; a manual retry sends it again', async () => {
    const visitor = 'visitor-down-001';
    await scriptReceiver(hook('down'), ['503']);
    await collect(SITE, visitor, [event('newsletter_signup', Date.now() - 61_000)]);
    await decide(SITE, visitor);
    await until(() => deliveries(SITE, 'dead-end'), (d) => d.counts.retrying === 1);
    const id = JSON.parse(JSON.stringify((await received(hook('down')))[0].headers))['webhook-id'] as string;

    // The last attempt, as the queue hands it over: the receiver fails again and the record stays failed.
    await scriptReceiver(hook('down'), ['502']);
    const { n } = shardFor(env, SITE, visitor);
    const batch = createMessageBatch<DeliveryMessage>('vitrine-deliveries', [{ id: 'm1', timestamp: new Date(), attempts: MAX_ATTEMPTS, body: { site: SITE, shard: n, id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['m1']);
    const failed = await deliveries(SITE, 'dead-end');
    expect(failed.counts).toMatchObject({ failed: 1, retrying: 0, sent: 0 });
    expect(failed.lastErrors[0]).toMatchObject({ id, status: 'failed', error: 'HTTP 502' });

    const retry = (journey: string, delivery: string) => SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/journeys/${journey}/deliveries/${delivery}/retry`, { method: 'POST', headers: ADMIN }));
    expect((await retry('cart-reminder', id)).status).toBe(404);
    expect((await retry('dead-end', 'msg_nope')).status).toBe(400);
    expect((await retry('dead-end', id)).status).toBe(202);
    const sent = await until(() => deliveries(SITE, 'dead-end'), (d) => d.counts.sent === 1);
    expect(sent.counts.failed).toBe(0);
    const all = await received(hook('down'));
    expect(all.map((m) => m.headers['webhook-id'])).toEqual(all.map(() => id));
    expect((await retry('dead-end', id)).status).toBe(404);
  }, 30_000);

  it('marks a message failed when it reaches the dead-letter queue', async () => {
    const visitor = 'visitor-dead-002';
    await scriptReceiver(hook('down'), ['500']);
    await collect(SITE, visitor, [event('newsletter_signup', Date.now() - 61_000)]);
    await decide(SITE, visitor);
    const before = await until(() => deliveries(SITE, 'dead-end'), (d) => d.counts.retrying === 1);
    const id = before.lastErrors.find((e: { status: string }) => e.status === 'retrying').id;
    const batch = createMessageBatch<DeliveryMessage>(DEAD_LETTER_QUEUE, [{ id: 'd1', timestamp: new Date(), attempts: 1, body: { site: SITE, shard: shardFor(env, SITE, visitor).n, id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['d1']);
    const after = await deliveries(SITE, 'dead-end');
    expect(after.counts.retrying).toBe(0);
    expect(after.lastErrors[0]).toMatchObject({ id, status: 'failed', error: expect.stringContaining('gave up') });
  }, 30_000);
});

describe('what a run knows', () => {
  it('names the customer after a signed identify, and fills their uploaded data', async () => {
    const visitor = 'visitor-identified';
    const identitySecret = 'journeys-identity-secret-0123456789abcdef';
    await SELF.fetch(put(`/admin/sites/${SITE}/identity-secret`, { secret: identitySecret }));
    await SELF.fetch(put(`/admin/sites/${SITE}/traits`, JSON.stringify({ customer_id: 'cust-42', firstName: 'Anna', personaMedianGapDays: 57 })));
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(identitySecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${SITE}:cust-42:${expires}`)));
    const signature = [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
    await decide(SITE, visitor, { profile: cart(1, 12), identity: { customerId: 'cust-42', expires, signature } });
    await until(() => visitorState(SITE, visitor), (s) => s?.customer === 'cust-42');

    // The persona's own rhythm: 57 days after the purchase, not the 45-day fallback.
    const bought = Date.now() - 1000;
    await collect(SITE, visitor, [{ ...buy(0), ts: bought }]);
    const [run] = await runInDurableObject(shard(SITE, visitor), (_, state) =>
      state.storage.sql.exec<{ due: number }>(`SELECT due FROM runs WHERE visitor = ? AND journey = 'we-miss-you'`, visitor).toArray(),
    );
    expect(run.due).toBe(bought + 57 * 86_400_000);

    await collect(SITE, visitor, [add(61_000)]);
    await decide(SITE, visitor, { profile: cart(1, 12) });
    const [message] = await until(() => messagesFor('mail', visitor), (m) => m.length > 0);
    expect(JSON.parse(message.body)).toMatchObject({ customer: 'cust-42', data: { greeting: 'Hi Anna' } });
    // The customer index finds the visitor's summary.
    const { summaryForCustomer } = await import('../visitors/state.js');
    expect((await summaryForCustomer(env, SITE, 'cust-42'))?.visitor).toBe(visitor);
  });

  it('starts a journey when a decide puts the visitor in its segment, once', async () => {
    const visitor = 'visitor-segment-01';
    const before = (await deliveries(SITE, 'thriller-welcome')).counts.scheduled;
    const profile = { categories: { thrillers: { views: 3 } } };
    expect((await decide(SITE, visitor, { profile })).segments).toContain('thriller-lovers');
    await decide(SITE, visitor, { profile: { ...profile, pageviews: 9 } });
    expect((await deliveries(SITE, 'thriller-welcome')).counts).toMatchObject({ scheduled: before + 1, waiting: 1 });
  });
});

describe('demo fast-forward', () => {
  it('moves a visitor\'s waiting runs to now in local development, and is refused elsewhere', async () => {
    const visitor = 'visitor-fast-fwd';
    await collect(SITE, visitor, [add(1_000)]);
    await decide(SITE, visitor, { profile: cart(1, 12) });
    const body = { site: SITE, visitor };
    const refused = await worker.fetch(post('/v1/dev/fast-forward', body), { ...env, VITRINE_DEV: undefined }, createExecutionContext());
    expect(refused.status).toBe(403);
    const res = await SELF.fetch(post('/v1/dev/fast-forward', body));
    expect(await res.json()).toEqual({ moved: 1 });
    const [message] = await until(() => messagesFor('mail', visitor), (m) => m.length > 0);
    expect(JSON.parse(message.body).journey).toBe('cart-reminder');
  });
});

describe('demo history replay', () => {
  it("puts a past older than collect's 30 days into the journeys, in local development only", async () => {
    const visitor = 'visitor-replayed-past';
    const old = { ...buy(50 * 86_400_000), id: `replay-${crypto.randomUUID()}` };
    const consent = { analytics: true, personalization: true, email: true };
    await expect(collect(SITE, visitor, [old])).rejects.toThrow(/collect: 400 .*older than 30 days/);
    const body = { site: SITE, visitor, consent, events: [old] };
    const refused = await worker.fetch(post('/v1/dev/history', body), { ...env, VITRINE_DEV: undefined }, createExecutionContext());
    expect(refused.status).toBe(403);
    expect(await (await SELF.fetch(post('/v1/dev/history', body))).json()).toEqual({ replayed: 1 });
    const runsOf = () =>
      runInDurableObject(shard(SITE, visitor), (_, state) =>
        state.storage.sql.exec<{ journey: string; due: number; status: string }>(`SELECT journey, due, status FROM runs WHERE visitor = ?`, visitor).toArray().map((r) => ({ ...r })),
      );
    const runs = await until(runsOf, (r) => r.length > 0);
    // The 45-day fallback counted from the order itself: due in 5 days, not in 45.
    expect(runs).toEqual([{ journey: 'we-miss-you', due: old.ts + 45 * 86_400_000, status: 'waiting' }]);
  });
});

describe('the deliveries endpoint', () => {
  it('shows every count and refuses a malformed journey id', async () => {
    const report = await deliveries(SITE, 'cart-reminder');
    expect(Object.keys(report.counts).sort()).toEqual(['cancelled', 'failed', 'queued', 'retrying', 'scheduled', 'sent', 'skipped', 'waiting']);
    expect(report.counts.sent).toBeGreaterThanOrEqual(3);
    expect(report.counts.cancelled).toBeGreaterThanOrEqual(2);
    expect(report.counts.skipped).toBeGreaterThanOrEqual(1);
    const bad = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/journeys/Bad%20Id/deliveries`, { headers: ADMIN }));
    expect(bad.status).toBe(400);
    const anonymous = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/journeys/cart-reminder/deliveries`));
    expect(anonymous.status).toBe(401);
  });
});
