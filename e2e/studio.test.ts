// Vitrine Studio in real Chromium against the Worker in workerd: sign-in, editing with the
// server's problems, preview, publish, a stale publish, rollback, reports and shared links,
// CSRF, and the marketer's whole walk from headline to shop and back. Needs `npm run build`.
// Screenshots of each screen land in screenshots/ (git-ignored); UPDATE_DOCS=1 also writes
// docs/studio.png, the README's picture.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoConfig as builderMerged } from '../demo-shop/builder-personas.mjs';
import { findPersona, personaEvents } from '../demo-shop/src/personas.js';
import { personaRequest } from '../studio/src/visitors.js';
import { ADMIN_TOKEN, launchBrowser, serveStatic, startEdge, type Edge } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'screenshots');
const SITE = 'demo-shop';
/** What `npm start` publishes: the demo config with the persona builder's personas. */
const CONFIG = builderMerged();
const THRILLERS = CONFIG.slots.hero.variants.find((v: { id: string }) => v.id === 'thrillers');
const OLD_HEADLINE: string = THRILLERS.content.headline;
const NEW_HEADLINE = 'One more chapter, then the lights go out';
const BEARER = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

let edge: Edge;
let browser: Browser;
const contexts: BrowserContext[] = [];

const admin = (path: string, init: RequestInit = {}) => fetch(`${edge.url}/admin/sites/${SITE}${path}`, { ...init, headers: { ...BEARER, ...init.headers } });
const served = async () => (await (await admin('/config')).json()) as any;
const servedHeadline = async () => (await served()).slots.hero.variants.find((v: { id: string }) => v.id === 'thrillers').content.headline;
/** A version as a script would publish it (the token: "who" is "token"). */
async function publishByScript(config: unknown, message: string): Promise<string> {
  const res = await admin(`/config?message=${encodeURIComponent(message)}`, { method: 'PUT', body: JSON.stringify(config) });
  if (!res.ok) throw new Error(`publish answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { version: string }).version;
}
/** The demo config on this edge; its journeys need a registered webhook the studio has no part in. */
const demoConfig = () => ({ ...structuredClone(CONFIG), origins: [edge.url], journeys: [] });
const versions = async () => (await (await admin('/config/versions')).json()) as { current: string; versions: { version: string; by?: string; message?: string }[] };
/** The studio waits on the edge (validation, decide): generous, for a loaded CI machine. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `studio-${name}.png`) });

beforeAll(async () => {
  [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  const catalog = await admin('/catalog', { method: 'PUT', body: readFileSync(join(ROOT, 'demo-shop/catalog.json')) });
  if (!catalog.ok) throw new Error(`catalog upload answered ${catalog.status}`);
  mkdirSync(SHOTS, { recursive: true });
});

// Every test starts from the demo config, published by a script.
beforeEach(() => publishByScript(demoConfig(), 'Baseline'));

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await edge?.dispose();
});

/** Uncaught errors of each studio page: a journey that works but throws still fails. */
const pageErrors = new WeakMap<Page, string[]>();

/** A fresh browser (no cookies) at the studio's sign-in. */
async function openStudio(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  pageErrors.set(page, []);
  page.on('pageerror', (error) => pageErrors.get(page)!.push(error.message));
  await page.goto(`${edge.url}/studio/?site=${SITE}`);
  return page;
}

async function signIn(page: Page, name = 'Mara'): Promise<void> {
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await eventually(() => outlineEntry(page, 'Thriller lovers').count()).toBe(1);
}

const outlineEntry = (page: Page, name: string) => page.getByRole('navigation', { name: 'Outline' }).getByRole('button', { name, exact: true });

async function studio(name?: string): Promise<Page> {
  const page = await openStudio();
  await signIn(page, name);
  return page;
}

const editor = (page: Page) => page.getByRole('textbox', { name: 'Site config' });
/** What the editor shows after loading a config: the served one, pretty-printed. */
const pretty = (config: unknown) => JSON.stringify(config, null, 2);

/** Replaces the editor's text as a paste would. */
async function setEditorText(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** Find and replace in the editor's own search panel, as a marketer would. */
async function replaceInEditor(page: Page, find: string, replace: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+f');
  await page.getByRole('textbox', { name: 'Find' }).fill(find);
  await page.getByRole('textbox', { name: 'Replace' }).fill(replace);
  await page.getByRole('button', { name: 'replace all' }).click();
  await page.keyboard.press('Escape');
}

const problems = (page: Page) => page.getByRole('region', { name: 'Problems' });
const tab = (page: Page, name: string) => page.getByRole('tab', { name }).click();

async function publish(page: Page, message: string): Promise<void> {
  await tab(page, 'Publish');
  await page.getByLabel('Message').fill(message);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
}

async function previewPersona(page: Page, label: string): Promise<void> {
  await tab(page, 'Preview');
  await page.getByLabel('Visitor', { exact: true }).selectOption({ label });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await eventually(() => page.getByRole('status').filter({ hasText: 'Previewed' }).count()).toBe(1);
}

const column = (page: Page, name: 'Draft' | 'Published') => page.getByRole('region', { name, exact: true });

describe('Vitrine Studio in Chromium', () => {
  it('signs in with the admin token for a session cookie, refusing a wrong one', async () => {
    const page = await openStudio();
    const served = await page.request.get(`${edge.url}/studio/`);
    expect(served.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(served.headers()['cache-control']).toBe('no-store');
    await shot(page, '1-sign-in');
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.getByRole('alert').first().innerText()).toBe('That admin token is not right.');
    await signIn(page);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'vitrine_studio', httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(cookie.expires - Date.now() / 1000).toBeGreaterThan(11.9 * 3600);
    await shot(page, '2-editor');
    // Signing out ends the session for good: a copy of the cookie no longer opens anything.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(() => page.getByLabel('Admin token').isVisible()).toBe(true);
    const kept = await fetch(`${edge.url}/admin/sites/${SITE}/config`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(kept.status).toBe(401);
    expect(pageErrors.get(page)).toEqual([]);
  });

  it('shows an edit’s typo in Problems at the right line', async () => {
    const page = await studio();
    const text = pretty(await served()).replace('"$gte": 3', '"$gtee": 3');
    await setEditorText(page, text);
    const line = text.split('\n').findIndex((l) => l.includes('"$gtee"')) + 1;
    await eventually(() => problems(page).innerText()).toContain(`Line ${line}: segments[0].when["categories.thrillers.views"].$gtee — unknown operator "$gtee"`);
    await shot(page, '3-problems');
    // A missing comma: the JSON breaks where the next member starts.
    const broken = pretty(await served()).replace('"name": "Thriller lovers",', '"name": "Thriller lovers"');
    await setEditorText(page, broken);
    const next = broken.split('\n').findIndex((l) => l.includes('"name": "Thriller lovers"')) + 2;
    await eventually(() => problems(page).innerText()).toContain(`Line ${next}: JSON syntax`);
    // Fixed, the problems go away.
    await setEditorText(page, text.replace('"$gtee"', '"$gte"'));
    await eventually(() => problems(page).innerText()).toContain('No problems.');
  });
});

describe('Vitrine Studio: preview, publish, versions', () => {
  it('previews the variant a persona sees, draft beside published', async () => {
    const page = await studio();
    await previewPersona(page, 'Thriller lover');
    const draft = column(page, 'Draft');
    await eventually(() => draft.innerText()).toContain(OLD_HEADLINE);
    expect(await draft.innerText()).toMatch(/hero — thrillers \(first matching variant\)/);
    expect(await draft.innerText()).toContain('Thriller lovers');
    // Why not the others: decide's explanation, with the visitor's value.
    for (const folded of await draft.locator('summary', { hasText: 'Not matched' }).all()) await folded.click();
    expect(await draft.innerText()).toMatch(/Champions: rfm\.\S+ is/);
    // The builder's personas match a signed-in customer's uploaded persona (or an RFM cell).
    expect(await draft.innerText()).toMatch(/Loyal thriller buyers: .*customer\.persona is missing/);
    expect(await column(page, 'Published').innerText()).toContain(OLD_HEADLINE);
    expect(await page.getByRole('region', { name: 'Differences' }).innerText()).toContain('exactly as the published config does');
    await shot(page, '4-preview');
  });

  it('publishes with a diff and a message; the version records who and why', async () => {
    const page = await studio('Mara');
    const before = await versions();
    await replaceInEditor(page, OLD_HEADLINE, NEW_HEADLINE);
    await tab(page, 'Publish');
    const diff = page.getByRole('region', { name: 'Changes to publish' });
    await eventually(() => diff.innerText()).toContain(`"headline": "${NEW_HEADLINE}"`);
    const lines = (await diff.innerText()).split('\n');
    expect(lines.some((l) => l.startsWith('-') && l.includes(OLD_HEADLINE))).toBe(true);
    expect(lines.some((l) => l.startsWith('+') && l.includes(NEW_HEADLINE))).toBe(true);
    expect(await page.getByRole('list', { name: 'Changes to publish: summary' }).innerText()).toBe('slot "hero" changed');
    await page.getByLabel('Message').fill('Autumn headline for thriller lovers');
    await shot(page, '5-publish');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Published version' }).count()).toBe(1);
    const after = await versions();
    expect(after.versions).toHaveLength(before.versions.length + 1);
    expect(after.versions[0]).toMatchObject({ version: after.current, by: 'Mara', message: 'Autumn headline for thriller lovers' });
    expect(await servedHeadline()).toBe(NEW_HEADLINE);
  });

  it('refuses a stale publish and shows what changed since', async () => {
    const page = await studio();
    await replaceInEditor(page, OLD_HEADLINE, NEW_HEADLINE);
    // Meanwhile someone else renames the segment and publishes.
    const theirs = demoConfig();
    theirs.segments[0].name = 'Thriller fans';
    await publishByScript(theirs, 'Renamed the thriller segment');
    const before = await versions();
    await publish(page, 'My headline');
    const alert = page.getByRole('alert').filter({ hasText: 'Not published' });
    await eventually(() => alert.innerText()).toContain('someone else published first');
    const text = await alert.innerText();
    expect(text).toContain('token published');
    expect(text).toContain('Renamed the thriller segment');
    expect(text).toContain('segment "thriller-lovers" changed');
    expect(text).toContain('"name": "Thriller fans"');
    await shot(page, '6-stale-publish');
    expect((await versions()).versions).toHaveLength(before.versions.length);
    expect(await servedHeadline()).toBe(OLD_HEADLINE);
  });

  it('rolls back to the previous version, showing the diff first', async () => {
    const later = demoConfig();
    later.slots.hero.variants.find((v: { id: string }) => v.id === 'thrillers').content.headline = NEW_HEADLINE;
    await publishByScript(later, 'Later headline');
    const page = await studio();
    await tab(page, 'Versions');
    const list = page.getByRole('list').filter({ has: page.getByRole('button', { name: /Later headline/ }) });
    await list.getByRole('button', { name: /Baseline/ }).first().click();
    const diff = page.getByRole('region', { name: 'What rolling back changes' });
    await eventually(() => diff.innerText()).toContain(OLD_HEADLINE);
    expect(await diff.innerText()).toContain(NEW_HEADLINE);
    await shot(page, '7-versions');
    await page.getByRole('button', { name: 'Roll back' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Rolled back' }).count()).toBe(1);
    expect(await servedHeadline()).toBe(OLD_HEADLINE);
    const { current, versions: all } = await versions();
    expect(all.find((v) => v.version === current)?.message).toBe('Baseline');
    await eventually(() => page.getByText(/rolled back by Mara/).count()).toBe(1);
  });
});

describe('Vitrine Studio: reports, shared links, CSRF', () => {
  it('opens reports with the session, no bearer header, with names instead of ids', async () => {
    const page = await studio();
    const sent: Record<string, string>[] = [];
    page.context().on('request', (r) => r.url().includes('/report') && sent.push(r.headers()));
    await tab(page, 'Reports');
    await shot(page, '8-reports');
    const [site] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Open site report' }).click()]);
    await site.waitForLoadState();
    expect(await site.locator('h1').innerText()).toBe(SITE);
    expect(await site.locator('.card strong').first().innerText()).toBe(CONFIG.experiments[0].name);
    const name = CONFIG.experiments[0].name;
    const [experiment] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: `Open report: ${name}` }).click()]);
    await experiment.waitForLoadState();
    expect(await experiment.locator('h1').innerText()).toBe(name);
    await experiment.screenshot({ path: join(SHOTS, 'studio-9-experiment-report.png') });
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const headers of sent) expect(headers.authorization).toBeUndefined();
  });

  it('shares a report read-only with someone who has no token, until the link expires', async () => {
    const page = await studio();
    await tab(page, 'Reports');
    await page.getByRole('button', { name: 'Share site report' }).click();
    const url = await page.getByRole('textbox', { name: 'Read-only link to site report' }).inputValue();
    // A manager's browser: no token, no session.
    const manager = await (await browser.newContext()).newPage();
    contexts.push(manager.context());
    expect((await manager.goto(url))!.status()).toBe(200);
    expect(await manager.locator('h1').innerText()).toBe(SITE);
    const share = new URL(url).searchParams.get('share')!;
    for (const [method, path] of [
      ['GET', '/config'],
      ['PUT', '/config'],
      ['POST', '/config/rollback'],
    ]) {
      const res = await fetch(`${edge.url}/admin/sites/${SITE}${path}?share=${encodeURIComponent(share)}`, { method, body: method === 'GET' ? undefined : '{}' });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    // A link made to last a few seconds stops working when they are over.
    const short = await page.evaluate(async (site) => {
      const { csrf } = (await (await fetch('/admin/session')).json()) as { csrf: string };
      const res = await fetch(`/admin/sites/${site}/share`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vitrine-csrf': csrf },
        body: JSON.stringify({ report: { kind: 'site' }, expiresIn: 4 }),
      });
      return (await res.json()) as { url: string; expires: string };
    }, SITE);
    expect((await manager.goto(short.url))!.status()).toBe(200);
    await new Promise((r) => setTimeout(r, Date.parse(short.expires) - Date.now() + 300));
    const expired = await manager.goto(short.url);
    expect(expired!.status()).toBe(401);
    expect(await expired!.text()).toContain('expired');
  });

  it('refuses a state-changing request without the CSRF token, from the studio’s origin or another', async () => {
    const page = await studio();
    const sameOrigin = await page.evaluate(async (site) => {
      const config = await (await fetch(`/admin/sites/${site}/config`)).text();
      const res = await fetch(`/admin/sites/${site}/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: config.replace('Your next', 'Forged') });
      return { status: res.status, body: await res.json() };
    }, SITE);
    expect(sameOrigin).toEqual({ status: 403, body: { error: 'CSRF token missing or wrong' } });
    // A page elsewhere on the same site (another port) auto-submits a form: the browser sends the cookie, not the token.
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-csrf-'));
    writeFileSync(
      join(dir, 'index.html'),
      `<form method="post" action="{{EDGE}}/admin/sites/${SITE}/config/rollback" enctype="text/plain"><input name='{"version":"x","y":"' value='"}'></form><script>document.forms[0].submit()</script>`,
    );
    const evil = await serveStatic(dir, { EDGE: edge.url });
    try {
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/config/rollback')), page.goto(evil.url)]);
      expect(response.status()).toBe(403);
    } finally {
      await evil.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await servedHeadline()).toBe(OLD_HEADLINE);
  });
});

