// The experiment report at a laptop's 1,280 × 800 in real Chromium: nothing may stick out
// or hide in a scroll box — the revenue columns used to be cut off. Renders the page from
// the shared renderer (no Worker needed), so it is quick.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ExperimentInput } from '../shared/experiments/report.js';
import { renderReportHtml } from '../shared/experiments/report-html.js';
import { pathRows, PATH_METHOD, segmentFunnels } from '../shared/experiments/funnel.js';
import { markChanges, METHOD, reportPeriod, segmentRows, type SiteReport } from '../shared/experiments/site-report.js';
import { trendSeries } from '../shared/experiments/trend.js';
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
    const layout = await overflow(renderSiteReport(bigSiteReport()));
    expect(layout.page).toBeLessThanOrEqual(layout.viewport);
    for (const box of layout.boxes) expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(layout.lastColumnRight).toBeLessThanOrEqual(layout.viewport);
  });

  it('the site report draws its trend and funnel charts inside the page, every label readable and inside its chart', async () => {
    await page.setContent(renderSiteReport(bigSiteReport()));
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('svg.chart')].map((svg) => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')];
        const outside = texts.filter((t) => {
          const r = t.getBoundingClientRect();
          return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
        });
        // Pairs of labels drawn over each other: unreadable however large the font.
        const boxes = texts.map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() })).filter((t) => t.r.width > 0);
        const overlaps: string[] = [];
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (x > 1 && y > 1) overlaps.push(`${a.text} × ${b.text}`);
          }),
        );
        return {
          overlaps,
          label: svg.getAttribute('aria-label') ?? '',
          left: box.left,
          right: box.right,
          width: box.width,
          height: box.height,
          marks: svg.querySelectorAll('polyline, circle, rect').length,
          smallestFont: Math.min(...texts.map((t) => t.getBoundingClientRect().height).filter((h) => h > 0)),
          outside: outside.map((t) => t.textContent),
          titles: texts.filter((t) => t.getAttribute('font-weight') === '600').map((t) => t.textContent),
        };
      }),
    );
    const labels = charts.map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['Visitors per day per segment', 'Conversion rate per day per segment', 'Funnel of All visitors: share reaching each step']));
    expect(labels.filter((l) => l.startsWith('Funnel of'))).toHaveLength(6);
    for (const c of charts) {
      expect(c.left, c.label).toBeGreaterThanOrEqual(0);
      expect(c.right, c.label).toBeLessThanOrEqual(1280);
      expect(c.width, c.label).toBeGreaterThan(300);
      expect(c.height, c.label).toBeGreaterThan(150);
      expect(c.marks, c.label).toBeGreaterThan(4);
      // Rendered text at least about 11 px tall: readable without zooming.
      expect(c.smallestFont, c.label).toBeGreaterThanOrEqual(11);
      expect(c.outside, c.label).toEqual([]);
      expect(c.overlaps, c.label).toEqual([]);
    }
    // Both axes titled on every chart (the funnel adds its segment name as a heading).
    const trend = charts.find((c) => c.label.startsWith('Visitors per day'))!;
    expect(trend.titles).toEqual(['Visitors', 'Day (month-day, UTC)']);
    const funnel = charts.find((c) => c.label.startsWith('Funnel of All'))!;
    expect(funnel.titles).toEqual(expect.arrayContaining(['Share of product viewers', 'Funnel step (solid: this period, light: the one before)']));
  });
});

/** Long names, seven-digit counts, 90 days, seven segments: the most a report has to hold. */
function bigSiteReport(): SiteReport {
  const big = { visitors: 1_234_567, conversions: 45_678, revenue: 9_876_543, revenueSq: 5e9 };
  const ids = ['*', 'thriller-lovers-who-viewed-three-or-more', 'big-spenders', 'from-email-newsletter-autumn', 'dress-traders', 'lapsed-buyers', 'new-visitors'];
  const rows = segmentRows(new Map(ids.map((id) => [id, big])), new Map(ids.map((id) => [id, { ...big, conversions: 40_000 }])));
  const names = new Map([['thriller-lovers-who-viewed-three-or-more', 'Thriller lovers who viewed three or more thrillers']]);
  const period = reportPeriod({ days: '90' }, Date.now());
  if ('issues' in period) throw new Error('bad period');
  const funnel = new Map(ids.map((id, i) => [id, [1_234_567 - i * 1000, 456_789, 123_456, 45_678]]));
  const days = trendSeries(
    ids.flatMap((segment, i) =>
      Array.from({ length: 90 }, (_, d) => ({
        day: new Date(Date.parse(period.current.from) + d * 86_400_000).toISOString().slice(0, 10),
        segment,
        visitors: 10_000 + ((d * 37 + i * 101) % 900) * 10,
        conversions: 300 + ((d * 13 + i) % 50),
      })),
    ),
    period.current,
    names,
  );
  const views = ids.map((segment) => ({ segment, kind: 'item' as const, item: 'dress-b-long-product-id-0001', n: 100_000 }));
  const counts = ids.map((segment) => ({ segment, kind: 'item' as const, from: 'dress-b-long-product-id-0001', to: 'dress-a-long-product-id-0002', n: 40_000 }));
  return {
    site: 'demo-shop',
    configVersion: '20250301T000000000Z-abcd1234',
    period,
    days: 90,
    method: METHOD,
    segments: markChanges(rows, names),
    funnel: segmentFunnels(funnel, funnel, names),
    paths: pathRows(views, counts, { segmentNames: names, productNames: new Map([['dress-a-long-product-id-0002', 'Linen wrap dress in midnight blue, long sleeves']]) }),
    pathMethod: PATH_METHOD,
    trend: days,
    experiments: [],
  };
}
