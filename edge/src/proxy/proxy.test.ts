import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { app } from '../app.js';
import { CONFIG_TTL_MS, forgetCachedConfig } from '../config/cache.js';
import { keys } from '../config/keys.js';
import { put, siteConfig } from '../testing/fixtures.js';
import { slowBody, stubOrigin } from '../testing/origin-stub.js';
import { encodeProfileCookie } from '../../../shared/profile-cookie.js';
import { DECISION_ID } from './inject.js';
import { PAGE_TTL_MS, SETTLED_AFTER } from './page-memo.js';

const ORIGIN = 'http://origin.test';
const VISITOR = 'abcdefgh12345678';
const host = (site: string) => `${site}.shop.test`;

/** A site whose hero runs an experiment every consenting visitor is in (arm "bold"), proxied for `<site>.shop.test`. */
function proxiedSite(site: string) {
  return siteConfig(site, {
    proxy: { origin: ORIGIN, hosts: [host(site)] },
    experiments: [
      {
        id: 'hero-test',
        hypothesis: 'A bolder headline sells more',
        status: 'running',
        slot: 'hero',
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0 },
          { id: 'bold', weight: 1, content: { headline: 'Bold </script><b>new</b> & "quoted"' } },
        ],
      },
    ],
  });
}

async function pushSite(site: string, config: object = proxiedSite(site)) {
  const res = await app.fetch(put(`/admin/sites/${site}/config`, config), env);
  expect(res.status, await res.clone().text()).toBe(201);
}

const PAGE = `<!doctype html><html><head><title>Shop</title><script>vitrine('init',{site:'x'})</script></head><body>
<section data-vitrine-slot="hero"><h1 data-vitrine-field="headline">Default headline</h1><a data-vitrine-field="cta" href="/default">Default</a></section>
<p data-vitrine-field="headline">not in a slot</p>
<div data-vitrine-slot="nudge"><p data-vitrine-field="body">Free shipping above €40</p></div>
</body></html>`;
const html = (body = PAGE, headers: Record<string, string> = {}) =>
  new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

/** A browser navigation to `url`, with the visitor's cookies. */
function navigate(url: string, cookie?: string, headers: Record<string, string> = {}) {
  return new Request(url, { headers: { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', ...(cookie && { cookie }), ...headers } });
}

async function visit(request: Request) {
  const ctx = createExecutionContext();
  const res = await app.fetch(request, env, ctx);
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, body };
}

/** The decision the proxy injected, read back the way the SDK would. */
function injected(body: string) {
  const m = new RegExp(`<script type="application/json" id="${DECISION_ID}">(.*?)</script>`, 's').exec(body);
  return m ? JSON.parse(m[1]) : null;
}

const nudge = (body: string) => /data-vitrine-slot="nudge"[^>]*data-vitrine-variant="([^"]*)"><p data-vitrine-field="body">(.*?)<\/p>/.exec(body)?.slice(1, 3);
/** A thriller lover with €30 in the cart (€10 short of free shipping), as the SDK would write it. */
const profileCookie = () =>
  `vitrine_profile=${encodeProfileCookie({ sessions: 4, categories: { thrillers: { views: 5 }, 'true/crime:x': { views: 1 } }, cart: { items: 2, value: 30, updated: Date.now() }, viewed: ['a/b', 'c%d'] })}`;
const heroHeadline = (body: string) => /<h1 data-vitrine-field="headline">(.*?)<\/h1>/s.exec(body)?.[1];
const heroVariant = (body: string) => /data-vitrine-slot="hero"[^>]*data-vitrine-variant="([^"]*)"/.exec(body)?.[1] ?? null;

