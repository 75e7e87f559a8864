// The experiment report at a laptop's 1,280 × 800 in real Chromium: nothing may stick out
// or hide in a scroll box — the revenue columns used to be cut off. Renders the page from
// the shared renderer (no Worker needed), so it is quick.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ExperimentInput } from '../shared/experiments/report.js';
import { renderReportHtml } from '../shared/experiments/report-html.js';
import { markChanges, METHOD, reportPeriod, segmentRows } from '../shared/experiments/site-report.js';
import { renderSiteReport } from '../shared/experiments/site-report-html.js';
import { launchBrowser } from './harness.js';

/** A demanding report: four arms with long names, seven-digit counts, every interval shown. */
const arms = ['control', 'reviewer-quotes', 'bestseller-badge', 'free-shipping-note'];
const input: ExperimentInput = {
  experiment: {
    id: 'hero-message-autumn',
    name: 'Autumn hero message for thriller lovers',
    hypothesis: { audience: 'Thriller lovers', change: 'The hero quotes a review from the Guardian', expectedEffect: '10 % more purchases', goal: 'purchase rate' },
    status: 'running',
    variants: arms.map((id, i) => ({ id, name: i ? `${id.replace(/-/g, ' ')} with a longer name` : undefined, weight: 0.25 })),
  },
  arms: arms.map((id, i) => ({ id, visitors: 1_234_567 + i * 1000, conversions: 41_000 + i * 900, revenue: 9_876_543.21 + i * 50_000, revenueSq: 4e9 })),
  segments: ['thriller-lovers', 'big-spenders', 'from-email'].flatMap((segment) =>
    arms.map((variant, i) => ({ segment, variant, visitors: 123_456, conversions: 4100 + i * 90, revenue: 987_654 })),
  ),
  daily: ['2025-03-01', '2025-03-02'].flatMap((day) => arms.map((variant) => ({ day, variant, visitors: 600_000, conversions: 20_000, revenue: 4e6 }))),
};

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
});

/** Scroll width of the page and of every scroll box, against the viewport and the boxes. */
async function overflow(html: string) {
  await page.setContent(html);
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    boxes: [...document.querySelectorAll('.scroll, table')].map((el) => ({ scroll: el.scrollWidth, client: el.clientWidth })),
    lastColumnRight: Math.max(...[...document.querySelectorAll('th:last-child')].map((th) => th.getBoundingClientRect().right)),
  }));
}

describe('reports at 1280 × 800', () => {
  it('the experiment report fits the width: no horizontal scroll, no table cut or scrolled, the revenue column in view', async () => {
    const names = { segments: new Map([['thriller-lovers', 'Thriller lovers'], ['big-spenders', 'Big spenders']]) };
    await page.setContent(renderReportHtml(buildReport(input, names), { site: 'demo-shop' }));
    const layout = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('.scroll')].map((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      const headers = [...document.querySelectorAll('table.arms th')];
      const revenue = headers[headers.length - 1].getBoundingClientRect();
      return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, boxes, revenueRight: revenue.right, revenueText: headers[headers.length - 1].textContent };
    });
    expect(layout.page).toBeLessThanOrEqual(layout.viewport);
    for (const box of layout.boxes) expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(layout.revenueText).toMatch(/^Revenue \/ visitor/);
    expect(layout.revenueRight).toBeLessThanOrEqual(layout.viewport);
  });

  it('the site report fits the width with long segment names and seven-digit counts', async () => {
    const big = { visitors: 1_234_567, conversions: 45_678, revenue: 9_876_543, revenueSq: 5e9 };
    const ids = ['*', 'thriller-lovers-who-viewed-three-or-more', 'big-spenders', 'from-email-newsletter-autumn'];
    const rows = segmentRows(new Map(ids.map((id) => [id, big])), new Map(ids.map((id) => [id, { ...big, conversions: 40_000 }])));
    const names = new Map([['thriller-lovers-who-viewed-three-or-more', 'Thriller lovers who viewed three or more thrillers']]);
    const period = reportPeriod({ days: '90' }, Date.now());
    if ('issues' in period) throw new Error('bad period');
    const layout = await overflow(
      renderSiteReport({ site: 'demo-shop', configVersion: '20250301T000000000Z-abcd1234', period, days: 90, method: METHOD, segments: markChanges(rows, names), experiments: [] }),
    );
    expect(layout.page).toBeLessThanOrEqual(layout.viewport);
    for (const box of layout.boxes) expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(layout.lastColumnRight).toBeLessThanOrEqual(layout.viewport);
  });
});
