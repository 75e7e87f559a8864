import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CATALOG_CATEGORIES, MISTAKES, base, withMistake } from '../../../../shared/config/mistakes.js';
import { formatPath } from '../../../../shared/config/validate.js';
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
    // Shape and rule problems come in one answer, in file order.
    const { issues } = (await rejected.json()) as any;
    const paths = issues.map((i: any) => i.path.join('.'));
    const shown = ['segments.2.when.rfm.r.$gtt', 'segments.3.when.segments', 'slots.hero.default.cta.href'];
    expect(paths.filter((p: string) => shown.includes(p))).toEqual(shown);
    expect(issues[1].message).toBe('refers to segment "missing", which is not defined');
    // A cycle is found by compiling, which needs the right shape first.
    bad.slots!.hero.default!.cta = { label: 'x', href: '/ok' };
    const rules = (await (await SELF.fetch(put(`/admin/sites/${SITE}/config`, bad))).json()) as any;
    expect(rules.issues.some((i: any) => /cycle/.test(i.message))).toBe(true);
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

describe('config checks through the API', () => {
  const site = 'checks-test';
  const body = (config: unknown) => ({ ...(config as object), site });

  it('refuses a config with several mistakes, listing every one with its path and suggestion', async () => {
    const config = base() as any;
    const chosen = [
      'a misspelt field of a category',
      'a value outside a closed set in $in',
      'a reference to a misspelt segment',
      'an unknown placeholder in a variant',
      'an experiment on an unknown slot',
      'experiment weights that do not add up to 1',
      'an unknown placeholder in an experiment arm',
    ].map((name) => MISTAKES.find((m) => m.name === name)!);
    for (const mistake of chosen) mistake.change(config);
    const res = await SELF.fetch(put(`/admin/sites/${site}/config`, body(config)));
    expect(res.status).toBe(422);
    const answer = (await res.json()) as any;
    expect(answer.error).toMatch(/rejected/);
    const listed = answer.issues.map((i: any) => ({ path: formatPath(i.path), message: i.message }));
    expect(listed).toEqual(chosen.map((m) => ({ path: m.path, message: expect.stringContaining(m.message) })));
    expect((await get(`/admin/sites/${site}/config`)).status).toBe(404);
  });

  it('accepts a config with only warnings and lists them in the 201 answer', async () => {
    const config = base() as any;
    // In file order: segments, personas, slots.
    const warned = [
      'a segment nothing uses',
      'a persona after one that always matches',
      'a variant content key the default does not have',
      'a variant after one that always matches',
    ].map((name) => MISTAKES.find((m) => m.name === name)!);
    for (const mistake of warned) mistake.change(config);
    const res = await SELF.fetch(put(`/admin/sites/${site}/config`, body(config)));
    expect(res.status).toBe(201);
    const answer = (await res.json()) as any;
    expect(answer.version).toEqual(expect.any(String));
    const listed = answer.warnings.map((i: any) => ({ path: formatPath(i.path), message: i.message }));
    expect(listed).toEqual(warned.map((m) => ({ path: m.path, message: expect.stringContaining(m.message) })));
  });

  it('warns about category names against the uploaded catalog, and only once there is one', async () => {
    const mistake = MISTAKES.find((m) => m.name === 'a category the catalog does not have')!;
    const before = (await (await SELF.fetch(put(`/admin/sites/${site}/config`, body(withMistake(mistake))))).json()) as any;
    expect(before.warnings).toEqual([]);
    const products = CATALOG_CATEGORIES.map((category, i) => ({ id: `p-${i}`, name: `P ${i}`, category, price: 10 }));
    expect((await SELF.fetch(put(`/admin/sites/${site}/catalog`, products))).status).toBe(200);
    const after = (await (await SELF.fetch(put(`/admin/sites/${site}/config`, body(withMistake(mistake))))).json()) as any;
    expect(after.warnings.map((i: any) => `${formatPath(i.path)}: ${i.message}`)).toEqual([`${mistake.path}: ${mistake.message}`]);
  });

  it('refuses a draft config with mistakes in preview, with paths under config', async () => {
    const mistake = MISTAKES[0];
    const res = await SELF.fetch(post(`/admin/sites/${site}/preview`, { config: body(withMistake(mistake)), request: decideBody(site) }, ADMIN));
    expect(res.status).toBe(422);
    const { issues } = (await res.json()) as any;
    expect(issues.map((i: any) => `${formatPath(i.path)}: ${i.message}`)).toEqual([`config.${mistake.path}: ${mistake.message}`]);
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