let origin: ReturnType<typeof stubOrigin>;
beforeEach(() => {
  origin = stubOrigin(ORIGIN);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('proxy: only HTML is touched', () => {
  it('passes an image through byte for byte, with its status and every header (each Set-Cookie)', async () => {
    await pushSite('px-bytes');
    const bytes = new Uint8Array(256).map((_, i) => i);
    const headers = new Headers({ 'content-type': 'image/png', 'cache-control': 'public, max-age=86400', etag: '"abc"', 'x-shop': 'kept' });
    headers.append('set-cookie', 'session=1; Path=/; HttpOnly');
    headers.append('set-cookie', 'cart=2; Path=/');
    origin.respond = () => new Response(bytes, { status: 200, headers });
    const { res } = await (async () => {
      const r = await app.fetch(new Request(`https://${host('px-bytes')}/img/hero.png`, { headers: { accept: 'image/png' } }), env);
      return { res: r };
    })();
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['session=1; Path=/; HttpOnly', 'cart=2; Path=/']);
    for (const [name, value] of headers) if (name !== 'set-cookie') expect(res.headers.get(name), name).toBe(value);
  });

  it.each([
    ['a redirect to a relative URL', 302, { location: '/cart.html' }, '', '/cart.html'],
    ['a redirect to the origin itself, moved to the public host', 301, { location: `${ORIGIN}/new?x=1` }, '', 'https://px-status.shop.test/new?x=1'],
    ['a redirect elsewhere, kept', 307, { location: 'https://pay.example/checkout' }, '', 'https://pay.example/checkout'],
    ['a 304', 304, { etag: '"v1"' }, null, null],
    ['an HTML error page, not personalized', 404, { 'content-type': 'text/html' }, PAGE, null],
    ['a JSON error', 500, { 'content-type': 'application/json', 'retry-after': '3' }, '{"error":"boom"}', null],
    ['JSON', 200, { 'content-type': 'application/json' }, '{"items":[]}', null],
  ])('keeps %s: status, headers and body', async (_name, status, headers: Record<string, string>, body, location) => {
    await pushSite('px-status');
    origin.respond = () => new Response(body, { status, headers });
    const { res, body: got } = await visit(navigate(`https://${host('px-status')}/page?q=1`, `vitrine_id=${VISITOR}.11`));
    expect(res.status).toBe(status);
    expect(got).toBe(body ?? '');
    for (const [name, value] of Object.entries(headers)) expect(res.headers.get(name)).toBe(name === 'location' ? location : value);
  });

  it('streams HTML: the first bytes (with the decision) arrive before a slow origin has finished', async () => {
    await pushSite('px-stream');
    const [head, rest] = PAGE.split('<body>');
    origin.respond = () => new Response(slowBody(head, `<body>${rest}`, 1500), { headers: { 'content-type': 'text/html' } });
    const started = performance.now();
    const res = await app.fetch(navigate(`https://${host('px-stream')}/`, `vitrine_id=${VISITOR}.11`), env);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let all = '';
    let headAt = NaN;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      all += chunk.value;
      if (Number.isNaN(headAt) && all.includes('</head>')) headAt = performance.now() - started;
    }
    const doneAt = performance.now() - started;
    // The whole <head>, with the decision in it, left while the origin was still working.
    expect(headAt).toBeLessThan(500);
    expect(all.slice(0, all.indexOf('</head>'))).toContain(`id="${DECISION_ID}"`);
    expect(doneAt).toBeGreaterThanOrEqual(1450);
    expect(heroVariant(all)).toBe('bold');
  });
});

