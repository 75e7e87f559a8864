// The demo shop's sign-in, personal codes and consent banner in real Chromium, set up as `npm start` sets
// them up: the config with the persona builder's personas, the builder's customers as
// traits, and the shop's own server (demo-shop/shop-server.mjs) holding the identity secret
// and a server key. Needs `npm run build` first (the SDK bundles the edge serves).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecideResponse } from '../shared/schema/decide.js';
import { buildShop } from '../demo-shop/build.mjs';
import { builderCustomersNdjson, builderPersonas, demoConfig } from '../demo-shop/builder-personas.mjs';
import { pickDemoCustomers, type DemoCustomer } from '../demo-shop/demo-customers.mjs';
import { startShopServer, type ShopServer } from '../demo-shop/shop-server.mjs';
import { ADMIN_TOKEN, launchBrowser, pushConfig, serveStatic, startEdge, type Edge, type StaticServer } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
/** The builder's own answer per customer id: what the page must end up showing. */
const BUILDER_PERSONA = new Map(
  builderCustomersNdjson()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { customer_id: string; persona: string })
    .map((c) => [c.customer_id, builderPersonas().find((p) => p.id === c.persona)!.name]),
);
const CUSTOMERS = pickDemoCustomers(builderCustomersNdjson(), builderPersonas());
const AT_RISK = CUSTOMERS.find((c) => ['at-risk', 'cant-lose-them'].includes(c.segment))!;
const LOYAL = CUSTOMERS.find((c) => ['loyal', 'champions'].includes(c.segment))!;

let edge: Edge;
let browser: Browser;
let shop: StaticServer;
let shopServer: ShopServer;
let shopDir: string;

