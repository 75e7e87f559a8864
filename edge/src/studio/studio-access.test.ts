import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, put, siteConfig } from '../testing/fixtures.js';
import { mintSession, readSession, SESSION_SECONDS } from './session.js';
import { shareAllows, shareToken } from './share-link.js';

const SITE = 'studio-access';
const BASE = 'https://edge.example';

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}, base = BASE) {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  return SELF.fetch(new Request(`${base}${path}`, { method: init.method ?? 'GET', headers: { 'content-type': 'application/json', ...init.headers }, body }));
}

async function signIn(label = 'Anna', base = BASE) {
  const res = await request('/admin/session', { method: 'POST', headers: ADMIN, body: { label } }, base);
  expect(res.status).toBe(201);
  const setCookie = res.headers.get('set-cookie')!;
  const { csrf } = (await res.json()) as { csrf: string };
  return { setCookie, cookie: setCookie.split(';')[0], csrf };
}

const headlineOf = async () => ((await (await request(`/admin/sites/${SITE}/config`, { headers: ADMIN })).json()) as any).slots.hero.default.headline;

describe('studio sessions', () => {
  it('signs in with the token for a 12-hour HttpOnly, SameSite=Strict cookie, Secure except on localhost', async () => {
    const { setCookie } = await signIn();
    expect(setCookie).toMatch(/^vitrine_studio=v1\./);
    for (const attribute of ['Max-Age=43200', 'Path=/admin', 'HttpOnly', 'Secure', 'SameSite=Strict']) expect(setCookie).toContain(attribute);
    const local = await signIn('Anna', 'http://localhost:8787');
    expect(local.setCookie).not.toContain('Secure');
  });

  it.each([
    ['a wrong token', { Authorization: 'Bearer nope' }, 401],
    ['no token at all', {}, 401],
  ])('refuses sign-in with %s and sets no cookie', async (_name, headers, status) => {
    const res = await request('/admin/session', { method: 'POST', headers, body: { label: 'x' } });
    expect(res.status).toBe(status);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('lets a session read and, with its CSRF token, write; the version records who and why', async () => {
    await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)));
    const { cookie, csrf } = await signIn('Anna');
    const who = await request('/admin/session', { headers: { cookie } });
    expect(await who.json()).toMatchObject({ label: 'Anna', csrf });
    const changed = siteConfig(SITE);
    changed.slots!.hero.default!.headline = 'Autumn reads';
    const res = await request(`/admin/sites/${SITE}/config?message=${encodeURIComponent('Autumn copy for the hero')}`, {
      method: 'PUT',
      headers: { cookie, 'x-vitrine-csrf': csrf },
      body: changed,
    });
    expect(res.status).toBe(201);
    const { versions } = (await (await request(`/admin/sites/${SITE}/config/versions`, { headers: { cookie } })).json()) as any;
    expect(versions[0]).toMatchObject({ by: 'Anna', message: 'Autumn copy for the hero' });
    expect(await headlineOf()).toBe('Autumn reads');
  });

  it.each([
    ['no CSRF header', {}],
    ['another session’s CSRF token', { 'x-vitrine-csrf': 'use-other' }],
    ['a made-up token', { 'x-vitrine-csrf': 'A'.repeat(43) }],
  ])('refuses a state-changing request with a session cookie and %s, before anything else', async (_name, extra) => {
    await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)));
    const { cookie } = await signIn();
    const other = await signIn('Bob');
    const headers: Record<string, string> = { cookie, ...extra };
    if (headers['x-vitrine-csrf'] === 'use-other') headers['x-vitrine-csrf'] = other.csrf;
    const changed = siteConfig(SITE);
    changed.slots!.hero.default!.headline = 'Forged';
    for (const [method, path, body] of [
      ['PUT', `/admin/sites/${SITE}/config`, changed],
      // Not even the body is read: a malformed one answers the same 403.
      ['PUT', `/admin/sites/${SITE}/config`, '{not json'],
      ['POST', `/admin/sites/${SITE}/config/rollback`, { version: 'x' }],
      ['POST', `/admin/sites/no-such-site/share`, { report: { kind: 'site' } }],
      ['DELETE', '/admin/session', undefined],
    ] as const) {
      const res = await request(path, { method, headers, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.json()).toEqual({ error: 'CSRF token missing or wrong' });
    }
    expect(await headlineOf()).toBe('New in this week');
    // The session itself was not ended by the forged sign-out.
    expect((await request('/admin/session', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a forged or tampered cookie', async () => {
    const { cookie } = await signIn('Anna');
    const [name, value] = cookie.split('=');
    const parts = value.split('.');
    parts[3] = btoa('Mallory').replace(/=+$/, '');
    const res = await request(`/admin/sites/${SITE}/config`, { headers: { cookie: `${name}=${parts.join('.')}` } });
    expect(res.status).toBe(401);
  });

  it('does not let a session sign in again to extend itself', async () => {
    const { cookie, csrf } = await signIn();
    const res = await request('/admin/session', { method: 'POST', headers: { cookie, 'x-vitrine-csrf': csrf }, body: { label: 'x' } });
    expect(res.status).toBe(403);
  });

  it('signs out: the cookie is cleared and a kept copy of it no longer works', async () => {
    const { cookie, csrf } = await signIn();
    const out = await request('/admin/session', { method: 'DELETE', headers: { cookie, 'x-vitrine-csrf': csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^vitrine_studio=;.*Max-Age=0/);
    expect((await request(`/admin/sites/${SITE}/config`, { headers: { cookie } })).status).toBe(401);
  });

  it('ends sessions after 12 hours and when the admin token is rotated', async () => {
    const now = Date.now();
    const { cookie } = await mintSession('token-a', 'Anna', now);
    expect(await readSession('token-a', cookie, now + (SESSION_SECONDS - 1) * 1000)).toMatchObject({ label: 'Anna' });
    expect(await readSession('token-a', cookie, now + SESSION_SECONDS * 1000)).toBeNull();
    expect(await readSession('token-b', cookie, now)).toBeNull();
  });
});

describe('shared report links', () => {
  async function share(report: unknown, expiresIn?: number) {
    const res = await request(`/admin/sites/${SITE}/share`, { method: 'POST', headers: ADMIN, body: { report, expiresIn } });
    expect(res.status).toBe(201);
    return new URL(((await res.json()) as { url: string }).url);
  }

  it('opens one report read-only without a token, and nothing else', async () => {
    await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)));
    const link = await share({ kind: 'site' });
    expect(link.pathname).toBe(`/admin/sites/${SITE}/report`);
    const page = await SELF.fetch(link.href);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>studio-access</h1>');
    const token = link.searchParams.get('share')!;
    for (const [method, path] of [
      ['GET', `/admin/sites/${SITE}/config`],
      ['GET', `/admin/sites/${SITE}/experiments/x/report`],
      ['PUT', `/admin/sites/${SITE}/config`],
      ['POST', `/admin/sites/${SITE}/report`],
    ]) {
      const res = await request(`${path}?share=${encodeURIComponent(token)}`, { method, body: method === 'GET' ? undefined : siteConfig(SITE) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('keeps the link in the report’s own period links and “since” form, so a colleague can follow them', async () => {
    await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)));
    const link = await share({ kind: 'site' });
    const html = await (await SELF.fetch(link.href)).text();
    const hrefs = [...html.matchAll(/<a href="([^"]+)">\d+ days<\/a>/g)].map((m) => m[1].replaceAll('&amp;', '&'));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      const res = await SELF.fetch(new URL(href, link).href);
      expect(res.status, href).toBe(200);
      expect(await res.text()).toContain('<h1>studio-access</h1>');
    }
    // The "since" form is a plain GET: the link's token rides along as a hidden field.
    const form = /<form method="get"[^>]*>(.*?)<\/form>/s.exec(html)![1];
    const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    expect(fields.share).toBe(link.searchParams.get('share'));
    const since = new URL(link.pathname, link);
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    for (const [name, value] of Object.entries({ ...fields, since: tenDaysAgo })) since.searchParams.set(name, value);
    expect((await SELF.fetch(since.href)).status).toBe(200);
  });

  it('stops working when it expires or is tampered with', async () => {
    const link = await share({ kind: 'site' }, 1);
    const [expires, mac] = link.searchParams.get('share')!.split('.');
    const later = new URL(link);
    later.searchParams.set('share', `${Number(expires) + 86_400}.${mac}`);
    expect((await SELF.fetch(later.href)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await SELF.fetch(link.href)).status).toBe(401);
  });

  it('verifies the path and expiry it was made for, under the current token only', async () => {
    const now = Date.now();
    const token = await shareToken('t', '/admin/sites/a/report', Math.floor(now / 1000) + 60);
    expect(await shareAllows('t', '/admin/sites/a/report', token, now)).toBe(true);
    expect(await shareAllows('t', '/admin/sites/b/report', token, now)).toBe(false);
    expect(await shareAllows('t', '/admin/sites/a/report', token, now + 61_000)).toBe(false);
    expect(await shareAllows('rotated', '/admin/sites/a/report', token, now)).toBe(false);
  });

  it('refuses a link to an experiment the config does not have', async () => {
    const res = await request(`/admin/sites/${SITE}/share`, { method: 'POST', headers: ADMIN, body: { report: { kind: 'experiment', experiment: 'nope' } } });
    expect(res.status).toBe(404);
  });

  it('keeps revocations in KV only as long as the session would live', async () => {
    const { cookie, csrf } = await signIn('Eve');
    await request('/admin/session', { method: 'DELETE', headers: { cookie, 'x-vitrine-csrf': csrf } });
    const listed = await env.KV.list({ prefix: 'studio:signed-out:' });
    expect(listed.keys.length).toBeGreaterThan(0);
    for (const key of listed.keys) expect(key.expiration! - Date.now() / 1000).toBeLessThanOrEqual(SESSION_SECONDS + 1);
  });
});