describe('proxy: the decision at HTML time', () => {
  it('renders the slots as text with the variant for the visitor’s cookies, and injects the same decision', async () => {
    await pushSite('px-rewrite');
    origin.respond = () => html();
    const { res, body } = await visit(navigate(`https://${host('px-rewrite')}/`, `theme=dark; vitrine_id=${VISITOR}.11`));
    expect(res.status).toBe(200);
    expect(heroVariant(body)).toBe('bold');
    // Copy is text: the markup in it is shown, never parsed, and cannot end the page's script.
    expect(heroHeadline(body)).toBe('Bold &lt;/script&gt;&lt;b&gt;new&lt;/b&gt; &amp; "quoted"');
    expect(body).toContain('<a data-vitrine-field="cta" href="/new">Shop now</a>');
    expect(body).toContain('<p data-vitrine-field="headline">not in a slot</p>');
    const decision = injected(body);
    expect(decision.slots.hero).toMatchObject({ variant: 'bold', experiment: 'hero-test', content: { headline: 'Bold </script><b>new</b> & "quoted"' } });
    expect(decision.experiments).toEqual([expect.objectContaining({ id: 'hero-test', variant: 'bold' })]);
    // The block is first in <head>, before the page's own snippet.
    expect(body.indexOf(DECISION_ID)).toBeLessThan(body.indexOf("vitrine('init'"));
    expect(body.indexOf(DECISION_ID)).toBeGreaterThan(body.indexOf('<head>'));
  });

  it('uses the profile cookie with personalization consent: segments, persona and cart copy from it', async () => {
    await pushSite('px-profile');
    origin.respond = () => html();
    const { body } = await visit(navigate(`https://${host('px-profile')}/`, `vitrine_id=${VISITOR}.1100; ${profileCookie()}`));
    expect(nudge(body)).toEqual(['almost', 'Only €10 more for free shipping']);
    const decision = injected(body);
    expect(decision.segments).toContain('thriller-lovers');
    expect(decision.persona).toEqual({ id: 'reader', name: 'The reader' });
  });

  it.each([
    ['analytics consent only', `vitrine_id=${VISITOR}.1000; `],
    ['a garbled profile cookie', `vitrine_id=${VISITOR}.1100; vitrine_profile=v1|zz|%E0%A4%A|`],
    ['a profile cookie of another version', `vitrine_id=${VISITOR}.1100; vitrine_profile=v9|`],
    ['a profile cookie over 3 KB', `vitrine_id=${VISITOR}.1100; vitrine_profile=v1${'|'.repeat(11)}${'x'.repeat(3100)}`],
  ])('%s → the profile is not used, default content', async (_name, cookies) => {
    await pushSite('px-noprofile');
    origin.respond = () => html();
    const cookie = cookies.endsWith('; ') ? cookies + profileCookie() : cookies;
    const { res, body } = await visit(navigate(`https://${host('px-noprofile')}/`, cookie));
    expect(res.status).toBe(200);
    expect(nudge(body)).toEqual(['default', 'Free shipping above €40']);
    expect(injected(body).segments).toEqual([]);
  });

  it.each([
    ['no cookie', undefined],
    ['analytics consent only', `vitrine_id=${VISITOR}.10`],
    ['a garbled id cookie', 'vitrine_id=<script>.11'],
    ['personalization withdrawn, ads kept', `vitrine_id=${VISITOR}.1010`],
  ])('%s: contextual personalization only, exactly like a no-consent decide', async (_name, cookie, headers: Record<string, string> = {}) => {
    await pushSite('px-consent');
    origin.respond = () => html();
    // From a newsletter: the contextual "email" variant applies; the experiment (visitor-based) does not.
    const { res, body } = await visit(navigate(`https://${host('px-consent')}/?utm_source=news&utm_medium=email`, cookie, headers));
    expect(heroVariant(body)).toBe('email');
    expect(heroHeadline(body)).toBe('Welcome back from our newsletter');
    expect(injected(body).experiments).toEqual([]);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('under /proxy/<site>/ the rules see the origin’s path and query, and the origin is asked for them', async () => {
    const site = 'px-path';
    const config = proxiedSite(site);
    config.slots!.hero.variants!.unshift({ id: 'sale', when: { 'context.path': '/sale.html', 'context.utm.campaign': 'autumn' }, content: { headline: 'Sale!' } });
    await pushSite(site, config);
    origin.respond = () => html();
    const { body } = await visit(navigate(`https://edge.example/proxy/${site}/sale.html?utm_campaign=autumn`));
    expect(heroVariant(body)).toBe('sale');
    expect(origin.requests.map((r) => r.url)).toEqual([`${ORIGIN}/sale.html?utm_campaign=autumn`]);
    expect(injected(body).context).toBeTruthy();
  });

  it('under /proxy/<site>/ root-relative links and redirects stay under the route', async () => {
    await pushSite('px-links');
    origin.respond = (req) =>
      new URL(req.url).pathname === '/old' ? new Response(null, { status: 301, headers: { location: '/new' } }) : html(PAGE.replace('</body>', '<a href="//cdn.example/x">cdn</a><img src="/i.png"></body>'));
    const { body } = await visit(navigate('https://edge.example/proxy/px-links/'));
    // The decision's own link is the SDK's value; the origin's links are prefixed.
    expect(body).toContain('href="/new"');
    expect(body).toContain('<img src="/proxy/px-links/i.png">');
    expect(body).toContain('href="//cdn.example/x"');
    const moved = await app.fetch(navigate('https://edge.example/proxy/px-links/old'), env);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/proxy/px-links/new');
    const bare = await app.fetch(navigate('https://edge.example/proxy/px-links?a=1'), env);
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/proxy/px-links/?a=1');
  });

  it('never fetches another host, whatever the path looks like', async () => {
    await pushSite('px-ssrf');
    origin.respond = () => new Response('origin', { headers: { 'content-type': 'text/plain' } });
    for (const url of [`https://edge.example/proxy/px-ssrf//evil.example/x`, `https://${host('px-ssrf')}//evil.example/x`])
      expect(await (await app.fetch(new Request(url), env)).text()).toBe('origin');
    expect(origin.requests.map((r) => r.url)).toEqual([`${ORIGIN}//evil.example/x`, `${ORIGIN}//evil.example/x`]);
  });

  it('sends the origin the method, path, query, headers and body, with the public host forwarded', async () => {
    await pushSite('px-forward');
    origin.respond = () => new Response('ok', { headers: { 'content-type': 'text/plain' } });
    const res = await app.fetch(
      new Request(`https://${host('px-forward')}/cart/add?id=7`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'session=s1', 'cf-connecting-ip': '203.0.113.5' },
        body: 'qty=2',
      }),
      env,
    );
    expect(await res.text()).toBe('ok');
    const [sent] = origin.requests;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe(`${ORIGIN}/cart/add?id=7`);
    expect(await sent.text()).toBe('qty=2');
    expect(sent.headers.get('cookie')).toBe('session=s1');
    expect(sent.headers.get('x-forwarded-host')).toBe(host('px-forward'));
    expect(sent.headers.get('x-forwarded-proto')).toBe('https');
    expect(sent.headers.get('x-forwarded-for')).toBe('203.0.113.5');
  });

  it('leaves the debug panel’s and forced views to the script', async () => {
    await pushSite('px-debug');
    origin.respond = () => html();
    const { body } = await visit(navigate(`https://${host('px-debug')}/?vitrine_force=hero:email`, `vitrine_id=${VISITOR}.11`));
    expect(body).toBe(PAGE);
  });

  it('does not take over hosts no site proxies', async () => {
    const res = await app.fetch(new Request('https://edge.example/v1/health'), env);
    expect(await res.json()).toEqual({ ok: true });
    expect(origin.requests).toEqual([]);
  });

  it('lets the SDK on a proxied host call the edge (the host counts as one of the site’s origins)', async () => {
    await pushSite('px-cors');
    const res = await app.fetch(
      new Request('https://edge.example/v1/decide', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: `https://${host('px-cors')}` },
        body: JSON.stringify({ site: 'px-cors', visitor: null, consent: { analytics: false, personalization: false }, context: { url: `https://${host('px-cors')}/` } }),
      }),
      env,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(`https://${host('px-cors')}`);
  });
});

