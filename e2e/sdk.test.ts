// The SDK in real Chromium against the Worker in workerd. Pages come from another origin
// than the edge, so CORS is real too. Needs `node sdk/build.mjs` (or `npm run build`) first.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, launchBrowser, pushConfig, serveStatic, startEdge, type Edge, type StaticServer } from './harness.js';

const XSS = '<img src=x onerror=window.__pwned=1>';
const ALL = { analytics: true, personalization: true };

let edge: Edge;
let pages: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  pages = await serveStatic(join(import.meta.dirname, 'pages'), { EDGE: edge.url });
  await pushConfig(edge.url, {
    site: 'e2e',
    origins: [pages.url],
    segments: [{ id: 'thriller-lovers', when: { 'categories.thrillers.views': { $gte: 2 } } }],
    slots: {
      hero: {
        default: { headline: 'Welcome', body: 'Our picks this week', cta: { label: 'Browse', href: '/all' } },
        variants: [
          {
            id: 'thrillers',
            when: { segments: 'thriller-lovers' },
            content: { headline: 'New thrillers for you', body: 'Dark nights ahead', cta: { label: 'See thrillers', href: '/c/thrillers' } },
          },
        ],
      },
      promo: { default: { body: XSS } },
      banner: { default: { headline: 'Free shipping from 30 €' } },
    },
    experiments: [
      {
        id: 'banner-test',
        hypothesis: 'A reader quote in the banner sells more than the shipping note',
        status: 'running',
        slot: 'banner',
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0.5 },
          { id: 'quote', weight: 0.5, content: { headline: '“The best bookshop in town”' } },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await edge?.dispose();
});

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;

/** A fresh browser profile with one page that records what a user would see go wrong. */
async function open(path = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'warning' || m.type() === 'error') && warnings.push(`${m.type()}: ${m.text()}`));
  await page.goto(pages.url + path);
  return { context, page, errors, warnings };
}
const ready = (page: Page) => page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const databases = (page: Page) => page.evaluate(() => indexedDB.databases().then((dbs) => dbs.map((d) => d.name)));

/** The batches the edge answered 2xx to, as the browser sent them. */
function collected(context: BrowserContext) {
  const batches: { visitor: string; events: { id: string; name: string; forced?: boolean; experiment?: string; variant?: string }[] }[] = [];
  context.on('response', (res) => {
    if (res.url().endsWith('/v1/collect') && res.request().method() === 'POST' && res.ok()) batches.push(JSON.parse(res.request().postData()!));
  });
  return batches;
}

