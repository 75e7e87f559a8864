/**
 * Time to personalized hero on the demo shop's home page, as a returning thriller lover
 * sees it: Chromium, the shop served by the Worker in local workerd, the demo config.
 * Figures per load, all from navigation start (what the shopper waits for):
 * - script start: the SDK's `vitrine:start` mark, for scale (HTML and sdk.js loaded);
 * - painted: the SDK's `vitrine:painted` mark — the hero first shows personalized content
 *   (a repeat visitor's cached decision paints before the network answers);
 * - decided: the fresh decision from this load's decide round trip is rendered
 *   (a `decision` listener's mark, called right after the slots are written).
 * Median of 20 loads in one profile.
 * Run: npm run build && npx tsx bench/hero-paint.ts
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, pushConfig, startEdge } from '../e2e/harness.js';

const LOADS = 20;
const CONFIG = JSON.parse(readFileSync(new URL('../demo-shop/vitrine.config.json', import.meta.url), 'utf8'));
const THRILLERS = ['the-salt-house', 'blackwater-lane', 'the-quiet-witness'];
/** The hero's arms for thriller lovers (the running experiment's control and variant). */
const THRILLER_ARMS = ['control', 'quotes'];

export interface Stats {
  median: number;
  p90: number;
  samples: number[];
}
export interface HeroPaint {
  loads: number;
  scriptStart: Stats;
  painted: Stats;
  decided: Stats;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const stats = (samples: number[]): Stats => ({ median: quantile(samples, 0.5), p90: quantile(samples, 0.9), samples });

// Registered before the page's own snippet, so it is first in the SDK's queue.
const MARK_DECISIONS = `window.vitrine = window.vitrine || function () { (vitrine.q = vitrine.q || []).push(arguments); };
vitrine('on', 'decision', function () { performance.mark('bench:decided'); });`;

const ready = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => (window as unknown as { vitrine: (...a: unknown[]) => void }).vitrine('on', 'ready', resolve)));

async function loadHome(page: Page, url: string): Promise<{ scriptStart: number; painted: number; decided: number; variant: string | null }> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('bench:decided').length > 0);
  return page.evaluate(() => ({
    scriptStart: performance.getEntriesByName('vitrine:start')[0]?.startTime ?? NaN,
    painted: performance.getEntriesByName('vitrine:painted')[0]?.startTime ?? NaN,
    decided: performance.getEntriesByName('bench:decided')[0].startTime,
    variant: document.querySelector('[data-vitrine-slot="hero"]')!.getAttribute('data-vitrine-variant'),
  }));
}

export async function runHeroPaintBench(): Promise<HeroPaint> {
  const [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  try {
    await pushConfig(edge.url, { ...CONFIG, origins: [edge.url] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(MARK_DECISIONS);
    const page = await context.newPage();

    // Become a thriller lover the way a shopper does: consent, then three thrillers.
    await page.goto(`${edge.url}/`);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await ready(page);
    for (const id of THRILLERS) {
      await page.goto(`${edge.url}/product.html?id=${id}`);
      await ready(page);
    }
    // One unmeasured load warms Chromium, workerd and the edge's config cache.
    const warm = await loadHome(page, `${edge.url}/`);
    if (!THRILLER_ARMS.includes(warm.variant ?? '')) throw new Error(`hero is "${warm.variant}", not personalized`);

    const scriptStart: number[] = [];
    const painted: number[] = [];
    const decided: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const load = await loadHome(page, `${edge.url}/`);
      if (!THRILLER_ARMS.includes(load.variant ?? '')) throw new Error(`load ${i}: hero is "${load.variant}"`);
      scriptStart.push(load.scriptStart);
      painted.push(load.painted);
      decided.push(load.decided);
    }
    await context.close();
    return { loads: LOADS, scriptStart: stats(scriptStart), painted: stats(painted), decided: stats(decided) };
  } finally {
    await browser.close();
    await edge.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runHeroPaintBench();
  const fmt = (s: Stats) => `median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms`;
  console.log(`demo shop home, returning thriller lover, ${r.loads} loads, Chromium + local workerd (from navigation start)`);
  console.log(`  SDK script started (for scale):                    ${fmt(r.scriptStart)}`);
  console.log(`  personalized hero painted (cached decision first): ${fmt(r.painted)}`);
  console.log(`  fresh decision rendered (decide round trip):       ${fmt(r.decided)}`);
}