describe('proxy: recommendation items', () => {
  const recsPage = (template: string) =>
    PAGE.replace('</body>', `<section data-vitrine-slot="picks"><h2 data-vitrine-field="headline">Picks</h2><ul><template>${template}</template></ul></section></body>`);
  const items = (body: string) => [...body.matchAll(/<li[^>]*data-vitrine-item="([^"]+)"[^>]*>(.*?)<\/li>/g)].map((m) => `${m[1]}: ${m[2]}`);

  it('renders items from the slot’s template, from a remembered copy on repeat views, and reads a changed one after a minute', async () => {
    const site = 'px-recs';
    const config = proxiedSite(site);
    config.slots!.picks = { default: { headline: 'Bestsellers' }, recommendations: { strategies: ['bestsellers'], count: 2 } };
    config.recommendations = { bestsellers: ['b2', 'b1'] };
    await pushSite(site, config);
    const catalog = [1, 2].map((i) => ({ id: `b${i}`, name: `Book ${i}`, category: 'thrillers', price: 10 * i }));
    expect((await app.fetch(put(`/admin/sites/${site}/catalog`, catalog), env)).status).toBe(200);
    let template = '<li><b data-vitrine-field="name">x</b> €<i data-vitrine-field="price">0</i></li>';
    origin.respond = () => html(recsPage(template));
    const view = async () => (await visit(navigate(`https://${host(site)}/list?page=${Math.random()}`))).body;

    const first = await view();
    expect(items(first)).toEqual(['b2: <b data-vitrine-field="name">Book 2</b> €<i data-vitrine-field="price">20.00</i>', 'b1: <b data-vitrine-field="name">Book 1</b> €<i data-vitrine-field="price">10.00</i>']);
    expect(await view()).toBe(first);

    template = '<li class="new"><span data-vitrine-field="name">x</span></li>';
    expect(items(await view())).toEqual(items(first));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + PAGE_TTL_MS + CONFIG_TTL_MS);
    expect(items(await view())).toEqual(['b2: <span data-vitrine-field="name">Book 2</span>', 'b1: <span data-vitrine-field="name">Book 1</span>']);
  });
});

