// The edge proxy in real Chromium: a shop page on a local origin server, served through
// `/proxy/<site>/…` by the Worker in workerd, next to the same page with the script only.
// Needs `npm run build` first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, launchBrowser, pushConfig, serveStatic, startEdge, type Edge, type StaticServer } from './harness.js';

const SITE = 'e2e-proxy';
const DEMO = JSON.parse(readFileSync(join(import.meta.dirname, '../demo-shop/vitrine.config.json'), 'utf8'));
const DEMO_CATALOG = readFileSync(join(import.meta.dirname, '../demo-shop/catalog.json'), 'utf8');
const ALL = { analytics: true, personalization: true };
const VISITOR = 'abcdefgh12345678';
const PRODUCTS = ['b1', 'b2', 'b3'].map((id, i) => ({ id, name: `Book <${id}>`, category: 'thrillers', price: 10 + i, url: `/p/${id}` }));

let edge: Edge;
let origin: StaticServer;
let browser: Browser;
const proxied = (path = '/proxied.html') => `${edge.url}/proxy/${SITE}${path}`;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  origin = await serveStatic(join(import.meta.dirname, 'pages'), { EDGE: edge.url });
  await pushConfig(edge.url, {
    site: SITE,
    origins: [origin.url],
    proxy: { origin: origin.url },
    segments: [{ id: 'thriller-lovers', when: { 'categories.thrillers.views': { $gte: 2 } } }],
    slots: {
      hero: {
        default: { headline: 'Welcome', body: 'Our picks this week', cta: { label: 'Browse', href: '/all' } },
        variants: [
          {
            id: 'thrillers',
            when: { segments: 'thriller-lovers' },
            content: { headline: 'New thrillers for you </script><b>', body: 'Dark nights ahead', cta: { label: 'See thrillers', href: '/c/thrillers?x=1&y=2' } },
          },
        ],
      },
      banner: { default: { headline: 'Free shipping from 30 €' } },
      picks: { default: { headline: 'Bestsellers' }, recommendations: { strategies: ['bestsellers'], count: 2 } },
    },
    recommendations: { bestsellers: ['b2', 'b3'] },
    experiments: [
      {
        id: 'banner-test',
        hypothesis: 'A reader quote in the banner sells more than the shipping note',
        status: 'running',
        slot: 'banner',
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0 },
          { id: 'quote', weight: 1, content: { headline: '“The best bookshop in town”' } },
        ],
      },
    ],
  });
  await pushCatalog(SITE, JSON.stringify(PRODUCTS));
  // The demo shop as `npm start` runs it: the edge serves the shop and proxies it from itself.
  await pushConfig(edge.url, { ...DEMO, origins: [edge.url], proxy: { origin: edge.url } });
  await pushCatalog(DEMO.site, DEMO_CATALOG);
});

async function pushCatalog(site: string, body: string) {
  const res = await fetch(`${edge.url}/admin/sites/${site}/catalog`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body });
  if (!res.ok) throw new Error(`catalog push answered ${res.status}: ${await res.text()}`);
}

afterAll(async () => {
  await browser?.close();
  await origin?.close();
  await edge?.dispose();
});

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;
const ready = (page: Page) => page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));

/** The slots as the DOM holds them, items apart from the rest (where a clone sits next to the template is not visible). */
const slotsOf = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-vitrine-slot]')].map((slot) => {
      const copy = slot.cloneNode(true) as Element;
      const items = [...copy.querySelectorAll('[data-vitrine-item]')].map((el) => (el.remove(), el.outerHTML));
      return { slot: copy.outerHTML.replace(/>\s+</g, '><'), items };
    }),
  );

/**
 * Records every state the hero is in from its first paint on: its text and variant at the
 * first animation frame, then after each mutation inside it.
 */
const WATCH_HERO = `(() => {
  const states = (window.__heroStates = []);
  const snap = (hero) => states.push(hero.getAttribute('data-vitrine-variant') + '|' + hero.textContent.replace(/\\s+/g, ' ').trim());
  const start = () => {
    const hero = document.querySelector('[data-vitrine-slot="hero"]');
    if (!hero) return requestAnimationFrame(start);
    snap(hero);
    new MutationObserver(() => snap(hero)).observe(hero, { subtree: true, childList: true, characterData: true, attributes: true });
  };
  requestAnimationFrame(start);
})();`;

