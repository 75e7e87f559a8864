// The variant tester's audience view in real Chromium against the Worker in workerd (local
// development mode): a customer identified with a signed identify and ads consent, in the
// thriller segment, is listed under the demo's ads audience with why. Needs `npm run build`.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, launchBrowser, pushConfig, startEdge, type Edge } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = JSON.parse(readFileSync(join(ROOT, 'demo-shop/vitrine.config.json'), 'utf8'));
const SECRET = 'tester-audiences-identity-secret-0123456789';
/** Markup in an id shows as text, never as markup. */
const CUSTOMER = 'reader-<b>7</b>';

let edge: Edge;
let browser: Browser;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startEdge({ vars: { VITRINE_DEV: '1' } }), launchBrowser()]);
  await pushConfig(edge.url, { ...CONFIG, origins: [edge.url] });
  const res = await fetch(`${edge.url}/admin/sites/${CONFIG.site}/identity-secret`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ secret: SECRET }),
  });
  expect(res.status).toBe(204);
});

afterAll(async () => {
  await browser?.close();
  await edge?.dispose();
});

async function signedVisit(customer: string, consent: Record<string, boolean>) {
  const expires = Math.floor(Date.now() / 1000) + 3600;
  const signature = createHmac('sha256', SECRET).update(`${CONFIG.site}:${customer}:${expires}`).digest('hex');
  const res = await fetch(`${edge.url}/v1/decide`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      site: CONFIG.site,
      visitor: `tester-visitor-${customer.length}`,
      consent,
      context: { url: `${edge.url}/` },
      profile: { categories: { thrillers: { views: 4 } } },
      identity: { customerId: customer, expires, signature },
    }),
  });
  expect(res.status).toBe(200);
}

it('lists the signed-in thriller reader under the ads audience, with the segment and when ads consent was given', async () => {
  await signedVisit(CUSTOMER, { analytics: true, personalization: true, ads: true });
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${edge.url}/tester.html`);
  // The banner first, as a developer would answer it: the audience view needs no consent of theirs.
  await page.locator('[data-consent-banner]').getByRole('button', { name: 'Reject' }).click({ timeout: 5000 });
  const ads = page.locator('[data-audience="thriller-readers-ads"]');
  // The edge takes the membership in the background: ask again until it is there.
  await expect
    .poll(async () => {
      await page.click('[data-show-audiences]', { timeout: 2000 });
      return ads.locator('li').first().innerText({ timeout: 1000 }).catch(() => '');
    }, { timeout: 15_000 })
    .toContain(CUSTOMER);
  const line = await ads.locator('li').first().innerText();
  expect(line).toMatch(/in “thriller-lovers” \+ ads consent given at .+; member since/);
  expect(await ads.locator('b').count()).toBe(0);
  expect(await page.locator('[data-audience="win-back-mail"] li').innerText()).toMatch(/^No one yet/);
});
