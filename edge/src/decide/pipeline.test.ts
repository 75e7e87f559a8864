import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { writeLists } from '../recs/lists.js';
import { ADMIN, decideBody, put, siteConfig } from '../testing/fixtures.js';
import { identityMessage } from './identity.js';

const SITE = 'one-pipeline';
const SECRET = 'p'.repeat(40);
const NOW_S = Math.floor(Date.now() / 1000);

async function signature(customerId: string, expires: number) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(identityMessage(SITE, customerId, expires)));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The same request, as a browser sends it to decide and as the studio sends it to preview. */
function both(request: Record<string, unknown>, headers: Record<string, string>) {
  const cf = { country: 'NL', city: 'Utrecht', region: 'Utrecht', timezone: 'Europe/Amsterdam' };
  const send = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    SELF.fetch(new Request(`https://edge.example${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...extra }, body: JSON.stringify(body), cf }));
  return Promise.all([
    send('/v1/decide', request).then((r) => r.json()),
    send(`/admin/sites/${SITE}/preview`, { request }, ADMIN).then((r) => r.json()),
  ]);
}

describe('one pipeline for decide and preview', () => {
  it('answers exactly the same for the same request and config', async () => {
    const config = siteConfig(SITE);
    config.segments!.push({ id: 'gold', when: { 'customer.tier': 'gold' } }, { id: 'dutch', when: { 'context.country': 'NL' } }, { id: 'phones', when: { 'context.device': 'mobile' } });
    config.slots!.picks = { default: { headline: 'Our picks' }, recommendations: { strategies: ['bestsellers'], count: 2 } };
    config.experiments = [{ id: 'hero-test', hypothesis: 'h', status: 'running', slot: 'hero', goal: { event: 'purchase' }, variants: [{ id: 'control', weight: 0.5 }, { id: 'b', weight: 0.5, content: { headline: 'B for {{context.city}}' } }] }];
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/identity-secret`, { secret: SECRET }))).status).toBe(204);
    await SELF.fetch(put(`/admin/sites/${SITE}/traits`, '{"customer_id":"c-1","tier":"gold"}\n'));
    await SELF.fetch(put(`/admin/sites/${SITE}/catalog`, [{ id: 'b1', name: 'Book one', category: 'thrillers', price: 12 }, { id: 'b2', name: 'Book two', category: 'thrillers', price: 14 }]));
    await writeLists(env.KV, SITE, { alsoBought: {}, alsoViewed: {}, trending: [], bestsellers: [['b2', 9], ['b1', 5]], updated: Date.now() });

    const expires = NOW_S + 3600;
    const requests: [Record<string, unknown>, Record<string, string>][] = [
      [decideBody(SITE), {}],
      [decideBody(SITE, { visitor: 'visitor-0002', profile: { categories: { thrillers: { views: 5 } }, cart: { items: 2, value: 30, updated: Date.now() } } }), { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile' }],
      [decideBody(SITE, { identity: { customerId: 'c-1', expires, signature: await signature('c-1', expires) } }), {}],
      [decideBody(SITE, { identity: { customerId: 'c-1', expires, signature: 'ab'.repeat(32) } }), {}],
      [decideBody(SITE, { consent: { analytics: false, personalization: false }, visitor: null, context: { url: 'https://shop.example/?utm_medium=email' } }), { 'sec-gpc': '1' }],
      [decideBody(SITE, { force: { hero: 'b' }, debug: true, slots: ['hero', 'picks'] }), {}],
    ];
    for (const [request, headers] of requests) {
      const [decided, previewed] = await both(request, headers);
      expect(previewed).toEqual(decided);
    }
    // The answers did differ between requests: the comparison above compared something.
    const [gold] = await both(requests[2][0], {});
    const [anonymous] = await both(requests[4][0], {});
    expect((gold as { segments: string[] }).segments).toEqual(expect.arrayContaining(['gold', 'dutch']));
    expect((anonymous as { segments: string[] }).segments).not.toContain('gold');
    expect((gold as { slots: Record<string, { items?: { name: string }[] }> }).slots.picks.items?.map((i) => i.name)).toEqual(['Book two', 'Book one']);
  });
});

describe('exposure tokens from decide (finding 8)', () => {
  it('decide signs each arm; collect counts an exposure only with the token for that visitor and arm', async () => {
    const site = 'pipeline-tokens';
    const config = siteConfig(site, {
      experiments: [{ id: 'hero-test', hypothesis: 'h', status: 'running', slot: 'hero', goal: { event: 'purchase' }, variants: [{ id: 'control', weight: 0.5 }, { id: 'b', weight: 0.5 }] }],
    });
    expect((await SELF.fetch(put(`/admin/sites/${site}/config`, config))).status).toBe(201);
    const decided = (await (await SELF.fetch(new Request('https://edge.example/v1/decide', { method: 'POST', body: JSON.stringify(decideBody(site)) }))).json()) as {
      experiments: { id: string; variant: string; token?: string }[];
    };
    const [arm] = decided.experiments;
    expect(arm.token).toMatch(/^[\w-]{16}$/);
    const other = arm.variant === 'control' ? 'b' : 'control';
    const exposure = (variant: string, token: string | undefined, id: string) =>
      SELF.fetch(new Request('https://edge.example/v1/collect', {
        method: 'POST',
        body: JSON.stringify({ site, visitor: 'visitor-0001', consent: { analytics: true, personalization: true }, events: [{ id, name: 'exposure', ts: Date.now(), experiment: 'hero-test', variant, ...(token && { token }) }] }),
      })).then((r) => r.json() as Promise<{ accepted: number; ignored: { reason: string }[] }>);
    expect((await exposure(other, arm.token, 'exposure-forged-arm')).accepted).toBe(0);
    expect((await exposure(arm.variant, undefined, 'exposure-no-token')).accepted).toBe(0);
    expect((await exposure(arm.variant, arm.token, 'exposure-real')).accepted).toBe(1);
  });
});
