import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { decideBody, post, put, siteConfig } from '../testing/fixtures.js';
import { identityMessage } from './identity.js';

const SECRET = 's'.repeat(40);
const HOUR = 3600;

async function sign(site: string, customerId: string, expires: number, secret = SECRET): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(identityMessage(site, customerId, expires)));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A site whose "vip" segment is meant for uploaded CRM data, with one uploaded customer. */
async function vipSite(site: string) {
  const config = siteConfig(site);
  config.segments!.push({ id: 'vip', when: { 'customer.tier': 'vip' } });
  config.slots!.hero.variants!.unshift({ id: 'vip-code', when: { segments: 'vip' }, content: { headline: 'Your VIP code' } });
  expect((await SELF.fetch(put(`/admin/sites/${site}/config`, config))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${site}/identity-secret`, { secret: SECRET }))).status).toBe(204);
  expect((await SELF.fetch(put(`/admin/sites/${site}/traits`, '{"customer_id":"c-1","tier":"vip"}\n'))).status).toBe(200);
}

async function decide(site: string, extra: Record<string, unknown>) {
  const res = await SELF.fetch(post('/v1/decide', decideBody(site, extra)));
  expect(res.status).toBe(200);
  return (await res.json()) as { segments: string[]; identity?: { status: string; reason?: string }; slots: Record<string, { variant: string }> };
}

const now = () => Math.floor(Date.now() / 1000);

describe('identity signature v2 (site, customer id and expiry are signed)', () => {
  it('applies uploaded data under customer.* for a valid signature', async () => {
    await vipSite('id-valid');
    const expires = now() + HOUR;
    const body = await decide('id-valid', { identity: { customerId: 'c-1', expires, signature: await sign('id-valid', 'c-1', expires) } });
    expect(body.identity).toEqual({ status: 'verified' });
    expect(body.segments).toContain('vip');
    expect(body.slots.hero.variant).toBe('vip-code');
  });

  it.each([
    ['no expires', async () => ({ customerId: 'c-1', signature: await sign('id-refused', 'c-1', now() + HOUR) }), /expires/],
    ['expired', async () => ({ customerId: 'c-1', expires: now() - 1, signature: await sign('id-refused', 'c-1', now() - 1) }), /expired/],
    ['more than 30 days ahead', async () => ({ customerId: 'c-1', expires: now() + 40 * 86_400, signature: await sign('id-refused', 'c-1', now() + 40 * 86_400) }), /30 days/],
    ['signed for another site', async () => ({ customerId: 'c-1', expires: now() + HOUR, signature: await sign('other-site', 'c-1', now() + HOUR) }), /does not match/],
    ['signed for another customer', async () => ({ customerId: 'c-1', expires: now() + HOUR, signature: await sign('id-refused', 'c-2', now() + HOUR) }), /does not match/],
    ['another expiry than signed', async () => ({ customerId: 'c-1', expires: now() + 2 * HOUR, signature: await sign('id-refused', 'c-1', now() + HOUR) }), /does not match/],
    ['uppercase hex', async () => ({ customerId: 'c-1', expires: now() + HOUR, signature: (await sign('id-refused', 'c-1', now() + HOUR)).toUpperCase() }), /does not match/],
  ])('refuses a signature with %s (status invalid with a reason, never an error)', async (_name, identity, reason) => {
    await vipSite('id-refused');
    const body = await decide('id-refused', { identity: await identity() });
    expect(body.identity?.status).toBe('invalid');
    expect(body.identity?.reason).toMatch(reason);
    expect(body.segments).not.toContain('vip');
  });

  it('says unsigned for an identify without a signature', async () => {
    await vipSite('id-unsigned');
    const body = await decide('id-unsigned', { identity: { customerId: 'c-1', expires: now() + HOUR, signature: '' } });
    expect(body.identity?.status).toBe('unsigned');
  });
});

describe('page traits cannot pose as customer data (finding 5)', () => {
  it('a visitor who sets traits {tier: "vip"} does not match a segment on customer.tier', async () => {
    await vipSite('id-self-traits');
    const body = await decide('id-self-traits', { traits: { tier: 'vip', customer: { tier: 'vip' } } });
    expect(body.segments).not.toContain('vip');
    expect(body.slots.hero.variant).not.toBe('vip-code');
  });

  it('uploaded data is not applied without personalization consent', async () => {
    await vipSite('id-no-consent');
    const expires = now() + HOUR;
    const body = await decide('id-no-consent', {
      consent: { analytics: true, personalization: false },
      identity: { customerId: 'c-1', expires, signature: await sign('id-no-consent', 'c-1', expires) },
    });
    expect(body.segments).not.toContain('vip');
  });
});
