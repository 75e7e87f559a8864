/**
 * The edge proxy against the script alone, on the demo shop's home page as a returning
 * thriller lover sees it. The shop is served by a local origin server (node http on a
 * free port); the edge runs in local workerd (`wrangler dev`).
 * - script only: the page straight from the origin; the SDK paints the hero (from its
 *   cached decision on a repeat view) and asks `/v1/decide`.
 * - proxy: the same page through `/proxy/demo-shop/…`: the hero is personalized in the HTML.
 * Per load, in Chromium, from navigation start: time to first byte; the first animation
 * frame at which the hero shows the visitor's variant (the frame is painted right after);
 * layout shift of the hero's nodes and of the whole page. Loads alternate between the two.
 * Then the CPU the rewrite adds per 100 KB page, inside workerd (Miniflare): reading the
 * page, parsing it with an empty HTMLRewriter, and the proxy's full rewrite.
 * Run: npm run build && npx tsx bench/proxy.ts
 */
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Miniflare } from 'miniflare';
import type { BrowserContext, Page } from 'playwright-core';
import { buildShop } from '../demo-shop/build.mjs';
import { ADMIN_TOKEN, launchBrowser, pushConfig, serveStatic, startEdge } from '../e2e/harness.js';
import type { DecideResponse } from '../shared/schema/decide.js';
import { VIEWS, type Job, type Way } from './proxy-rewrite-worker.js';

const LOADS = 20;
const CPU_PASSES = 200;
const CPU_ROUNDS = 11;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = JSON.parse(readFileSync(join(ROOT, 'demo-shop/vitrine.config.json'), 'utf8'));
const CATALOG = JSON.parse(readFileSync(join(ROOT, 'demo-shop/catalog.json'), 'utf8')) as { id: string; name: string; category: string; price: number; image?: string; url?: string }[];
const SITE: string = CONFIG.site;
const THRILLERS = ['the-salt-house', 'blackwater-lane', 'the-quiet-witness'];
/** The hero's arms for thriller lovers (the running experiment's control and variant). */
const THRILLER_ARMS = ['control', 'quotes'];

export interface Stats {
  median: number;
  p90: number;
}
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const stats = (xs: number[]): Stats => ({ median: quantile(xs, 0.5), p90: quantile(xs, 0.9) });

interface Load {
  ttfb: number;
  hero: number;
  heroShift: number;
  pageShift: number;
}
export interface ModeResult {
  ttfb: Stats;
  hero: Stats;
  /** Loads in which any node of the hero moved, and the largest such shift. */
  heroShifted: number;
  heroShiftMax: number;
  pageShiftMax: number;
}

