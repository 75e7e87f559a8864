import { createExecutionContext, env, SELF } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { getWebhook, signingSecrets } from '../../delivery/registry.js';
import { signedHeaders } from '../../delivery/signature.js';
import worker from '../../index.js';
import { ADMIN, put, siteConfig } from '../../testing/fixtures.js';

const SITE = 'webhooks-test';
const BASE = `https://edge.example/admin/sites/${SITE}/webhooks`;
const call = (method: string, path = '', headers: Record<string, string> = ADMIN) => SELF.fetch(new Request(`${BASE}${path}`, { method, headers }));

describe('webhooks registered apart from the config', () => {
  it('answers the secret once, lists without secrets, moves, rotates and deletes', async () => {
    const created = await SELF.fetch(put(`/admin/sites/${SITE}/webhooks/mailer`, { url: 'https://hooks.example/mail' }));
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(atob(secret.slice(6))).toHaveLength(32);

    const moved = await SELF.fetch(put(`/admin/sites/${SITE}/webhooks/mailer`, { url: 'https://hooks.example/mail-v2' }));
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ name: 'mailer', url: 'https://hooks.example/mail-v2' });

    const listing = await (await call('GET')).text();
    expect(JSON.parse(listing)).toEqual({ webhooks: [{ name: 'mailer', url: 'https://hooks.example/mail-v2', created: expect.any(String) }] });
    expect(listing).not.toContain('whsec_');

    const rotated = await call('POST', '/mailer/rotate');
    const next = ((await rotated.json()) as { secret: string }).secret;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    // For a day both secrets sign, so a receiver still holding the old one keeps verifying.
    const hook = (await getWebhook(env.KV, SITE, 'mailer'))!;
    const headers = await signedHeaders(signingSecrets(hook, Date.now()), 'msg_1', Math.floor(Date.now() / 1000), '{"a":1}');
    expect(new Webhook(secret).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(new Webhook(next).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(signingSecrets(hook, Date.now() + 25 * 3_600_000)).toEqual([next]);

    expect((await call('DELETE', '/mailer')).status).toBe(204);
    expect((await call('DELETE', '/mailer')).status).toBe(404);
    expect((await call('POST', '/mailer/rotate')).status).toBe(404);
    expect(await (await call('GET')).json()).toEqual({ webhooks: [] });
  });

  it.each([
    ['http://hooks.example/x', 'only https: URLs are accepted'],
    ['https://me:pw@hooks.example/x', 'a webhook URL may not carry a user name or password'],
    ['not a url', 'not a URL'],
  ])('refuses %s with the path of the problem', async (url, message) => {
    const res = await SELF.fetch(put(`/admin/sites/${SITE}/webhooks/bad`, { url }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: 'webhook refused', issues: [{ path: ['url'], message }] });
  });

  it('takes loopback only in local development', async () => {
    const body = { url: 'http://127.0.0.1:9/hook' };
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/webhooks/local`, body))).status).toBe(201);
    const deployed = await worker.fetch(put(`/admin/sites/${SITE}/webhooks/local2`, body), { ...env, VITRINE_DEV: undefined }, createExecutionContext());
    expect(deployed.status).toBe(422);
  });

  it('refuses bad names, bad bodies and callers without the admin token', async () => {
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/webhooks/Bad%20Name`, { url: 'https://h.example/' }))).status).toBe(400);
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/webhooks/ok`, { href: 'https://h.example/' }))).status).toBe(400);
    expect((await call('GET', '', {})).status).toBe(401);
  });

  it('refuses a config whose journey names an unregistered webhook, with its path', async () => {
    const journey = { id: 'j', name: 'J', trigger: { event: 'purchase' }, wait: '1d', send: { webhook: 'crm' } };
    const refused = await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE, { journeys: [journey] })));
    expect(refused.status).toBe(422);
    const { issues } = (await refused.json()) as { issues: { path: unknown[]; message: string }[] };
    expect(issues).toEqual([{ path: ['journeys', 0, 'send', 'webhook'], message: expect.stringContaining('webhook "crm" is not registered') }]);
    await SELF.fetch(put(`/admin/sites/${SITE}/webhooks/crm`, { url: 'https://crm.example/in' }));
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE, { journeys: [journey] })))).status).toBe(201);
  });
});
