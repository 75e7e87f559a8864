// The seeds' three timed plans in the demo shop, end to end: Chromium loads personas in
// the variant tester, the Worker (wrangler dev, local development) schedules and fires
// their journeys, and the demo's mail outbox verifies and shows the mails. Needs
// `npm run build` first.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutbox, type Outbox } from '../demo-shop/outbox.mjs';
import { ADMIN_TOKEN, launchBrowser, pushConfig, startEdge, type Edge } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = JSON.parse(readFileSync(join(ROOT, 'demo-shop/vitrine.config.json'), 'utf8'));
const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

let edge: Edge;
let browser: Browser;
let outbox: Outbox;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startEdge({ vars: { VITRINE_DEV: '1' } }), launchBrowser()]);
  outbox = await startOutbox({ shopBase: edge.url });
  const hook = await fetch(`${edge.url}/admin/sites/demo-shop/webhooks/outbox`, { method: 'PUT', headers: admin, body: JSON.stringify({ url: outbox.hookUrl }) });
  outbox.setSecret(((await hook.json()) as { secret: string }).secret);
  await pushConfig(edge.url, { ...CONFIG, origins: [edge.url] });
  const catalog = await fetch(`${edge.url}/admin/sites/demo-shop/catalog`, { method: 'PUT', headers: admin, body: readFileSync(join(ROOT, 'demo-shop/catalog.json')) });
  expect(catalog.ok).toBe(true);
});

afterAll(async () => {
  await browser?.close();
  await outbox?.stop();
  await edge?.dispose();
});

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;
const ready = (page: Page) => page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));

/** Loads a persona in the tester (consent given there) and lands on its page. */
async function loadPersona(page: Page, persona: string): Promise<string> {
  await page.goto(`${edge.url}/tester.html`, { waitUntil: 'domcontentloaded' });
  await ready(page);
  const banner = page.locator('[data-consent-banner]');
  if (await banner.isVisible()) await banner.getByRole('button', { name: 'Accept all' }).click();
  await page.locator(`[data-persona="${persona}"]`).getByRole('button').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/tester'));
  await ready(page);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'vitrine_id');
  return cookie!.value.split('.')[0];
}

/** The mails one visitor got, by journey, once `journeys` all arrived. */
async function mailsFor(visitor: string, journeys: string[]) {
  let mails: Record<string, any> = {};
  await expect
    .poll(
      () => {
        mails = Object.fromEntries(outbox.messages().filter((m) => m.visitor === visitor).map((m) => [m.journey, m]));
        return journeys.filter((j) => mails[j]).sort();
      },
      { timeout: 30_000, interval: 250 },
    )
    .toEqual([...journeys].sort());
  return mails;
}

describe("the seeds' plans in the demo shop", () => {
  it('a cart left two hours ago gets the cart reminder, with products, in the outbox', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const visitor = await loadPersona(page, 'cart-abandoner');
    const { 'cart-reminder': mail } = await mailsFor(visitor, ['cart-reminder']);
    expect(mail.data.subject).toBe('Your 2 items are still in your cart');
    expect(mail.data.picks.length).toBeGreaterThan(0);
    const html = await (await fetch(outbox.url)).text();
    expect(html).toContain('Your 2 items are still in your cart');
    await context.close();
  });

  it('an at-risk regular gets "we miss you" and, being at risk at 75 days, free shipping this week', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const visitor = await loadPersona(page, 'at-risk');
    const mails = await mailsFor(visitor, ['we-miss-you', 'free-shipping-week']);
    expect(mails['free-shipping-week'].profile).toEqual({ segments: expect.arrayContaining(['at-risk-customers']) });
    expect(mails['we-miss-you'].data.picks.length).toBeGreaterThan(0);
    await context.close();
  });

  it('fast-forward brings a recent buyer\'s "we miss you" forward; free shipping is not for them', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const visitor = await loadPersona(page, 'dress-traded-down');
    await page.goto(`${edge.url}/tester.html`, { waitUntil: 'domcontentloaded' });
    await ready(page);
    await page.getByRole('button', { name: 'Fast-forward my journeys' }).click();
    await expect.poll(() => page.locator('[data-tester-status]').innerText()).toMatch(/^2 journey runs fast-forwarded/);
    await mailsFor(visitor, ['we-miss-you']);
    // Decided as at day 75: one order long ago is "hibernating", not at risk, so no free shipping.
    await new Promise((r) => setTimeout(r, 3000));
    expect(outbox.messages().filter((m) => m.visitor === visitor).map((m) => m.journey)).toEqual(['we-miss-you']);
    await context.close();
  });
});
