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
