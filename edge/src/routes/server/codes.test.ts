import { SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityMessage } from '../../decide/identity.js';
import { ADMIN, decideBody, post, put, siteConfig } from '../../testing/fixtures.js';

const SECRET = 'c'.repeat(40);

async function signature(site: string, customerId: string, expires: number) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(identityMessage(site, customerId, expires)));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** At-risk customers see a win-back code in the hero; champions see none (rules decide). */
async function codeSite(site: string) {
  const config = siteConfig(site, {
    codes: [{ id: 'winback', prefix: 'WB', percent: 15, validDays: 30 }],
  });
  config.segments!.push({ id: 'at-risk', when: { 'customer.segment': 'at-risk' } });
  config.slots!.hero.variants!.unshift({ id: 'win-back', when: { segments: 'at-risk' }, content: { headline: 'We miss you: 15% off with {{code.winback|your code}}' } });
  expect((await SELF.fetch(put(`/admin/sites/${site}/config`, config))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${site}/identity-secret`, { secret: SECRET }))).status).toBe(204);
  await SELF.fetch(put(`/admin/sites/${site}/traits`, '{"customer_id":"c-risk","segment":"at-risk"}\n{"customer_id":"c-champ","segment":"champions"}\n{"customer_id":"c-risk-2","segment":"at-risk"}\n'));
  const issued = await SELF.fetch(put(`/admin/sites/${site}/keys/checkout`, {}));
  expect(issued.status).toBe(201);
  return ((await issued.json()) as { key: string }).key;
}

async function heroFor(site: string, customerId?: string) {
  const expires = Math.floor(Date.now() / 1000) + 3600;
  const identity = customerId && { customerId, expires, signature: await signature(site, customerId, expires) };
  const res = await SELF.fetch(post('/v1/decide', decideBody(site, identity ? { identity } : {})));
  return ((await res.json()) as { slots: { hero: { variant: string; content: { headline: string } } } }).slots.hero;
}

const redeem = (site: string, code: string, key?: string) =>
  SELF.fetch(post('/v1/server/codes/redeem', { site, code }, key ? { authorization: `Bearer ${key}` } : {}));

afterEach(() => vi.useRealTimers());

describe('personal discount codes', () => {
  it('gives an at-risk customer a code of their own, a champion none, an anonymous visitor the fallback', async () => {
    await codeSite('codes-show');
    const risk = await heroFor('codes-show', 'c-risk');
    const code = /WB-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(risk.content.headline)?.[0];
    expect(code).toBeDefined();
    expect((await heroFor('codes-show', 'c-risk-2')).content.headline).not.toContain(code!);
    expect((await heroFor('codes-show', 'c-champ')).variant).toBe('default');
    expect((await heroFor('codes-show')).variant).toBe('default');
  });

  it('redeems a code exactly once, even under 50 concurrent calls', async () => {
    const key = await codeSite('codes-race');
    const code = /WB-[\w-]{19}/.exec((await heroFor('codes-race', 'c-risk')).content.headline)![0];
    const answers = await Promise.all(Array.from({ length: 50 }, () => redeem('codes-race', code, key).then((r) => r.json() as Promise<{ status: string }>)));
    expect(answers.filter((a) => a.status === 'valid')).toHaveLength(1);
    expect(answers.filter((a) => a.status === 'already used')).toHaveLength(49);
    expect(await (await redeem('codes-race', code.toLowerCase(), key)).json()).toMatchObject({ status: 'already used' });
  });

  it('answers valid with the discount, then expired after validDays, unknown for a made-up code', async () => {
    const key = await codeSite('codes-life');
    const code = /WB-[\w-]{19}/.exec((await heroFor('codes-life', 'c-risk')).content.headline)![0];
    expect(await (await redeem('codes-life', 'WB-0000-0000-0000-0000', key)).json()).toEqual({ status: 'unknown' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31 * 86_400_000);
    expect(await (await redeem('codes-life', code, key)).json()).toEqual({ status: 'expired', codeId: 'winback' });
    vi.useRealTimers();
    expect(await (await redeem('codes-life', code, key)).json()).toEqual({ status: 'valid', codeId: 'winback', percent: 15 });
  });

  it('needs a server key of that site: no key, the admin token or another site’s key are refused', async () => {
    const key = await codeSite('codes-auth');
    const other = await codeSite('codes-auth-other');
    expect((await redeem('codes-auth', 'WB-0000-0000-0000-0000')).status).toBe(401);
    expect((await redeem('codes-auth', 'WB-0000-0000-0000-0000', ADMIN.Authorization.slice(7))).status).toBe(401);
    expect((await redeem('codes-auth', 'WB-0000-0000-0000-0000', other)).status).toBe(401);
    expect((await redeem('codes-auth', 'WB-0000-0000-0000-0000', key)).status).toBe(200);
    // A server key never opens an admin route.
    expect((await SELF.fetch(new Request('https://edge.example/admin/sites/codes-auth/config', { headers: { authorization: `Bearer ${key}` } }))).status).toBe(401);
    // Revoked keys stop working at once.
    expect((await SELF.fetch(new Request('https://edge.example/admin/sites/codes-auth/keys/checkout', { method: 'DELETE', headers: ADMIN }))).status).toBe(204);
    expect((await redeem('codes-auth', 'WB-0000-0000-0000-0000', key)).status).toBe(401);
  });
});