async function admin(path: string, body: string, type = 'application/json') {
  const res = await fetch(`${edge.url}/admin/sites/demo-shop/${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': type },
    body,
  });
  if (!res.ok) throw new Error(`PUT ${path} answered ${res.status}: ${await res.text()}`);
}

beforeAll(async () => {
  shopDir = mkdtempSync(join(tmpdir(), 'vitrine-demo-'));
  [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  // The shop on its own origin (as in shop.test.ts), so the shop server's URL can be built in.
  shop = await serveStatic(shopDir);
  shopServer = await startShopServer({ edge: edge.url, origins: [shop.url], customers: CUSTOMERS });
  await buildShop({ outDir: shopDir, endpoint: edge.url, shopServer: shopServer.url });
  for (const file of ['sdk.js', 'sdk-debug.js']) copyFileSync(join(ROOT, 'dist/public', file), join(shopDir, file));
  await pushConfig(edge.url, { ...demoConfig(), origins: [edge.url, shop.url] });
  await admin('catalog', readFileSync(join(ROOT, 'demo-shop/catalog.json'), 'utf8'));
  await admin('traits', builderCustomersNdjson(), 'application/x-ndjson');
  await shopServer.provision(ADMIN_TOKEN);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await shop?.close();
  await shopServer?.stop();
  await edge?.dispose();
  if (shopDir) rmSync(shopDir, { recursive: true, force: true });
});

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;

const ready = (page: Page) => page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));
const decision = (page: Page) => page.evaluate(() => vitrine('decide')) as Promise<DecideResponse>;
const personaShown = (page: Page) => page.locator('[data-customer-persona]').innerText();
const heroCode = (page: Page) => page.locator('[data-vitrine-slot="hero"] [data-vitrine-field="code"]').innerText();

/**
 * A fresh browser profile that accepted every purpose. Records each decide body and every
 * request that carried an Authorization header (none may: keys stay on servers).
 */
async function visitor() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const decideBodies: string[] = [];
  const authorized: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (req) => {
    if (req.url().endsWith('/v1/decide')) decideBodies.push(req.postData() ?? '');
    if (req.headers().authorization) authorized.push(req.url());
  });
  await page.goto(`${shop.url}/`);
  await page.locator('[data-consent-banner]').getByRole('button', { name: 'Accept all' }).click();
  await ready(page);
  return { context, page, decideBodies, authorized, errors };
}

async function signIn(page: Page, customer: DemoCustomer) {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.demo-customer', { hasText: customer.name }).click();
  await expect.poll(() => page.locator('[data-customer-name]').innerText()).toBe(customer.name);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('demo sign-in: a signed identify shows the builder-made persona', () => {
  it("lists one customer per builder persona, and a signed-in customer sees their own persona from the edge", async () => {
    const { context, page, decideBodies, authorized, errors } = await visitor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.demo-customer').count()).toBe(builderPersonas().length);

    await page.locator('.demo-customer', { hasText: LOYAL.name }).click();
    // The persona beside the name is the edge's answer for this customer id.
    await expect.poll(() => personaShown(page)).toContain(BUILDER_PERSONA.get(LOYAL.id)!);
    const answer = await decision(page);
    expect(answer.identity).toMatchObject({ status: 'verified' });
    expect(answer.persona?.name).toBe(BUILDER_PERSONA.get(LOYAL.id));

    // The email and phone left the browser only as SHA-256 hashes of their normalised form.
    const identified = decideBodies.map((b) => JSON.parse(b)).filter((b) => b.identity);
    expect(identified.length).toBeGreaterThan(0);
    expect(identified[0].identity).toMatchObject({ customerId: LOYAL.id, emailSha256: sha256(LOYAL.email) });
    expect(identified[0].identity.phoneSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decideBodies.join('')).not.toContain(LOYAL.email);
    expect(decideBodies.join('')).not.toContain('@example.com');

    // The next page still knows the customer (the SDK kept the signed identify).
    await page.goto(`${shop.url}/category.html?c=thrillers`);
    await ready(page);
    await expect.poll(() => personaShown(page)).toContain(BUILDER_PERSONA.get(LOYAL.id)!);

    // Signing out drops the link: no persona from the uploaded history any more.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect((await decision(page)).persona).toBeNull();
    expect(authorized).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a signature made with another secret is ignored: no persona, the page still works', async () => {
    const { context, page } = await visitor();
    const expires = Math.floor(Date.now() / 1000) + 3600;
    await page.evaluate(({ id, expires }) => vitrine('identify', id, { signature: 'ab'.repeat(32), expires }), { id: LOYAL.id, expires });
    const answer = await decision(page);
    expect(answer.identity).toMatchObject({ status: 'invalid' });
    expect(answer.persona).toBeNull();
    await context.close();
  });
});

describe('personal codes: shown to at-risk customers, redeemed once at checkout', () => {
  it('an at-risk customer sees a code in the hero; a loyal one sees none', async () => {
    const loyal = await visitor();
    await signIn(loyal.page, LOYAL);
    await expect.poll(() => personaShown(loyal.page)).toContain(LOYAL.persona.name);
    expect((await decision(loyal.page)).slots.hero.content?.code ?? '').toBe('');
    expect(await heroCode(loyal.page)).toBe('');
    await loyal.context.close();

    const atRisk = await visitor();
    await signIn(atRisk.page, AT_RISK);
    await expect.poll(() => heroCode(atRisk.page)).toMatch(/^WB-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await atRisk.page.locator('[data-vitrine-slot="hero"]').getAttribute('data-vitrine-variant')).toBe('win-back-code');
    await atRisk.context.close();
  });

  it('redeems the code once at checkout: valid with 15 % off, then already used; a made-up code is unknown', async () => {
    const { context, page, authorized, errors } = await visitor();
    await signIn(page, AT_RISK);
    await expect.poll(() => heroCode(page)).toMatch(/^WB-/);
    const code = await heroCode(page);

    // €68 of goods: free shipping, 15 % off is €10.20.
    await page.evaluate(() => localStorage.setItem('kk-cart', JSON.stringify([{ id: 'knitted-beanie', qty: 1 }, { id: 'braided-leather-belt', qty: 1 }])));
    await page.goto(`${shop.url}/checkout.html`);
    await ready(page);
    const status = page.locator('[data-code-status]');
    const redeem = async (text: string) => {
      await page.getByLabel('Discount code').fill(text);
      await page.getByRole('button', { name: 'Redeem' }).click();
      await expect.poll(() => status.getAttribute('data-status')).not.toBeNull();
      const said = { status: await status.getAttribute('data-status'), text: await status.innerText() };
      await status.evaluate((el) => el.removeAttribute('data-status'));
      return said;
    };

    expect(await redeem(code)).toEqual({ status: 'valid', text: 'Code accepted: 15% off this order (−€10.20).' });
    expect(await page.locator('[data-discount]').innerText()).toBe('−€10.20');
    expect(await page.locator('[data-total]').first().innerText()).toBe('€57.80');
    expect(await page.getByRole('button', { name: /^Pay/ }).innerText()).toBe('Pay €57.80');

    expect(await redeem(code)).toEqual({ status: 'already used', text: 'This code has already been used.' });
    // Typed in lowercase it is the same code, and still used.
    expect((await redeem(code.toLowerCase())).status).toBe('already used');
    expect(await redeem('WB-0000-0000-0000-0000')).toEqual({ status: 'unknown', text: 'We do not know this code: check it for typos.' });
    // The browser never held a key: only the shop's server talked to the edge's server API.
    expect(authorized).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('consent banner: each purpose on its own, GPC keeps ads off', () => {
  const PURPOSES = ['analytics', 'personalization', 'ads', 'email'] as const;

  async function chooser(options: { gpc: boolean }) {
    const context = await browser.newContext();
    // What a browser with Global Privacy Control on exposes to pages.
    if (options.gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const page = await context.newPage();
    await page.goto(`${shop.url}/`);
    const banner = page.locator('[data-consent-banner]');
    await banner.getByRole('button', { name: 'Choose…' }).click();
    return { context, page, banner };
  }
  const sdkConsent = (page: Page) => page.evaluate(() => new Promise((resolve) => vitrine('on', 'consent', resolve)));

  it.each([
    // boxes ticked, what the SDK then holds
    [['analytics'], { analytics: true, personalization: false, ads: false, email: false }],
    [['personalization', 'email'], { analytics: false, personalization: true, ads: false, email: true }],
    [['ads'], { analytics: false, personalization: false, ads: true, email: false }],
    [[...PURPOSES], { analytics: true, personalization: true, ads: true, email: true }],
  ])('ticking %j stores exactly that choice', async (ticked, held) => {
    const { context, page, banner } = await chooser({ gpc: false });
    expect(await banner.getByText('Global Privacy Control').first().innerText()).toContain('ads stay off');
    for (const purpose of PURPOSES) if ((ticked as string[]).includes(purpose)) await page.locator(`input[name=${purpose}]`).check();
    await banner.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => banner.isHidden()).toBe(true);
    expect(await sdkConsent(page)).toEqual(held);
    await context.close();
  });

  it('with GPC on, the ads box is off and greyed with a note; accept all still leaves ads off', async () => {
    const { context, page, banner } = await chooser({ gpc: true });
    expect(await page.locator('input[name=ads]').isDisabled()).toBe(true);
    expect(await page.locator('[data-consent-gpc]').isVisible()).toBe(true);
    await banner.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => banner.isHidden()).toBe(true);
    expect(await sdkConsent(page)).toEqual({ analytics: true, personalization: true, ads: false, email: true });
    await context.close();
  });
});