/** A visitor id the edge puts in the hero experiment's control arm, which shows the thriller variant. */
async function controlArmVisitor(): Promise<string> {
  const persona = personaRequest('thriller-lover', edge.url, Date.now())!;
  for (let i = 0; i < 64; i++) {
    const visitor = `walker${String(i).padStart(10, '0')}`;
    const res = await fetch(`${edge.url}/v1/decide`, {
      method: 'POST',
      body: JSON.stringify({ site: SITE, visitor, consent: persona.consent, context: { url: `${edge.url}/` }, profile: persona.profile, slots: ['hero'] }),
    });
    const decision = (await res.json()) as { experiments: { id: string; variant: string }[] };
    if (decision.experiments.some((e) => e.variant === 'control')) return visitor;
  }
  throw new Error('no visitor id landed in the control arm');
}

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;
const shopHeadline = (page: Page) => page.locator('[data-vitrine-slot="hero"] [data-vitrine-field="headline"]').innerText();

describe('a marketer’s walk, all in the browser', () => {
  it('changes the thriller lovers’ headline, sees it for the persona, publishes, checks the shop, rolls back', async () => {
    const page = await studio('Mara');
    await replaceInEditor(page, OLD_HEADLINE, NEW_HEADLINE);

    await previewPersona(page, 'Thriller lover');
    await eventually(() => column(page, 'Draft').innerText()).toContain(NEW_HEADLINE);
    expect(await column(page, 'Published').innerText()).toContain(OLD_HEADLINE);
    const differences = page.getByRole('region', { name: 'Differences' });
    expect(await differences.getByRole('row').filter({ hasText: 'hero: headline' }).innerText()).toContain(NEW_HEADLINE);
    await outlineEntry(page, 'hero').click();
    await shot(page, '11-preview-draft');
    if (process.env.UPDATE_DOCS) await page.screenshot({ path: join(ROOT, 'docs/studio.png') });

    // The draft on the shop, for this browser only.
    const [shop] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Open the shop with this draft' }).click()]);
    await eventually(() => shopHeadline(shop)).toBe(NEW_HEADLINE);
    await shop.screenshot({ path: join(SHOTS, 'studio-10-shop-with-draft.png') });
    await shop.close();
    expect(await servedHeadline()).toBe(OLD_HEADLINE);

    await publish(page, 'New thriller headline');
    await eventually(() => page.getByRole('status').filter({ hasText: 'Published version' }).count()).toBe(1);

    // A thriller lover's browser with the persona's history (as the variant tester loads it,
    // but keeping a visitor id in the experiment's control arm, which shows the thriller variant).
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(visitor);
    await visitor.addCookies([{ name: 'vitrine_id', value: `${await controlArmVisitor()}.11`, url: edge.url }]);
    const customer = await visitor.newPage();
    await customer.goto(`${edge.url}/`);
    await customer.evaluate(async (events) => {
      for (const e of events) vitrine('track', e.name, e.params, { ts: e.ts });
      await vitrine('flush');
    }, personaEvents(findPersona('thriller-lover')!, Date.now()));
    await eventually(async () => {
      await customer.reload();
      return shopHeadline(customer);
    }).toBe(NEW_HEADLINE);
    await customer.screenshot({ path: join(SHOTS, 'studio-12-shop-published.png') });

    await tab(page, 'Versions');
    await page.getByRole('button', { name: /Baseline/ }).first().click();
    await page.getByRole('button', { name: 'Roll back' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Rolled back' }).count()).toBe(1);
    await eventually(async () => {
      await customer.reload();
      return shopHeadline(customer);
    }).toBe(OLD_HEADLINE);
    expect(pageErrors.get(page)).toEqual([]);
    // The longest journey here: a loaded CI machine needs more than the default minute.
  }, 180_000);
});
