import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, put, siteConfig } from '../../testing/fixtures.js';

const BASE = 'https://edge.example';
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  SELF.fetch(
    new Request(`${BASE}${path}`, {
      method,
      headers: { ...ADMIN, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

async function publish(site: string, config: unknown, headers: Record<string, string> = {}, message?: string) {
  return send('PUT', `/admin/sites/${site}/config${message ? `?message=${encodeURIComponent(message)}` : ''}`, config, headers);
}

describe('publishing with If-Match', () => {
  it('refuses a stale publish with 412 naming who changed what, and stores nothing', async () => {
    const site = 'publish-stale';
    const first = (await (await publish(site, siteConfig(site), {}, 'first')).json()) as any;
    // Someone else publishes a changed hero while our editor still holds the first version.
    const theirs = siteConfig(site);
    theirs.slots!.hero.default!.headline = 'Their headline';
    await new Promise((r) => setTimeout(r, 2));
    const second = (await (await publish(site, theirs, { 'If-Match': `"${first.version}"` }, 'Their autumn copy')).json()) as any;

    const ours = siteConfig(site);
    ours.segments![0].name = 'Our thriller fans';
    const stale = await publish(site, ours, { 'If-Match': `"${first.version}"` }, 'ours');
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(`"${second.version}"`);
    const body = (await stale.json()) as any;
    expect(body.error).toContain(`published ${second.version}`);
    expect(body.error).toContain('Their autumn copy');
    expect(body.issues).toEqual([{ path: ['slots', 'hero'], message: 'slot "hero" changed' }]);
    const versions = (await (await send('GET', `/admin/sites/${site}/config/versions`)).json()) as any;
    expect(versions.versions.map((v: any) => v.version)).toEqual([second.version, first.version]);

    // Loaded again at the current version, the same publish goes through.
    const fresh = await publish(site, ours, { 'If-Match': second.version }, 'ours');
    expect(fresh.status).toBe(201);
  });

  it('records who published, the message, and who rolled back', async () => {
    const site = 'publish-history';
    const v1 = (await (await publish(site, siteConfig(site), {}, 'Launch')).json()) as any;
    expect(v1).toMatchObject({ by: 'token', message: 'Launch' });
    const changed = siteConfig(site);
    changed.slots!.hero.default!.headline = 'Later';
    await new Promise((r) => setTimeout(r, 2));
    const v2 = (await (await publish(site, changed)).json()) as any;
    expect(v2.message).toBeUndefined();

    const stale = await send('POST', `/admin/sites/${site}/config/rollback`, { version: v1.version, message: 'back' }, { 'If-Match': v1.version });
    expect(stale.status).toBe(412);
    const back = await send('POST', `/admin/sites/${site}/config/rollback`, { version: v1.version, message: 'Too early for autumn' }, { 'If-Match': v2.version });
    expect(back.status).toBe(200);
    const versions = (await (await send('GET', `/admin/sites/${site}/config/versions`)).json()) as any;
    expect(versions.pointer).toMatchObject({ version: v1.version, by: 'token', message: 'Too early for autumn', rolledBack: true });
    const old = await send('GET', `/admin/sites/${site}/config/versions/${v2.version}`);
    expect(((await old.json()) as any).slots.hero.default.headline).toBe('Later');
  });

  it.each([
    ['a message with a line break', 'one\ntwo'],
    ['a message over 200 characters', 'x'.repeat(201)],
  ])('refuses %s with its path', async (_name, message) => {
    const res = await publish('publish-message', siteConfig('publish-message'), {}, message);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).issues[0].path).toEqual(['message']);
  });
});

describe('validating the editor’s text', () => {
  const site = 'validate-text';
  const text = (config: unknown) => JSON.stringify(config, null, 2);

  it('answers the CLI’s problems with the line of each', async () => {
    const config = siteConfig(site);
    config.segments!.push({ id: 'typo', when: { 'rfm.r': { $gtt: 3 } } });
    const source = text(config);
    const res = await send('POST', `/admin/sites/${site}/config/validate`, source);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.ok).toBe(false);
    const line = source.split('\n').findIndex((l) => l.includes('"$gtt"')) + 1;
    expect(body.issues).toEqual([expect.objectContaining({ path: ['segments', 5, 'when', 'rfm.r', '$gtt'], line })]);
    // Warnings (advice, never blocking) come with their lines too.
    const unused = source.split('\n').findIndex((l) => l.includes('"dress-traders"')) + 1;
    expect(body.warnings).toContainEqual(expect.objectContaining({ path: ['segments', 3, 'id'], line: unused }));
  });

  it.each([
    ['a valid config', siteConfig(site), true, []],
    ['another site’s config', siteConfig('elsewhere'), false, [['site']]],
  ])('%s', async (_name, config, ok, paths) => {
    const body = (await (await send('POST', `/admin/sites/${site}/config/validate`, text(config))).json()) as any;
    expect(body.ok).toBe(ok);
    expect(body.issues.map((i: any) => i.path)).toEqual(paths);
  });

  it('says where JSON breaks instead of failing', async () => {
    const body = (await (await send('POST', `/admin/sites/${site}/config/validate`, '{"site": "x",}')).json()) as any;
    expect(body.ok).toBe(false);
    expect(body.issues[0].message).toMatch(/^not valid JSON/);
  });
});

describe('config reads carry an ETag', () => {
  it('names the served version', async () => {
    const site = 'etag-site';
    const stored = (await (await SELF.fetch(put(`/admin/sites/${site}/config`, siteConfig(site)))).json()) as any;
    const res = await send('GET', `/admin/sites/${site}/config`);
    expect(res.headers.get('etag')).toBe(`"${stored.version}"`);
  });
});