describe('edge proxy in Chromium', () => {
  it('renders the slots exactly as the SDK does: the proxied page without JavaScript equals the script-only page', async () => {
    const cookie = { name: 'vitrine_id', value: `${VISITOR}.11`, domain: '127.0.0.1', path: '/' };
    const scriptOnly = await browser.newContext();
    await scriptOnly.addCookies([cookie]);
    const withScript = await scriptOnly.newPage();
    await withScript.goto(`${origin.url}/proxied.html`);
    await ready(withScript);

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    await noScript.addCookies([cookie]);
    const fromEdge = await noScript.newPage();
    await fromEdge.goto(proxied());

    const bySdk = await slotsOf(withScript);
    expect(bySdk.map((s) => s.slot.match(/data-vitrine-variant="([^"]*)"/)?.[1])).toEqual(['default', 'quote', 'default']);
    expect(bySdk[2].items).toHaveLength(2);
    expect(await slotsOf(fromEdge)).toEqual(bySdk);
    await Promise.all([scriptOnly.close(), noScript.close()]);
  });

  it('a visitor who builds a history through the SDK gets their variant in the first HTML through the proxy, with no decide call and no change after first paint', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(proxied());
    await ready(page);
    await page.evaluate(async (all) => {
      await vitrine('consent', all);
      for (const id of ['t1', 't2']) await vitrine('track', 'view_item', { items: [{ item_id: id, item_category: 'thrillers', price: 15 }] });
      await vitrine('flush');
    }, ALL);

    await context.addInitScript(WATCH_HERO);
    const decides: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/decide') && decides.push(r.url()));
    const response = await page.reload();
    const html = await response!.text();
    await ready(page);
    await page.waitForTimeout(300);

    // The first HTML response already holds the variant, as text.
    expect(html).toMatch(/data-vitrine-slot="hero" data-vitrine-variant="thrillers"/);
    expect(html).toContain('New thrillers for you &lt;/script&gt;&lt;b&gt;');
    expect(response!.headers()['cache-control']).toBe('private, no-cache');
    expect(decides).toEqual([]);
    const states = await page.evaluate(() => (window as unknown as { __heroStates: string[] }).__heroStates);
    expect(new Set(states)).toEqual(new Set(['thrillers|New thrillers for you </script><b> Dark nights ahead See thrillers']));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('following a link stays in the proxied shop', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(proxied());
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(proxied('/proxied.html?page=2'));
    expect(await page.locator('[data-vitrine-slot="hero"]').getAttribute('data-vitrine-variant')).toBe('default');
    await context.close();
  });

  it('the demo shop: the tester opens a persona through the proxy, and the shop’s own links stay there', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const base = `${edge.url}/proxy/${DEMO.site}`;
    await page.goto(`${base}/tester.html`);
    expect(await page.locator('[data-serve="proxy"]').isChecked()).toBe(true);
    expect(await page.locator('[data-serve-other]').getAttribute('href')).toBe('/tester.html');
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.locator('[data-persona="thriller-lover"]').getByRole('button').click();
    await page.waitForURL(`${base}/`);
    await ready(page);
    // A card a script made (a recommendation) leads to a proxied product page.
    await page.locator('[data-vitrine-slot="recommended"] [data-vitrine-item] a').first().click();
    // (The shop's static host drops `.html` with a redirect, which the proxy keeps under its route.)
    await page.waitForURL((url) => /^\/proxy\/demo-shop\/product(\.html)?$/.test(url.pathname) && url.searchParams.has('id'));
    await ready(page);
    expect(await page.locator('[data-vitrine-slot="also-bought"]').getAttribute('data-vitrine-variant')).toBeTruthy();
    // The script-only side stays script-only.
    await page.goto(`${edge.url}/tester.html`);
    expect(await page.locator('[data-serve="script"]').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