/** Before any page script: the frame the hero first shows a thriller arm, and every layout shift. */
const MEASURE = `(() => {
  const arms = ${JSON.stringify(THRILLER_ARMS)};
  const m = (window.__bench = { hero: null, heroShift: 0, pageShift: 0 });
  const hero = () => document.querySelector('[data-vitrine-slot="hero"]');
  const frame = () => {
    const h = hero();
    if (h && arms.includes(h.getAttribute('data-vitrine-variant'))) m.hero = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      m.pageShift += e.value;
      const h = hero();
      if (h && (e.sources || []).some((s) => s.node && h.contains(s.node))) m.heroShift += e.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

declare const vitrine: (command: string, ...args: unknown[]) => Promise<unknown>;
const ready = (page: Page) => page.evaluate(() => new Promise((resolve) => vitrine('on', 'ready', resolve)));

async function load(page: Page, url: string): Promise<Load> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __bench: { hero: number | null } }).__bench.hero !== null);
  await ready(page);
  // Shifts are reported after the frame that made them.
  await page.waitForTimeout(150);
  return page.evaluate(() => {
    const m = (window as unknown as { __bench: { hero: number; heroShift: number; pageShift: number } }).__bench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { ttfb: nav.responseStart, hero: m.hero, heroShift: m.heroShift, pageShift: m.pageShift };
  });
}

/** A profile that became a thriller lover the way a shopper does: consent, then three thrillers, all at `base`. */
async function thrillerLover(context: BrowserContext, base: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Accept all' }).click();
  await ready(page);
  for (const id of THRILLERS) {
    await page.goto(`${base}/product.html?id=${id}`);
    await ready(page);
    // The shop tracks the view once it has the product: wait until the profile cookie the
    // proxy reads names it and the event is stored, or the next navigation may lose it.
    await page.waitForFunction((viewed) => document.cookie.includes(viewed), id);
    await page.evaluate(() => new Promise((stored) => vitrine('flush', stored)));
  }
  const warm = await load(page, `${base}/`).catch(async (error) => {
    const hero = await page.locator('[data-vitrine-slot="hero"]').getAttribute('data-vitrine-variant');
    throw new Error(`${base}: the hero never showed a thriller arm (it shows "${hero}")`, { cause: error });
  });
  if (!Number.isFinite(warm.hero)) throw new Error(`${base}: the hero never showed a thriller arm`);
  return page;
}

const summarize = (loads: Load[]): ModeResult => ({
  ttfb: stats(loads.map((l) => l.ttfb)),
  hero: stats(loads.map((l) => l.hero)),
  heroShifted: loads.filter((l) => l.heroShift > 0).length,
  heroShiftMax: Math.max(...loads.map((l) => l.heroShift)),
  pageShiftMax: Math.max(...loads.map((l) => l.pageShift)),
});

export async function paintBench(): Promise<{ scriptOnly: ModeResult; proxy: ModeResult }> {
  const [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  const shopDir = mkdtempSync(join(tmpdir(), 'vitrine-bench-shop-'));
  try {
    // The shop as its own server would serve it: pages naming the edge, the SDK beside them.
    await buildShop({ outDir: shopDir, endpoint: edge.url });
    for (const file of readdirSync(join(ROOT, 'dist/public')).filter((f) => /^sdk.*\.js$/.test(f))) copyFileSync(join(ROOT, 'dist/public', file), join(shopDir, file));
    const origin = await serveStatic(shopDir);
    try {
      await pushConfig(edge.url, { ...CONFIG, origins: [origin.url, edge.url], proxy: { origin: origin.url } });
      const catalog = await fetch(`${edge.url}/admin/sites/${SITE}/catalog`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(CATALOG),
      });
      if (!catalog.ok) throw new Error(`catalog push answered ${catalog.status}`);

      const modes = { scriptOnly: origin.url, proxy: `${edge.url}/proxy/${SITE}` };
      const pages: Record<string, Page> = {};
      for (const [mode, base] of Object.entries(modes)) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addInitScript(MEASURE);
        pages[mode] = await thrillerLover(context, base);
      }
      const loads: Record<string, Load[]> = { scriptOnly: [], proxy: [] };
      for (let i = 0; i < LOADS; i++) for (const [mode, base] of Object.entries(modes)) loads[mode].push(await load(pages[mode], `${base}/`));
      return { scriptOnly: summarize(loads.scriptOnly), proxy: summarize(loads.proxy) };
    } finally {
      await origin.close();
    }
  } finally {
    await browser.close();
    await edge.dispose();
    rmSync(shopDir, { recursive: true, force: true });
  }
}

/** The demo home page grown to `bytes` with product listings, as a category-heavy shop page would be. */
export function bigPage(bytes: number): string {
  const home = readFileSync(join(ROOT, 'dist/public/index.html'), 'utf8');
  const cards: string[] = [];
  for (let i = 0; home.length + cards.join('').length < bytes; i++) {
    const p = CATALOG[i % CATALOG.length];
    cards.push(
      `<article class="card"><img class="card-image" src="${p.image}" alt="${p.name}" loading="lazy" width="400" height="500"><h3 class="card-name"><a href="${p.url}">${p.name}</a></h3><p class="card-meta">${p.category} · in stock</p><p class="card-price">€<span>${p.price.toFixed(2)}</span></p><p class="card-reason">Loved by readers who liked this one: a page-turner to keep you up at night.</p></article>\n`,
    );
  }
  return home.replace('</main>', `<section class="listing"><div class="grid">${cards.join('')}</div></section></main>`);
}

/** What the edge decides for a returning thriller lover in the demo config: the reviewer-quotes arm, four bestsellers. */
export function thrillerDecision(): DecideResponse {
  const experiment = CONFIG.experiments[0];
  const item = (p: (typeof CATALOG)[number]) => ({ id: p.id, name: p.name, category: p.category, price: p.price, image: p.image, url: p.url, reason: 'bestsellers' });
  return {
    configVersion: 'bench',
    segments: ['thriller-lovers'],
    persona: null,
    rfm: null,
    context: { country: 'NL', region: null, city: null, device: 'desktop', source: 'direct' },
    slots: {
      hero: { variant: 'quotes', content: experiment.variants[1].content, experiment: experiment.id },
      banner: { variant: 'default', content: CONFIG.slots.banner.default },
      recommended: { variant: 'default', content: CONFIG.slots.recommended.default, items: CATALOG.slice(0, 4).map(item) },
    },
    experiments: [{ id: experiment.id, variant: 'quotes', slot: 'hero' }],
  };
}

export interface CpuResult {
  pageBytes: number;
  outputBytes: number;
  /** The element types the page's slots are on, as a learning view found them. */
  slotTags: string[];
  /** µs of workerd CPU per page, median over rounds. */
  read: number;
  parse: number;
  /** µs of CPU each kind of view adds to reading the page: the median over rounds of the round's difference. */
  added: Record<(typeof VIEWS)[number], number>;
}

/** The workerd process Miniflare started for us (a child of this process). */
function workerdPid(): number {
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat)!;
      if (comm.startsWith('workerd') && Number(rest.split(' ')[1]) === process.pid) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error('no workerd child process found');
}

/** CPU time of every thread of a process, in µs (scheduler statistics, nanosecond resolution). */
function cpuMicros(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  return ns / 1000;
}

/**
 * CPU per 100 KB page, measured as workerd's own CPU time around requests that each serve
 * the page CPU_PASSES times one way (the machine is shared, so wall clocks would measure
 * the neighbours); rounds alternate the ways, and the median round counts.
 */
export async function cpuBench(chunk?: number): Promise<CpuResult> {
  const bundle = await build({ entryPoints: [join(ROOT, 'bench/proxy-rewrite-worker.ts')], bundle: true, format: 'esm', write: false, platform: 'neutral', logLevel: 'warning' });
  const mf = new Miniflare({ modules: true, script: bundle.outputFiles[0].text, compatibilityDate: '2026-04-01' });
  try {
    const html = bigPage(100 * 1024);
    const decision = thrillerDecision();
    await mf.ready;
    const pid = workerdPid();
    const run = async (way: Way, passes: number) => {
      const before = cpuMicros(pid);
      const res = await mf.dispatchFetch('http://bench/', { method: 'POST', body: JSON.stringify({ html, decision, way, passes, chunk } satisfies Job) });
      if (!res.ok) throw new Error(`rewrite worker answered ${res.status}: ${await res.text()}`);
      const out = (await res.json()) as { outputChars: number; digest: string; slotTags: string[] };
      return { ...out, perPass: (cpuMicros(pid) - before) / passes };
    };
    const ways: Way[] = ['read', 'parse', ...VIEWS];
    for (const way of ways) await run(way, 50);
    const rounds = Object.fromEntries(ways.map((way) => [way, [] as number[]])) as Record<Way, number[]>;
    const digests = new Map<Way, string>();
    let last = { outputChars: 0, slotTags: [] as string[] };
    for (let round = 0; round < CPU_ROUNDS; round++)
      for (const way of ways) {
        const r = await run(way, CPU_PASSES);
        rounds[way].push(r.perPass);
        if (VIEWS.includes(way as (typeof VIEWS)[number])) digests.set(way, r.digest);
        last = r;
      }
    // The short cuts must not change the page: every kind of view gives the same HTML.
    if (new Set(digests.values()).size !== 1) throw new Error(`the kinds of view gave different pages: ${JSON.stringify(Object.fromEntries(digests))}`);
    const median = (xs: number[]) => quantile(xs, 0.5);
    const added = (way: Way) => median(rounds[way].map((us, i) => us - rounds.read[i]));
    return {
      pageBytes: Buffer.byteLength(html),
      outputBytes: last.outputChars,
      slotTags: last.slotTags,
      read: median(rounds.read),
      parse: median(rounds.parse),
      added: Object.fromEntries(VIEWS.map((view) => [view, added(view)])) as CpuResult['added'],
    };
  } finally {
    await mf.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ms = (s: Stats) => `median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms`;
  const paint = await paintBench();
  console.log(`demo shop home, returning thriller lover, ${LOADS} loads each, Chromium + local origin + local workerd (from navigation start)`);
  for (const [label, r] of [['script only', paint.scriptOnly], ['proxy      ', paint.proxy]] as const) {
    console.log(`  ${label}  first byte: ${ms(r.ttfb)}`);
    console.log(`               personalized hero painted: ${ms(r.hero)}`);
    console.log(`               layout shift: hero moved in ${r.heroShifted} of ${LOADS} loads (largest ${r.heroShiftMax.toFixed(4)}); page CLS max ${r.pageShiftMax.toFixed(4)}`);
  }
  for (const chunk of [undefined, 16 * 1024]) {
    const cpu = await cpuBench(chunk);
    const arrives = chunk ? `in ${chunk / 1024} KB pieces, as from a network` : 'in one piece';
    console.log(`workerd CPU per page, ${(cpu.pageBytes / 1024).toFixed(0)} KB in (${(cpu.outputBytes / 1024).toFixed(0)} K chars out) arriving ${arrives}, ${CPU_ROUNDS} rounds × ${CPU_PASSES} pages:`);
    console.log(`  read the page, no rewriting:       ${cpu.read.toFixed(0)} µs`);
    console.log(`  HTMLRewriter with no handlers:     ${cpu.parse.toFixed(0)} µs`);
    console.log(`  added by the proxy's rewrite (budget < 1000 µs), median of each round's difference to reading:`);
    const views: Record<keyof CpuResult['added'], string> = {
      cold: "a page's first view while its site's slot types are being learned (a site's first views in an isolate): every element, item templates read",
      first: `a page's first view: slots looked for on <${cpu.slotTags.join('>, <')}> only, item templates read`,
      check: "a page's second view: slots looked for on every element, templates remembered",
      repeat: 'later views: slots looked for on the learned types, templates remembered',
    };
    for (const [view, what] of Object.entries(views)) console.log(`    ${view.padEnd(9)} ${cpu.added[view as keyof CpuResult['added']].toFixed(0).padStart(5)} µs  ${what}`);
  }
}
