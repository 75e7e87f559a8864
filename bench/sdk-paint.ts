/**
 * Time from SDK script start to the personalized slot painted, in Chromium against the
 * Worker in local workerd: the SDK's own performance marks `vitrine:start` (first line of
 * the script) and `vitrine:painted` (right after the slot's DOM is written). Median of 20
 * loads, each in a fresh browser profile (new visitor, no cached decision: one decide round
 * trip), plus 20 repeat views in one profile, where the cached decision paints first.
 * Run: node sdk/build.mjs && npx tsx bench/sdk-paint.ts
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser, pushConfig, serveStatic, startEdge } from '../e2e/harness.js';

const LOADS = 20;
const PAGES = fileURLToPath(new URL('../e2e/pages', import.meta.url));

export interface SdkPaint {
  /** ms from script start to painted, fresh visitor each load. */
  cold: { median: number; p90: number; samples: number[] };
  /** The same for repeat views with a cached decision. */
  warm: { median: number; p90: number; samples: number[] };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const summary = (samples: number[]) => ({ median: quantile(samples, 0.5), p90: quantile(samples, 0.9), samples });

async function paintTimes(browser: Browser, url: string, freshEachTime: boolean): Promise<number[]> {
  const times: number[] = [];
  let context = await browser.newContext();
  // Loads until one paints, so Chromium, workerd and the edge's config cache are warm
  // (a config pushed a moment ago may take a read or two to show up) before any sample.
  const warmup = await context.newPage();
  for (let tries = 0; ; tries++) {
    await warmup.goto(url);
    const painted = await warmup.waitForFunction(() => performance.getEntriesByName('vitrine:painted').length > 0, null, { timeout: 3000 }).catch((e) => {
      if (tries === 10) throw e;
    });
    if (painted) break;
  }
  await warmup.close();
  for (let i = 0; i < LOADS; i++) {
    if (freshEachTime) {
      await context.close();
      context = await browser.newContext();
    }
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('vitrine:painted').length > 0);
    times.push(
      await page.evaluate(() => performance.getEntriesByName('vitrine:painted')[0].startTime - performance.getEntriesByName('vitrine:start')[0].startTime),
    );
    await page.close();
  }
  await context.close();
  return times;
}

export async function runSdkPaintBench(): Promise<SdkPaint> {
  const [edge, browser] = await Promise.all([startEdge(), launchBrowser()]);
  const pages = await serveStatic(PAGES, { EDGE: edge.url });
  try {
    await pushConfig(edge.url, {
      site: 'e2e',
      origins: [pages.url],
      segments: [{ id: 'new-visitors', when: { 'visitor.new': true } }],
      slots: {
        hero: {
          default: { headline: 'Welcome', body: 'Our picks' },
          variants: [{ id: 'first-visit', when: { segments: 'new-visitors' }, content: { headline: 'Welcome, first-time visitor' } }],
        },
      },
    });
    const url = `${pages.url}/paint.html`;
    const cold = await paintTimes(browser, url, true);
    const warm = await paintTimes(browser, url, false);
    return { cold: summary(cold), warm: summary(warm) };
  } finally {
    await browser.close();
    await pages.close();
    await edge.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runSdkPaintBench();
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`script start → personalized slot painted, ${LOADS} loads, Chromium + local workerd`);
  console.log(`  new visitor (one decide round trip): median ${fmt(r.cold.median)}, p90 ${fmt(r.cold.p90)}`);
  console.log(`  repeat view (cached decision first): median ${fmt(r.warm.median)}, p90 ${fmt(r.warm.p90)}`);
}
