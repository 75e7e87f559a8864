// Forget is delivered at least once: in real Chromium against the Worker, with the edge
// stopped while the visitor asks to be forgotten. Needs `npm run build` first.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pushConfig, serveStatic, startEdge, type Edge, type StaticServer } from './harness.js';

let edge: Edge;
let pages: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  pages = await serveStatic(join(import.meta.dirname, 'pages'), { EDGE: edge.url });
  await pushConfig(edge.url, { site: 'e2e', origins: [pages.url], slots: { hero: { default: { headline: 'Welcome' } } } });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await edge?.dispose();
});

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;

describe('forget in Chromium', () => {
  it('with the edge down: the browser is wiped at once, the visitor id alone is kept, and the next page load delivers it', async () => {
    const context = await browser.newContext();
    // The script comes from the edge; while it is down, from disk.
    await context.route('**/sdk.js', (route) => route.fulfill({ path: join(import.meta.dirname, '../dist/public/sdk.js') }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pages.url);
    await page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));
    await page.evaluate(() => vitrine('consent', { analytics: true, personalization: true }));
    const [{ value: id }] = await context.cookies();
    const visitor = id.split('.')[0];

    await edge.stop();
    try {
      expect(await page.evaluate(() => vitrine('forget'))).toBe(false);
      expect(await context.cookies()).toEqual([expect.objectContaining({ name: 'vitrine_forget', value: visitor })]);
      expect(await page.evaluate(() => indexedDB.databases())).toEqual([]);
    } finally {
      await edge.restart();
    }

    const forgot = page.waitForResponse((r) => r.url().endsWith('/v1/forget'));
    await page.reload();
    const res = await forgot;
    expect(res.status()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ site: 'e2e', visitor });
    await expect.poll(() => context.cookies()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