describe('proxy: where it looks for slots', () => {
  const variantOf = (slot: string, body: string) => new RegExp(`data-vitrine-slot="${slot}"[^>]*?(?: data-vitrine-variant="([^"]*)")?>`).exec(body)?.[1] ?? null;
  const withSlotOn = (tag: string) => PAGE.replace('<div data-vitrine-slot="nudge"><p data-vitrine-field="body">Free shipping above €40</p></div>', `<${tag} data-vitrine-slot="nudge"><p data-vitrine-field="body">Free shipping above €40</p></${tag}>`);
  const view = async (site: string, path: string) => (await visit(navigate(`https://${host(site)}${path}`, `vitrine_id=${VISITOR}.11`))).body;

  it('learns the types of element a site’s slots are on; a slot on a new type is left to the script once, found on the page’s next view, and then known site-wide', async () => {
    const site = 'px-types';
    await pushSite(site);
    origin.respond = (request) => html(new URL(request.url).pathname.startsWith('/home') ? PAGE : withSlotOn('aside'));

    // While the site is learning, every view looks everywhere: <section> and <div> are
    // found, and after SETTLED_AFTER views that find nothing new the types are settled.
    for (let i = 0; i <= SETTLED_AFTER; i++) {
      const home = await view(site, `/home${i}`);
      expect([variantOf('hero', home), variantOf('nudge', home)]).toEqual(['bold', 'default']);
    }
    // A page with the nudge on an <aside>: its first view asks only <section> and <div>,
    // so the script renders the nudge from the injected decision; the hero is rendered here.
    const first = await view(site, '/a');
    expect([variantOf('hero', first), variantOf('nudge', first)]).toEqual(['bold', null]);
    expect(injected(first).slots.nudge.variant).toBe('default');
    // Its second view looks everywhere and finds it; <aside> is learned for the site.
    const second = await view(site, '/a');
    expect(variantOf('nudge', second)).toBe('default');
    const other = await view(site, '/b');
    expect(variantOf('nudge', other)).toBe('default');
    expect(await view(site, '/a')).toBe(second);
  });

  it('looks everywhere, always, on a site with a slot on a type that cannot be named in a selector', async () => {
    const site = 'px-odd-types';
    await pushSite(site);
    origin.respond = () => html(withSlotOn('x.y'));
    for (const path of ['/', '/a', '/a', '/a', '/b']) expect(variantOf('nudge', await view(site, path)), path).toBe('default');
  });
});

describe('proxy: caching that cannot leak', () => {
  it('keeps a shareable origin page at the edge, personalizes each view from it, and marks each private', async () => {
    await pushSite('px-cache');
    origin.respond = () => html(PAGE, { 'cache-control': 'public, max-age=300, s-maxage=600', etag: '"p1"', 'last-modified': 'Mon, 01 Jun 2026 10:00:00 GMT' });
    const url = `https://${host('px-cache')}/cached-page`;
    const consenting = await visit(navigate(url, `vitrine_id=${VISITOR}.11`));
    const anonymous = await visit(navigate(url));
    expect(origin.requests).toHaveLength(1);
    expect(heroVariant(consenting.body)).toBe('bold');
    expect(heroVariant(anonymous.body)).toBe('default');
    for (const { res } of [consenting, anonymous]) {
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      expect(res.headers.get('vary')).toContain('Cookie');
      expect(res.headers.get('etag')).toBeNull();
      expect(res.headers.get('last-modified')).toBeNull();
    }
  });

  it.each([
    ['private', { 'cache-control': 'private, max-age=300' }],
    ['no-store', { 'cache-control': 'no-store' }],
    ['without cache headers', {}],
    ['setting a cookie', { 'cache-control': 'public, max-age=300', 'set-cookie': 'session=abc' }],
    ['varying by cookie', { 'cache-control': 'public, max-age=300', vary: 'Cookie' }],
  ])('asks the origin every time for a page it marks %s', async (name, headers: Record<string, string>) => {
    await pushSite('px-nocache');
    origin.respond = () => html(PAGE, headers);
    const url = `https://${host('px-nocache')}/${name.replace(/\W/g, '-')}`;
    await visit(navigate(url));
    await visit(navigate(url));
    expect(origin.requests).toHaveLength(2);
  });
});

