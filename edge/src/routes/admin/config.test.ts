import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, decideBody, post, put, siteConfig } from '../../testing/fixtures.js';

const SITE = 'admin-test';
const get = (path: string, headers: Record<string, string> = ADMIN) => SELF.fetch(new Request(`https://edge.example${path}`, { headers }));

async function heroHeadline(): Promise<string> {
  const res = await SELF.fetch(post('/v1/decide', decideBody(SITE, { slots: ['hero'] })));
  return ((await res.json()) as any).slots.hero.content.headline;
}

describe('admin auth', () => {
  it.each([
    ['no header', {}],
    ['wrong token', { Authorization: 'Bearer nope' }],
    ['token prefix', { Authorization: 'Bearer test-admin' }],
    ['basic auth', { Authorization: 'Basic dGVzdC1hZG1pbi10b2tlbg==' }],
  ])('refuses %s with 401 and changes nothing', async (_name, headers) => {
    const res = await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE), headers as Record<string, string>));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect((await get(`/admin/sites/${SITE}/config`)).status).toBe(404);
  });
});

describe('config lifecycle', () => {
  it('stores versions, rejects bad configs with paths, and rolls back', async () => {
    const first = await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)));
    expect(first.status).toBe(201);
    const v1 = ((await first.json()) as any).version;
    expect(await heroHeadline()).toBe('New in this week');

    // Version ids carry the millisecond they were made.
    await new Promise((r) => setTimeout(r, 5));
    const changed = siteConfig(SITE);
    changed.slots!.hero.default!.headline = 'Autumn reads';
    const second = await SELF.fetch(put(`/admin/sites/${SITE}/config`, changed));
    const v2 = ((await second.json()) as any).version;
    expect(v2).not.toBe(v1);
    expect(await heroHeadline()).toBe('Autumn reads');

    const bad = siteConfig(SITE, {
      segments: [
        { id: 'a', when: { segments: 'b' } },
        { id: 'b', when: { segments: 'a' } },
        { id: 'c', when: { 'rfm.r': { $gtt: 3 } } },
        { id: 'd', when: { segments: 'missing' } },
      ],
    });
    bad.slots!.hero.default!.cta = { label: 'x', href: 'javascript:alert(1)' };
    const rejected = await SELF.fetch(put(`/admin/sites/${SITE}/config`, bad));
    expect(rejected.status).toBe(422);
    const { issues } = (await rejected.json()) as any;
    expect(issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['slots', 'hero', 'default', 'cta', 'href'] })]),
    );
    // Shape problems are reported first; fix the URL to see the rule problems, all at once.
    bad.slots!.hero.default!.cta = { label: 'x', href: '/ok' };
    const rules = (await (await SELF.fetch(put(`/admin/sites/${SITE}/config`, bad))).json()) as any;
    const paths = rules.issues.map((i: any) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['segments.2.when.rfm.r.$gtt', 'segments.3.when']));
    expect(rules.issues.some((i: any) => /cycle/.test(i.message))).toBe(true);
    expect(rules.issues.some((i: any) => /"missing"/.test(i.message))).toBe(true);
    expect(await heroHeadline()).toBe('Autumn reads');

    const versions = (await (await get(`/admin/sites/${SITE}/config/versions`)).json()) as any;
    expect(versions.current).toBe(v2);
    expect(versions.versions.map((v: any) => v.version)).toEqual([v2, v1]);

    const back = await SELF.fetch(post(`/admin/sites/${SITE}/config/rollback`, { version: v1 }, ADMIN));
    expect(back.status).toBe(200);
    expect(await heroHeadline()).toBe('New in this week');
    const served = await get(`/admin/sites/${SITE}/config`);
    expect(served.headers.get('x-config-version')).toBe(v1);

    const unknown = await SELF.fetch(post(`/admin/sites/${SITE}/config/rollback`, { version: 'nope' }, ADMIN));
    expect(unknown.status).toBe(404);
  });

  it('refuses a config whose site differs from the URL', async () => {
    const res = await SELF.fetch(put(`/admin/sites/other-site/config`, siteConfig(SITE)));
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).issues[0].path).toEqual(['site']);
  });

  it('previews a draft config without saving it', async () => {
    const draft = siteConfig('preview-site');
    draft.slots!.hero.default!.headline = 'Draft headline';
    const res = await SELF.fetch(post(`/admin/sites/preview-site/preview`, { config: draft, request: decideBody('preview-site') }, ADMIN));
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.configVersion).toBe('draft');
    expect(body.slots.hero.content.headline).toBe('Draft headline');
    expect((await get('/admin/sites/preview-site/config')).status).toBe(404);
  });
});

describe('customer data uploads', () => {
  it('deletes one customer’s traits', async () => {
    const site = 'traits-delete';
    await SELF.fetch(put(`/admin/sites/${site}/traits`, '{"customer_id":"c-9","tier":"gold"}\n'));
    const del = (id: string) => SELF.fetch(new Request(`https://edge.example/admin/sites/${site}/traits/${id}`, { method: 'DELETE', headers: ADMIN }));
    expect((await del('c-9')).status).toBe(204);
    expect((await del('c-9')).status).toBe(404);
  });

  it('refuses a traits file with a bad line and writes none of it', async () => {
    const site = 'traits-bad';
    const res = await SELF.fetch(put(`/admin/sites/${site}/traits`, '{"customer_id":"ok","tier":"gold"}\n{"tier":"no id"}\nnot json\n'));
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(body.issues.map((i: any) => i.path[0])).toEqual(['line 2', 'line 3']);
  });
});
