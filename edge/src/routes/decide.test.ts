import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideBody, ORIGIN, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'decide-test';
const DAY = 86_400_000;

async function decide(extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await SELF.fetch(post('/v1/decide', decideBody(SITE, extra), headers));
  return { res, body: (await res.json()) as any };
}

beforeAll(async () => {
  const res = await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)));
  expect(res.status).toBe(201);
});

describe('POST /v1/decide', () => {
  it('answers a visitor without consent from context alone, with every slot defaulted', async () => {
    const { res, body } = await decide({
      visitor: null,
      consent: { analytics: false, personalization: false },
      profile: { categories: { thrillers: { views: 9 } } },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.segments).toEqual([]);
    expect(body.persona).toBeNull();
    expect(body.rfm).toBeNull();
    expect(body.slots.hero).toMatchObject({ variant: 'default', content: { headline: 'New in this week', cta: { href: '/new' } } });
    expect(body.configVersion).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);
  });

  it('uses context without consent: a newsletter landing sees the email variant', async () => {
    const { body } = await decide({
      visitor: null,
      consent: { analytics: false, personalization: false },
      context: { url: 'https://shop.example/?utm_source=newsletter&utm_medium=email' },
    });
    expect(body.context.source).toBe('email');
    expect(body.segments).toEqual(['from-email']);
    expect(body.slots.hero.variant).toBe('email');
  });

  it('places a consenting thriller reader in segments, persona and the thriller variant', async () => {
    const { body } = await decide({ profile: { categories: { thrillers: { views: 4 } } } });
    expect(body.segments).toEqual(['thriller-lovers']);
    expect(body.persona).toEqual({ id: 'reader', name: 'The reader' });
    expect(body.slots.hero).toMatchObject({ variant: 'thrillers', content: { headline: 'More thrillers for you, reader', cta: { label: 'Shop now' } } });
  });

  it('composes segments from segments and picks the first matching persona', async () => {
    const now = Date.now();
    const { body } = await decide({
      profile: {
        categories: { thrillers: { views: 5 } },
        purchases: { count: 6, revenue: 900, first: now - 200 * DAY, last: now - 2 * DAY },
      },
    });
    expect(body.segments).toEqual(['thriller-lovers', 'big-spenders', 'vip-thriller']);
    expect(body.persona.id).toBe('collector');
    expect(body.rfm).toMatchObject({ r: 5, f: 5, m: 5, segment: 'champions', frequency: 6, monetary: 900 });
    expect(body.rfm.clv).toBeGreaterThan(0);
  });

  it('derives tradedDown and cart facts at the edge', async () => {
    const { body } = await decide({
      profile: {
        categories: { dresses: { views: 3, maxViewedPrice: 180, lastPurchasePrice: 60, purchases: 1 } },
        cart: { items: 2, value: 31.5, updated: Date.now() - 60_000 },
      },
    });
    expect(body.segments).toContain('dress-traders');
    expect(body.slots.nudge).toMatchObject({ variant: 'almost', content: { body: 'Only €8.50 more for free shipping' } });
  });

  it('reminds a visitor whose cart sat longer than the abandonment threshold', async () => {
    const { body } = await decide({ profile: { cart: { items: 3, value: 80, updated: Date.now() - 31 * 60_000 } } });
    expect(body.slots.nudge).toMatchObject({ variant: 'abandoned', content: { body: 'Your 3 items are still waiting' } });
  });

  it('returns only the slots the page asks for, and honours a forced variant', async () => {
    const { body } = await decide({ slots: ['hero'], force: { hero: 'email' } });
    expect(Object.keys(body.slots)).toEqual(['hero']);
    expect(body.slots.hero).toMatchObject({ variant: 'email', forced: true });
  });

  it('lists every forceable variant per slot for the debug panel', async () => {
    const { body } = await decide({ debug: true, slots: ['hero', 'nudge'] });
    expect(body.debug.variants).toEqual({ hero: ['default', 'email', 'thrillers'], nudge: ['default', 'almost', 'abandoned'] });
    expect((await decide()).body.debug).toBeUndefined();
  });

  it('looks up nothing for prototype names in slots, force and assignments', async () => {
    const { res, body } = await decide({
      slots: ['hero', '__proto__', 'constructor', 'toString'],
      force: JSON.parse('{"__proto__": "x", "constructor": "y"}'),
      assignments: JSON.parse('{"__proto__": "control"}'),
      debug: true,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(body.slots)).toEqual(['hero']);
    expect(body.slots.hero.forced).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('ignores the profile when only analytics consent is given', async () => {
    const { body } = await decide({ consent: { analytics: true, personalization: false }, profile: { categories: { thrillers: { views: 9 } } } });
    expect(body.segments).toEqual([]);
  });

  it('returns content with markup unescaped, as plain text for the renderer', async () => {
    const { body } = await decide({ traits: { name: '<img src=x onerror=alert(1)>' }, profile: { categories: { thrillers: { views: 3 } } } });
    expect(body.slots.hero.content.headline).toBe('More thrillers for you, reader');
  });
});

describe('bad input', () => {
  it.each([
    ['not JSON', '{nope', 400],
    ['missing consent', { site: SITE, visitor: null, context: { url: '/' } }, 400],
    ['visitor of the wrong type', { ...decideBody(SITE), visitor: 42 }, 400],
    ['profile with a negative count', { ...decideBody(SITE), profile: { purchases: { count: -1, revenue: 0 } } }, 400],
    ['traits with a prototype key', { ...decideBody(SITE), traits: JSON.parse('{"__proto__": {"x": 1}}') }, 400],
  ])('%s → %s with paths', async (_name, body, status) => {
    const res = await SELF.fetch(post('/v1/decide', body));
    expect(res.status).toBe(status);
    const json = (await res.json()) as any;
    expect(json.error).toBeTruthy();
    expect(Array.isArray(json.issues)).toBe(true);
  });

  it('names the path of each problem', async () => {
    const res = await SELF.fetch(post('/v1/decide', { ...decideBody(SITE), consent: { analytics: 'yes' }, context: {} }));
    const json = (await res.json()) as any;
    const paths = json.issues.map((i: any) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['consent.analytics', 'consent.personalization', 'context.url']));
  });

  it('answers 404 for a site with no config', async () => {
    const res = await SELF.fetch(post('/v1/decide', decideBody('no-such-site')));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'unknown site' });
  });

  it('answers 413 for a body over 64 KB, declared or streamed', async () => {
    const big = JSON.stringify({ ...decideBody(SITE), traits: { blob: 'x'.repeat(70_000) } });
    expect((await SELF.fetch(post('/v1/decide', big))).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await SELF.fetch(new Request('https://edge.example/v1/decide', { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
  });
});

describe('CORS', () => {
  it('allows a configured origin', async () => {
    const { res } = await decide({}, { origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('allows pages the Worker serves itself without listing them', async () => {
    const { res } = await decide({}, { origin: 'https://edge.example' });
    expect(res.status).toBe(200);
  });

  it('refuses an origin the site did not list', async () => {
    const { res } = await decide({}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight only for the site’s origins', async () => {
    const ok = await SELF.fetch(new Request(`https://edge.example/v1/decide?site=${SITE}`, { method: 'OPTIONS', headers: { origin: ORIGIN } }));
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const refused = await SELF.fetch(new Request(`https://edge.example/v1/decide?site=${SITE}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
