// The demo shop's journeys in real Chromium against the Worker in workerd: what a visitor
// sees for each choice and history. Needs `npm run build` first (dist/public holds the shop
// and the SDK). Screenshots of every journey land in screenshots/ (git-ignored).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../shared/schema/catalog.js';
import type { DecideResponse } from '../shared/schema/decide.js';
import { buildShop } from '../demo-shop/build.mjs';
import { demoConfig } from '../demo-shop/builder-personas.mjs';
import { ADMIN_TOKEN, launchBrowser, pushConfig, serveStatic, startEdge, type Edge, type StaticServer } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'screenshots');
/** What `npm start` pushes: the demo config with the persona builder's personas. */
const CONFIG = demoConfig();
const CATALOG: Product[] = JSON.parse(readFileSync(join(ROOT, 'demo-shop/catalog.json'), 'utf8'));
const HERO = CONFIG.slots.hero;
const MINUTE = 60_000;

let edge: Edge;
let browser: Browser;
/** The same shop on its own origin, talking to the edge across origins (for the edge-down journey). */
let elsewhere: StaticServer;
let elsewhereDir: string;

beforeAll(async () => {
  elsewhereDir = mkdtempSync(join(tmpdir(), 'vitrine-shop-'));
  [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  await buildShop({ outDir: elsewhereDir, endpoint: edge.url });
  for (const file of ['sdk.js', 'sdk-debug.js']) copyFileSync(join(ROOT, 'dist/public', file), join(elsewhereDir, file));
  elsewhere = await serveStatic(elsewhereDir);
  await pushConfig(edge.url, { ...CONFIG, origins: [edge.url, elsewhere.url] });
  const catalog = await fetch(`${edge.url}/admin/sites/demo-shop/catalog`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: readFileSync(join(ROOT, 'demo-shop/catalog.json')),
  });
  if (!catalog.ok) throw new Error(`catalog upload answered ${catalog.status}: ${await catalog.text()}`);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await elsewhere?.close();
  await edge?.dispose();
  if (elsewhereDir) rmSync(elsewhereDir, { recursive: true, force: true });
});

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;

/** A fresh browser profile; records uncaught errors and Vitrine's console warnings. */
async function visitor(options: { clockAt?: number } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (options.clockAt) await page.clock.install({ time: options.clockAt });
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'warning' && m.text().includes('[vitrine]') && warnings.push(m.text()));
  return { context, page, errors, warnings };
}

const ready = (page: Page) => page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));

/** Opens a shop page and waits until the SDK has decided (and so recorded what the page tracked). */
async function go(page: Page, path: string, base = edge.url, referer?: string) {
  await page.goto(base + path, { referer });
  await ready(page);
}

/** A new decision for the current page, as the debug panel would show it. */
const decision = (page: Page) => page.evaluate(() => vitrine('decide')) as Promise<DecideResponse>;

const variantOf = (page: Page, slot: string) => page.locator(`[data-vitrine-slot="${slot}"]`).getAttribute('data-vitrine-variant');
const textOf = (page: Page, selector: string) => page.locator(selector).first().innerText();
/** The product ids the edge's decision put into the product page's also-bought slot. */
const alsoBought = (page: Page) =>
  page.locator('[data-vitrine-slot="also-bought"] [data-vitrine-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-vitrine-item')));
const recommendedIds = (page: Page) =>
  page.locator('[data-vitrine-slot="recommended"] [data-vitrine-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-vitrine-item')));
const heroHeadline = (page: Page) => textOf(page, '[data-vitrine-slot="hero"] [data-vitrine-field="headline"]');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function consent(page: Page, choice: 'Accept all' | 'Reject') {
  const banner = page.locator('[data-consent-banner]');
  await banner.getByRole('button', { name: choice }).click();
  await expect.poll(() => banner.isHidden()).toBe(true);
  await ready(page);
}

async function buy(page: Page, productId: string, base = edge.url) {
  await go(page, `/product.html?id=${productId}`, base);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await go(page, '/cart.html', base);
  await page.getByRole('link', { name: 'Checkout' }).click();
  // The Worker's asset server drops ".html" from page URLs.
  await page.waitForURL((url) => url.pathname.startsWith('/checkout'));
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect.poll(() => page.locator('[data-confirmation]').isVisible()).toBe(true);
}

