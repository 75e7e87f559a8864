import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { identityMessage } from '../../decide/identity.js';
import { ADMIN, decideBody, post, put, siteConfig } from '../../testing/fixtures.js';

const SECRET = 'd'.repeat(40);

async function signature(site: string, customerId: string, expires: number) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(identityMessage(site, customerId, expires)));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function channelSite(site: string) {
  const config = siteConfig(site);
  config.segments!.push({ id: 'gold', when: { 'customer.tier': 'gold' } }, { id: 'in-mail', when: { 'context.channel': 'email' } });
  config.slots!.nudge.variants!.unshift({ id: 'mail-line', when: { segments: 'in-mail' }, content: { body: 'Picked for you this week' } });
  expect((await SELF.fetch(put(`/admin/sites/${site}/config`, config))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${site}/identity-secret`, { secret: SECRET }))).status).toBe(204);
  await SELF.fetch(put(`/admin/sites/${site}/traits`, '{"customer_id":"c-1","tier":"gold"}\n'));
  return ((await (await SELF.fetch(put(`/admin/sites/${site}/keys/mailer`, {}))).json()) as { key: string }).key;
}

const serverDecide = (body: Record<string, unknown>, key?: string) =>
  SELF.fetch(post('/v1/server/decide', body, key ? { authorization: `Bearer ${key}` } : {}));

describe('server decide for email and chat', () => {
  it('answers from the customer’s last summary what the browser was answered, plus the channel', async () => {
    const site = 'server-decide';
    const key = await channelSite(site);
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const browser = (await (
      await SELF.fetch(post('/v1/decide', decideBody(site, {
        profile: { categories: { thrillers: { views: 6 } } },
        identity: { customerId: 'c-1', expires, signature: await signature(site, 'c-1', expires) },
      })))
    ).json()) as any;
    expect(browser.segments).toEqual(expect.arrayContaining(['thriller-lovers', 'gold']));

    // The summary is kept in the background after the answer: wait until the edge holds it.
    let answer: any;
    for (let i = 0; i < 40; i++) {
      answer = await (await serverDecide({ site, customer: 'c-1', channel: 'email' }, key)).json();
      if (answer.known) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answer.known).toBe(true);
    expect(answer.segments).toEqual([...browser.segments, 'in-mail']);
    expect(answer.persona).toEqual(browser.persona);
    expect(answer.slots.hero).toEqual(browser.slots.hero);
    expect(answer.slots.nudge.variant).toBe('mail-line');
  });

  it('gives a customer the edge has never seen the defaults', async () => {
    const key = await channelSite('server-decide-new');
    const answer = (await (await serverDecide({ site: 'server-decide-new', customer: 'nobody', channel: 'chat' }, key)).json()) as any;
    expect(answer.known).toBe(false);
    expect(answer.slots.hero.variant).toBe('default');
    expect(answer.segments).not.toContain('gold');
  });

  it('is refused without a server key, with the admin token, or with another site’s key', async () => {
    await channelSite('server-decide-auth');
    const other = await channelSite('server-decide-other');
    const body = { site: 'server-decide-auth', customer: 'c-1' };
    expect((await serverDecide(body)).status).toBe(401);
    expect((await serverDecide(body, ADMIN.Authorization.slice(7))).status).toBe(401);
    expect((await serverDecide(body, other)).status).toBe(401);
  });
});
