// The SDK in Chromium on static pages, with the edge played by request routes (no Worker
// needed): a page that carries the proxy's decision, and the debug panel on a fixture.
// Needs `npm run build` (or `node sdk/build.mjs`) first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serveStatic, type StaticServer } from './harness.js';

const EDGE = 'http://edge.vitrine.test';
const DIST = join(import.meta.dirname, '../dist/public');

let pages: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [pages, browser] = await Promise.all([serveStatic(join(import.meta.dirname, 'pages'), { EDGE }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;

/** A browser profile whose "edge" serves the built SDK and records what the SDK asks of it. */
async function withEdge(decide: () => unknown = () => ({ error: 'not expected' })) {
  const context: BrowserContext = await browser.newContext();
  const calls: { path: string; body: any }[] = [];
  await context.route(`${EDGE}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('.js')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(DIST, url.pathname)) });
    calls.push({ path: url.pathname, body: route.request().postDataJSON() });
    const body = url.pathname === '/v1/decide' ? decide() : { accepted: 1 };
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify(body), headers: { 'access-control-allow-origin': '*' } });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, calls, errors };
}

describe('a page the proxy served with its decision', () => {
  it('is used as it is: no /v1/decide request, the listeners hear it, one exposure goes with its token', async () => {
    const { context, page, calls, errors } = await withEdge();
    // Queued before the snippet's init, as a shop's own script would.
    await page.addInitScript(() => {
      const w = window as unknown as { vitrine: { (...a: unknown[]): void; q?: unknown[] }; heard: string[] };
      w.heard = [];
      w.vitrine = function () {
        (w.vitrine.q = w.vitrine.q || []).push(arguments);
      };
      w.vitrine('on', 'decision', (d: { configVersion: string }) => w.heard.push(d.configVersion));
      w.vitrine('consent', { analytics: true, personalization: true });
    });
    await page.goto(`${pages.url}/injected.html`);
    await page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['v7']);
    expect(await page.locator('h1').textContent()).toBe('New thrillers for you </script>');
    await expect.poll(() => calls.filter((c) => c.path === '/v1/collect').flatMap((c) => c.body.events).filter((e: { name: string }) => e.name === 'exposure'), { timeout: 10_000 }).toEqual([
      expect.objectContaining({ experiment: 'banner-test', variant: 'quote', token: 'signed-banner-quote' }),
    ]);
    expect(calls.filter((c) => c.path === '/v1/decide')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a page without it asks the edge as before', async () => {
    const { context, page, calls } = await withEdge(() => ({
      configVersion: 'v7',
      segments: [],
      persona: null,
      rfm: null,
      context: { country: null, region: null, city: null, device: 'desktop', source: 'direct' },
      slots: { hero: { variant: 'default', content: { headline: 'Asked for' } } },
      experiments: [],
    }));
    await page.goto(pages.url);
    await page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));
    expect(calls.filter((c) => c.path === '/v1/decide')).toHaveLength(1);
    expect(await page.locator('h1').textContent()).toBe('Asked for');
    await context.close();
  });
});

/** A decide answer with `debug`, as the edge's one pipeline explains itself. */
const DEBUG_DECISION = {
  configVersion: 'v7',
  segments: ['thriller-lovers'],
  persona: { id: 'bookworm', name: 'Bookworm' },
  rfm: { recencyDays: 80, frequency: 4, monetary: 161.5, r: 2, f: 4, m: 3, segment: 'at-risk', clv: 210 },
  context: { country: 'NL', region: null, city: 'Amsterdam', device: 'desktop', source: 'email' },
  slots: {
    hero: { variant: 'thrillers', content: { headline: 'New thrillers for you' } },
    banner: { variant: 'quote', experiment: 'banner-test', content: { headline: 'A quote' } },
  },
  experiments: [{ id: 'banner-test', variant: 'quote', slot: 'banner', token: 't' }],
  debug: {
    variants: { hero: ['default', 'win-back', 'thrillers'], banner: ['default', 'control', 'quote'] },
    context: { country: 'NL', city: 'Amsterdam', device: 'desktop', source: 'email', currency: 'EUR', weekday: 'tuesday' },
    segments: [
      { id: 'thriller-lovers', name: 'Thriller lovers', matched: true },
      { id: 'champions', matched: false, why: { path: 'rfm.recencyDays', operator: '$lt', expected: 60, actual: 80, message: 'rfm.recencyDays is 80, rule wants $lt 60' } },
    ],
    personas: [{ id: 'bookworm', name: 'Bookworm', matched: true }],
    slots: {
      hero: {
        reason: 'variant',
        variant: 'thrillers',
        tried: [{ variant: 'win-back', why: { path: 'segments', operator: '$in', expected: ['at-risk-customers'], actual: ['thriller-lovers'], message: 'segments is ["thriller-lovers"], rule wants $in ["at-risk-customers"]' } }],
      },
      banner: { reason: 'experiment', variant: 'quote', experiment: { id: 'banner-test', inAudience: true, inTraffic: true, arm: 'quote' } },
    },
  },
};

describe('the debug panel', () => {
  it('opens lazily, explains the decision in words, moves and closes', async () => {
    const { context, page, errors } = await withEdge(() => DEBUG_DECISION);
    await page.addInitScript(() => {
      const w = window as unknown as { vitrine: { (...a: unknown[]): void; q?: unknown[] } };
      w.vitrine = function () {
        (w.vitrine.q = w.vitrine.q || []).push(arguments);
      };
      w.vitrine('consent', { analytics: true, personalization: true });
      w.vitrine('track', 'purchase', { transaction_id: 'o1', currency: 'EUR', value: 38.5 });
    });
    await page.goto(`${pages.url}/?vitrine_debug=1`);
    const panel = page.locator('#vitrine-debug');
    await panel.waitFor();
    // Asked again (a first decide may time out on a busy machine): the panel follows each decision.
    await page.evaluate(() => vitrine('decide'));
    const text = (await panel.evaluate((h) => h.shadowRoot!.textContent))!;
    // Segments: matched or not, with the failing condition.
    expect(text).toContain('✓ Thriller lovers (thriller-lovers)');
    expect(text).toContain('✗ champions');
    expect(text).toContain('rfm.recencyDays is 80, rule wants $lt 60');
    // Slots: why this variant.
    expect(text).toContain('first matching variant');
    expect(text).toContain('segments is ["thriller-lovers"], rule wants $in ["at-risk-customers"]');
    expect(text).toContain('experiment banner-test: in its audience, in its traffic, arm quote');
    // The context the edge used, consent in words, dates as dates, money with its currency.
    expect(text).toContain('weekday');
    expect(text).toMatch(/analyticsgranted.*adsdenied/);
    expect(text).toContain('€38.50');
    expect(text).toMatch(/first seen\d{1,2}\/\d{1,2}\/\d{4}/);
    await page.screenshot({ path: join(import.meta.dirname, '../dist/debug-panel.png') });

    const before = (await panel.boundingBox())!;
    const header = page.getByText('Vitrine debug');
    const grip = (await header.boundingBox())!;
    await page.mouse.move(grip.x + 10, grip.y + 5);
    await page.mouse.down();
    await page.mouse.move(grip.x - 190, grip.y - 95, { steps: 5 });
    await page.mouse.up();
    const after = (await panel.boundingBox())!;
    expect(Math.round(before.x - after.x)).toBe(200);
    expect(Math.round(before.y - after.y)).toBe(100);

    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