describe('the demo shop in Chromium', () => {
  it('reject consent → generic content, and nothing stored by Vitrine', async () => {
    const { context, page, errors } = await visitor();
    await go(page, '/');
    await consent(page, 'Reject');
    await go(page, '/product.html?id=the-quiet-witness');
    await go(page, '/');
    expect(await variantOf(page, 'hero')).toBe('default');
    expect(await heroHeadline(page)).toBe(HERO.default.headline);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(errors).toEqual([]);
    await shot(page, '1-reject-generic');
    await context.close();
  });

  it('accept → three thrillers viewed → the home hero switches to the thriller story', async () => {
    const { context, page, errors } = await visitor();
    await go(page, '/');
    await consent(page, 'Accept all');
    expect(await heroHeadline(page)).not.toBe(HERO.variants.find((v: { id: string }) => v.id === 'thrillers').content.headline);
    // Each product page names its product; "also bought" starts from it and never offers it.
    let recommended: string[] = [];
    for (const id of ['the-salt-house', 'blackwater-lane', 'deadline-amsterdam']) {
      await go(page, `/product.html?id=${id}`);
      recommended = (await alsoBought(page)) as string[];
      expect(recommended).toHaveLength(4);
      expect(recommended).not.toContain(id);
    }
    // A product just recommended elsewhere is not recommended on its own page either.
    await go(page, `/product.html?id=${recommended[0]}`);
    expect(await alsoBought(page)).toHaveLength(4);
    expect(await alsoBought(page)).not.toContain(recommended[0]);
    await go(page, '/');
    // Thriller lovers are in the hero experiment: the control arm shows the thrillers variant, the other reviewer quotes.
    const arm = await variantOf(page, 'hero');
    const thrillers = HERO.variants.find((v: { id: string }) => v.id === 'thrillers');
    const expected = arm === 'quotes' ? CONFIG.experiments[0].variants[1].content.headline : thrillers.content.headline;
    expect(['control', 'quotes']).toContain(arm);
    expect(await heroHeadline(page)).toBe(expected);
    expect((await decision(page)).segments).toContain('thriller-lovers');
    expect(await textOf(page, '[data-vitrine-slot="recommended"] h2')).toBe(CONFIG.slots.recommended.variants[0].content.headline);
    // By category affinity, at most two per category: two thrillers first (what thriller
    // buyers also buy follows once the edge has learned it from purchases).
    const picks = (await decision(page)).slots.recommended.items!;
    expect(picks.slice(0, 2).map((p) => [p.category, p.reason])).toEqual([['thrillers', 'category-affinity'], ['thrillers', 'category-affinity']]);
    expect(await recommendedIds(page)).toEqual(picks.map((p) => p.id));
    expect(errors).toEqual([]);
    await shot(page, `2-thriller-lover-${arm}`);
    await context.close();
  });

  it("the seeds' dress: views the €99.50 dress, M sold out, buys the €49.50 dress in M → traded down, shown only dresses in stock in M", async () => {
    const { context, page, errors } = await visitor();
    const product = (id: string) => CATALOG.find((p) => p.id === id)!;
    const stockInM = (id: string) => product(id).variants?.find((v) => v.size === 'M')?.stock;
    expect([product('nora-knit-dress').price, stockInM('nora-knit-dress')]).toEqual([99.5, 0]);
    expect(product('sofie-jersey-t-shirt-dress').price).toBe(49.5);
    await go(page, '/');
    await consent(page, 'Accept all');

    // She looks at the €99.50 knit dress; M is sold out.
    await go(page, '/product.html?id=nora-knit-dress');
    await page.locator('label.size', { hasText: /^M$/ }).click();
    await expect.poll(() => textOf(page, '[data-size-note]')).toContain('Size M is sold out');
    await shot(page, '8a-dress-m-sold-out');

    // She buys the €49.50 jersey dress in M instead.
    await go(page, '/product.html?id=sofie-jersey-t-shirt-dress');
    await page.locator('label.size', { hasText: /^M$/ }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await go(page, '/cart.html');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/checkout'));
    expect(await textOf(page, '[data-summary-lines]')).toContain('(M) — €49.50');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await expect.poll(() => page.locator('[data-confirmation]').isVisible()).toBe(true);

    await go(page, '/');
    const d = await decision(page);
    expect(d.segments).toEqual(expect.arrayContaining(['dress-traded-down', 'premium-dress-browsers']));
    expect(await variantOf(page, 'hero')).toBe('dress-in-your-size');
    expect(await heroHeadline(page)).toBe('More dresses in size M');
    // Recommended: dresses in stock in M (never the €99.50 one she could not have, nor any
    // other sold out in M), the one she bought left out.
    const picks = d.slots.recommended.items!;
    expect(picks).toHaveLength(4);
    const dresses = picks.filter((p) => p.category === 'dresses').map((p) => p.id);
    expect(dresses.length).toBeGreaterThan(0);
    expect(picks.filter((p) => product(p.id).variants && !(stockInM(p.id)! > 0))).toEqual([]);
    expect(dresses).not.toContain('sofie-jersey-t-shirt-dress');
    expect(await recommendedIds(page)).toEqual(picks.map((p) => p.id));
    expect(errors).toEqual([]);
    await shot(page, '8b-traded-down-in-size');
    await context.close();
  });

  it('a purchase moves the visitor to another RFM cell on the next decide (at-risk → champions)', async () => {
    const { context, page, errors } = await visitor();
    await go(page, '/tester.html');
    await consent(page, 'Accept all');
    await page.locator('[data-persona="at-risk"]').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/');
    await ready(page);
    const before = await decision(page);
    expect(before.rfm).toMatchObject({ segment: 'at-risk', f: 4 });
    expect(await variantOf(page, 'hero')).toBe('win-back');
    await shot(page, '3a-at-risk-win-back');

    await buy(page, 'the-salt-house');
    await shot(page, '3b-purchase-confirmation');
    await go(page, '/');
    const after = await decision(page);
    expect(after.rfm).toMatchObject({ segment: 'champions', r: 5, f: 4, recencyDays: 0 });
    expect(await variantOf(page, 'hero')).toBe('champions');
    expect(errors).toEqual([]);
    await shot(page, '3c-champion-after-purchase');
    await context.close();
  });

  // The edge judges abandonment by its own clock, so the browser's clock is set back to
  // when the visitor filled the cart, then forward to now for the return visit.
  it.each([
    [20, 'default'],
    [40, 'cart-reminder'],
  ])('cart filled %i minutes ago (threshold 30) → banner on return: %s', async (minutesAgo, banner) => {
    const { context, page, errors } = await visitor({ clockAt: Date.now() - minutesAgo * MINUTE });
    await go(page, '/product.html?id=deadline-amsterdam');
    await consent(page, 'Accept all');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await ready(page);
    await page.clock.setSystemTime(Date.now());
    await go(page, '/');
    expect(await variantOf(page, 'banner')).toBe(banner);
    if (banner === 'cart-reminder') {
      expect(await textOf(page, '.banner')).toContain('The €18.50 of books and clothes in your cart is still waiting');
      await shot(page, '4-cart-reminder');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn', undefined, 'from-email', 'LETTER10'],
    ['/?utm_source=google&utm_medium=cpc', undefined, 'from-ads', 'New here?'],
    ['/', 'https://www.google.com/', 'from-search', 'Our booksellers review every thriller'],
  ])('landing on %s (referrer %s) without any consent → banner %s', async (path, referer, variant, copy) => {
    const { context, page, errors } = await visitor();
    await go(page, path, edge.url, referer);
    expect(await variantOf(page, 'banner')).toBe(variant);
    expect(await textOf(page, '.banner')).toContain(copy);
    expect(errors).toEqual([]);
    if (variant === 'from-email') await shot(page, '5-email-landing');
    await context.close();
  });

  it('forces a variant from the URL and shows it in the debug panel', async () => {
    const { context, page, errors } = await visitor();
    await go(page, '/?vitrine_force=hero:win-back&vitrine_debug=1');
    expect(await variantOf(page, 'hero')).toBe('win-back');
    expect(await heroHeadline(page)).toBe(HERO.variants.find((v: { id: string }) => v.id === 'win-back').content.headline);
    const panel = page.locator('#vitrine-debug');
    await expect.poll(() => panel.locator('[data-slot="hero"]').innerText()).toContain('[forced]');
    expect(errors).toEqual([]);
    await shot(page, '6-forced-win-back-debug');
    await context.close();
  });

  it("the tester's weather preview: rain shows the rainy-day banner with a rainy temperature, clear does not", async () => {
    const { context, page, errors } = await visitor();
    await go(page, '/tester.html');
    await page.locator('[data-weather-links]').getByRole('link', { name: 'rain' }).click();
    await page.waitForURL(/vitrine_force=@weather:rain/);
    await ready(page);
    expect(await variantOf(page, 'banner')).toBe('rainy-day');
    expect(await textOf(page, '[data-vitrine-slot="banner"]')).toContain('Rainy out there (12 °C)?');
    await go(page, '/?vitrine_force=@weather:clear');
    expect(await variantOf(page, 'banner')).not.toBe('rainy-day');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edge stopped → the shop still works with its own content: browse, consent, add to cart, pay', async () => {
    await edge.stop();
    const { context, page, errors, warnings } = await visitor();
    const pages = ['/', '/category.html?c=dresses', '/product.html?id=marloes-linen-wrap-dress', '/checkout.html'];
    await go(page, pages[0], elsewhere.url);
    await consent(page, 'Accept all');
    expect(await heroHeadline(page)).toBe(HERO.default.headline);
    expect(await page.locator('[data-vitrine-slot="recommended"] .card').count()).toBe(4);
    await go(page, pages[1], elsewhere.url);
    expect(await page.locator('[data-grid] .card').count()).toBe(12);
    await go(page, pages[2], elsewhere.url);
    await page.getByText('S', { exact: true }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    expect(await textOf(page, '[data-cart-count]')).toBe('1');
    await shot(page, '7a-edge-down-product');
    await go(page, pages[3], elsewhere.url);
    await page.getByRole('button', { name: 'Pay €129.00' }).click();
    expect(await page.locator('[data-confirmation]').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    // At most one warning per page: the page is never told twice that Vitrine is away.
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBeLessThanOrEqual(pages.length);
    await shot(page, '7b-edge-down-paid');
    await context.close();
  });
});