describe('SDK in Chromium against the Worker', () => {
  it('stores nothing before consent: zero cookies, zero IndexedDB databases, no collect', async () => {
    const { context, page, errors } = await open();
    const collects: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/collect') && collects.push(r.url()));
    await ready(page);
    await page.evaluate(() => vitrine('track', 'view_item', { items: [{ item_id: 'b1', item_category: 'thrillers', price: 12 }] }));
    await page.evaluate(() => vitrine('decide'));
    expect(await context.cookies()).toEqual([]);
    expect(await databases(page)).toEqual([]);
    expect(collects).toEqual([]);
    // The contextual decision still renders.
    expect(await text(page, 'h1')).toBe('Welcome');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after consent, events shape the profile and the decision renders into the slots, also at once on the next page', async () => {
    const { context, page, errors, warnings } = await open();
    await ready(page);
    await page.evaluate(async (all) => {
      await vitrine('consent', all);
      for (const id of ['t1', 't2']) await vitrine('track', 'view_item', { items: [{ item_id: id, item_category: 'thrillers', price: 15 }] });
      await vitrine('decide');
    }, ALL);
    expect(await text(page, 'h1')).toBe('New thrillers for you');
    expect(await page.locator('[data-vitrine-field="cta"]').getAttribute('href')).toBe('/c/thrillers');
    expect(await page.locator('[data-vitrine-slot="hero"]').getAttribute('data-vitrine-variant')).toBe('thrillers');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'vitrine_id', sameSite: 'Lax', secure: false });
    // 390 days: under the 13 months a consent cookie may live.
    expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(389 * 86_400_000);
    expect(cookie.expires * 1000 - Date.now()).toBeLessThanOrEqual(396 * 86_400_000);
    expect(await databases(page)).toEqual(['vitrine']);

    // Next page, with the edge slow to answer: the cached decision is painted at once.
    await page.route('**/v1/decide', () => {
      /* never answers */
    });
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('vitrine:painted').length > 0, null, { timeout: 500 });
    expect(await text(page, 'h1')).toBe('New thrillers for you');
    await ready(page);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('[vitrine]')]);
    await context.close();
  });

  it('imports a backdated history that is stored once flush resolves, and refuses a time in the future with one warning', async () => {
    const DAY = 86_400_000;
    const { context, page, errors, warnings } = await open();
    await ready(page);
    const now = await page.evaluate(async ({ all, DAY }) => {
      const now = Date.now();
      await vitrine('consent', all);
      vitrine('track', 'view_item', { items: [{ item_id: 't1', item_category: 'thrillers', price: 15 }] }, { ts: now - 20 * DAY });
      vitrine('track', 'view_item', { items: [{ item_id: 't2', item_category: 'thrillers', price: 25 }] }, { ts: now - 10 * DAY });
      vitrine('track', 'purchase', { value: 40, items: [{ item_id: 't2', price: 25 }] }, { ts: now + DAY });
      await vitrine('flush');
      return now;
    }, { all: ALL, DAY });
    // Leave at once: what flush promised is on disk for the next page.
    const decided = page.waitForRequest((r) => r.url().endsWith('/v1/decide'));
    await page.reload();
    const body = (await decided).postDataJSON();
    expect(body.profile).toMatchObject({ firstSeen: now - 20 * DAY, viewed: ['t2', 't1'], purchases: { count: 0 } });
    await ready(page);
    expect(await text(page, 'h1')).toBe('New thrillers for you');
    expect(warnings).toEqual([expect.stringContaining('purchase ts out of range')]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows markup in content as text and runs none of it', async () => {
    const { context, page, errors } = await open();
    await ready(page);
    await page.waitForTimeout(100);
    expect(await text(page, '[data-vitrine-slot="promo"] p')).toBe(XSS);
    expect(await page.locator('[data-vitrine-slot="promo"] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the defaults within the timeout when the edge hangs, with one warning and no error', async () => {
    const { context, page, errors, warnings } = await open();
    await ready(page);
    await page.route('**/v1/decide', () => {
      /* never answers */
    });
    const took = await page.evaluate(async () => {
      const started = performance.now();
      const result = await vitrine('decide');
      return { ms: performance.now() - started, result };
    });
    expect(took.result).toBeNull();
    expect(took.ms).toBeGreaterThanOrEqual(790);
    expect(took.ms).toBeLessThan(1500);
    await page.evaluate(() => vitrine('decide'));
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    await context.close();
  });

  it('delivers events made offline once, after the connection returns', async () => {
    const { context, page } = await open();
    const batches = collected(context);
    const ids = () => batches.flatMap((b) => b.events.map((e) => e.id));
    await ready(page);
    await page.evaluate((all) => vitrine('consent', all), ALL);
    await expect.poll(ids, { timeout: 10_000 }).toHaveLength(1); // the page view

    await context.setOffline(true);
    await page.evaluate(async () => {
      await vitrine('track', 'add_to_cart', { items: [{ item_id: 'x1', price: 5 }] });
      await vitrine('track', 'add_to_cart', { items: [{ item_id: 'x2', price: 7 }] });
    });
    await page.waitForTimeout(1500);
    expect(ids()).toHaveLength(1);

    await context.setOffline(false);
    await expect.poll(ids, { timeout: 10_000 }).toHaveLength(3);
    await page.waitForTimeout(1500);
    expect(new Set(ids()).size).toBe(3);
    // The edge holds each of them already: sending them again only finds duplicates.
    const again = await fetch(`${edge.url}/v1/collect`, {
      method: 'POST',
      body: JSON.stringify({ site: 'e2e', visitor: batches[0].visitor, consent: ALL, events: batches.flatMap((b) => b.events) }),
    });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 3 });
    await context.close();
  });

  it('forget removes the cookie and the IndexedDB database and tells the edge', async () => {
    const { context, page } = await open();
    await ready(page);
    await page.evaluate((all) => vitrine('consent', all), ALL);
    expect(await context.cookies()).toHaveLength(1);
    const forgot = page.waitForResponse((r) => r.url().endsWith('/v1/forget'));
    await page.evaluate(() => vitrine('forget'));
    const res = await forgot;
    expect(res.status()).toBe(200);
    expect(JSON.parse(res.request().postData()!)).toMatchObject({ site: 'e2e', visitor: expect.stringMatching(/^[a-z0-9]{16}$/) });
    expect(await context.cookies()).toEqual([]);
    expect(await databases(page)).toEqual([]);
    await context.close();
  });

  it('debug mode loads the panel bundle only when asked, and a forced variant is flagged and sends no exposure', async () => {
    const plain = await open();
    const scripts = (page: Page) => page.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean));
    await ready(plain.page);
    expect((await scripts(plain.page)).filter((src) => src.includes('/sdk-debug.js'))).toEqual([]);
    await plain.context.close();

    const { context, page, errors } = await open('/?vitrine_debug=1&vitrine_force=banner:quote');
    const batches = collected(context);
    await ready(page);
    await page.evaluate((all) => vitrine('consent', all), ALL);
    await page.locator('#vitrine-debug').waitFor({ state: 'attached' });
    // In debug mode decide asks the edge for every variant id, for the panel to offer.
    const decided = page.waitForRequest((r) => r.url().endsWith('/v1/decide'));
    await page.evaluate(() => vitrine('decide'));
    expect((await decided).postDataJSON()).toMatchObject({ debug: true, force: { banner: 'quote' } });
    expect(await page.locator('[data-vitrine-slot="banner"]').getAttribute('data-vitrine-variant')).toBe('quote');
    expect(await text(page, '[data-vitrine-slot="banner"] span')).toBe('“The best bookshop in town”');
    const panel = await page.locator('#vitrine-debug').evaluate((host) => host.shadowRoot!.textContent);
    expect(panel).toContain('banner');
    expect(panel).toContain('quote [forced]');
    // The edge lists the slot's variant ids; the panel offers them to force another one.
    const picker = page.locator('#vitrine-debug [data-slot="banner"] select');
    expect(await picker.locator('option').allTextContents()).toEqual(['default', 'control', 'quote']);
    expect(await picker.inputValue()).toBe('quote');
    await picker.selectOption('control');
    await page.locator('#vitrine-debug [data-slot="banner"] button').click();
    await expect.poll(() => page.locator('[data-vitrine-slot="banner"]').getAttribute('data-vitrine-variant')).toBe('control');
    expect(await text(page, '[data-vitrine-slot="banner"] span')).toBe('Free shipping from 30 €');
    await expect.poll(() => batches.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const events = batches.flatMap((b) => b.events);
    expect(events.map((e) => e.name)).toEqual(['page_view']);
    expect(events.every((e) => e.forced)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends one exposure per experiment per visitor, for the arm that was shown', async () => {
    // Counted where it matters, at the edge: the first page's exposure may leave by
    // sendBeacon while the page unloads, which the browser's own network log does not show.
    // Other tests expose other visitors on this site, so this one looks at the change.
    const arms = async () => {
      const res = await fetch(`${edge.url}/admin/sites/e2e/experiments/banner-test/report`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const report = (await res.json()) as { variants: { id: string; visitors: number }[] };
      return Object.fromEntries(report.variants.map((v) => [v.id, v.visitors])) as Record<string, number>;
    };
    const before = await arms();
    const added = async () => {
      const now = await arms();
      return { control: now.control - before.control, quote: now.quote - before.quote };
    };
    const { context, page } = await open();
    await ready(page);
    await page.evaluate((all) => vitrine('consent', all), ALL);
    await page.evaluate(() => vitrine('decide'));
    await page.reload();
    await ready(page);
    await page.evaluate(() => vitrine('decide'));
    const shown = (await page.locator('[data-vitrine-slot="banner"]').getAttribute('data-vitrine-variant')) as 'control' | 'quote';
    expect(['control', 'quote']).toContain(shown);
    await expect.poll(async () => (await added())[shown], { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(1500);
    expect(await added()).toEqual({ control: shown === 'control' ? 1 : 0, quote: shown === 'quote' ? 1 : 0 });
    await context.close();
  });

  it('keeps the defaults when the edge is down, with no uncaught error and at most one warning', async () => {
    await edge.stop();
    try {
      const context = await browser.newContext();
      // The script itself comes from the edge; with the edge down it is served from disk.
      await context.route('**/sdk.js', (route) => route.fulfill({ path: join(import.meta.dirname, '../dist/public/sdk.js') }));
      const page = await context.newPage();
      const errors: string[] = [];
      const warnings: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      const started = Date.now();
      await page.goto(pages.url);
      await ready(page);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await text(page, 'h1')).toBe('Default headline');
      await page.evaluate((all) => vitrine('consent', all), ALL);
      await page.evaluate(() => vitrine('track', 'view_item', { items: [{ item_id: 'b1' }] }));
      await page.evaluate(() => vitrine('decide'));
      expect(errors).toEqual([]);
      expect(warnings.length).toBeLessThanOrEqual(1);
      await context.close();
    } finally {
      await edge.restart();
    }
  });
});