describe('proxy: failure is invisible', () => {
  it('origin unreachable → 502 with a plain page', async () => {
    await pushSite('px-down');
    origin.respond = () => Promise.reject(new TypeError('connection refused'));
    const { res, body } = await visit(navigate(`https://${host('px-down')}/`));
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(body).toContain('The shop is not answering');
    expect(body).not.toMatch(/TypeError|refused|at /);
  });

  it('config gone → the origin’s page unchanged', async () => {
    await pushSite('px-gone');
    await env.KV.delete(keys.pointer('px-gone'));
    forgetCachedConfig('px-gone');
    origin.respond = () => html(PAGE, { 'cache-control': 'public, max-age=60', etag: '"o"' });
    const { res, body } = await visit(navigate(`https://${host('px-gone')}/gone`, `vitrine_id=${VISITOR}.11`));
    expect(body).toBe(PAGE);
    expect(res.headers.get('etag')).toBe('"o"');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  /** The site's KV with its config reads failing or hanging; the host index still answers. */
  const configReads = (behave: () => Promise<never>) =>
    new Proxy(env.KV, {
      get(target, prop) {
        if (prop !== 'get') return Reflect.get(target, prop);
        return (key: string, ...rest: unknown[]) => (key.startsWith('site:') ? behave() : (target.get as (...a: unknown[]) => unknown)(key, ...rest));
      },
    });

  it.each([
    ['KV throws (decide fails)', () => Promise.reject(new Error('KV unavailable'))],
    ['KV hangs', () => new Promise<never>(() => {})],
  ])('%s → the origin’s page unchanged, within the origin’s own time', async (_name, behave) => {
    await pushSite('px-kv');
    forgetCachedConfig('px-kv');
    origin.respond = () => html();
    const started = performance.now();
    const res = await app.fetch(navigate(`https://${host('px-kv')}/kv`, `vitrine_id=${VISITOR}.11`), { ...env, KV: configReads(behave) });
    expect(await res.text()).toBe(PAGE);
    expect(performance.now() - started).toBeLessThan(400);
    expect(res.headers.get('cache-control')).toBeNull();
  });
});

describe('proxy config checks', () => {
  const putConfig = (site: string, config: object) => app.fetch(put(`/admin/sites/${site}/config`, config), env);

  it.each([
    ['an ftp origin', { origin: 'ftp://origin.test', hosts: [] }, ['proxy', 'origin']],
    ['an origin with a path', { origin: 'https://origin.test/shop', hosts: [] }, ['proxy', 'origin']],
    ['a host with a scheme', { origin: 'https://origin.test', hosts: ['https://www.shop.test'] }, ['proxy', 'hosts', 0]],
    ['a host in upper case', { origin: 'https://origin.test', hosts: ['WWW.shop.test'] }, ['proxy', 'hosts', 0]],
    ['a host listed twice', { origin: 'https://origin.test', hosts: ['a.shop.test', 'a.shop.test'] }, ['proxy', 'hosts', 1]],
    ['the origin as a host', { origin: 'https://origin.test', hosts: ['origin.test'] }, ['proxy', 'hosts', 0]],
  ])('rejects %s with its path', async (_name, proxy, path) => {
    const res = await putConfig('px-check', siteConfig('px-check', { proxy } as never));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { issues: { path: unknown[] }[] };
    expect(body.issues.map((i) => i.path)).toContainEqual(path);
  });

  it('refuses a host another site proxies, until that site lets it go; a rollback cannot take it back', async () => {
    const shared = { origin: 'https://origin.test', hosts: ['www.both.test'] };
    expect((await putConfig('px-own-a', siteConfig('px-own-a', { proxy: shared }))).status).toBe(201);
    const versionA1 = ((await (await app.fetch(new Request('https://edge.example/admin/sites/px-own-a/config/versions', { headers: put('/', {}).headers }), env)).json()) as { current: string }).current;

    const taken = await putConfig('px-own-b', siteConfig('px-own-b', { proxy: { origin: 'https://other.test', hosts: ['b.both.test', 'www.both.test'] } }));
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as { issues: { path: unknown[]; message: string }[] }).issues).toEqual([
      { path: ['proxy', 'hosts', 1], message: expect.stringContaining('px-own-a') },
    ]);

    expect((await putConfig('px-own-a', siteConfig('px-own-a'))).status).toBe(201);
    expect((await putConfig('px-own-b', siteConfig('px-own-b', { proxy: { origin: 'https://other.test', hosts: ['www.both.test'] } }))).status).toBe(201);
    origin.respond = () => html();
    const other = stubOrigin('https://other.test');
    other.respond = () => new Response('site b', { headers: { 'content-type': 'text/plain' } });
    expect(await (await app.fetch(navigate('https://www.both.test/'), env)).text()).toBe('site b');

    const rollback = await app.fetch(
      new Request('https://edge.example/admin/sites/px-own-a/config/rollback', { method: 'POST', headers: put('/', {}).headers, body: JSON.stringify({ version: versionA1 }) }),
      env,
    );
    expect(rollback.status).toBe(422);
  });
});
