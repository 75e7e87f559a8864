import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';
import { analyseOrders, type PersonaAnalysis } from './pipeline.js';
import { moneyFormat } from './money.js';
import { reportHtml } from './report.js';
import { clvBandsChart, frequencyBand, rfmGridChart } from './report-charts.js';

const dir = mkdtempSync(join(tmpdir(), 'personas-report-'));
let analysis: PersonaAnalysis;

beforeAll(async () => {
  // Category and channel names come straight from the shop's file: make them hostile.
  const rows = ['customer_id,date,amount,category,channel'];
  for (let c = 0; c < 40; c++) {
    for (let d = 0; d <= c % 5; d++) {
      const category = c % 2 ? '<script>alert(1)</script>' : 'Books & "More"';
      rows.push(`c${c},2024-0${1 + d}-${10 + (c % 9)},${5 + c},"${category.replace(/"/g, '""')}",<img src=x>`);
    }
  }
  const path = join(dir, 'orders.csv');
  writeFileSync(path, rows.join('\n'));
  analysis = await analyseOrders(path, { k: 2, currency: 'EUR' });
});

describe('reportHtml', () => {
  it('escapes every text taken from the data', () => {
    const html = reportHtml(analysis);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is self-contained: no scripts, no external stylesheets, images or fonts', () => {
    const html = reportHtml(analysis);
    expect(html).not.toMatch(/<script|<link|src=["']?https?:|url\(/i);
  });

  it('has the three charts and one card per persona', () => {
    const html = reportHtml(analysis);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('aria-label="Customers by recency (R) and frequency (F) score"');
    expect(html).toContain('aria-label="Predicted lifetime value by tenth of customers"');
    expect(html).toContain('aria-label="Share of customers and share of revenue per persona"');
    expect(html.match(/<section class="card"/g)).toHaveLength(analysis.personas.length);
  });
});

describe('report charts', () => {
  it('titles both axes of the RFM grid and labels each band with the values it holds', () => {
    const grid = rfmGridChart([{ r: 5, f: 1 }], { recencyDays: [14, 30, 60, 120], frequency: [1, 2, 3, 5], monetary: [1, 2, 3, 4] });
    expect(grid).toContain('Frequency score F (purchase days)');
    expect(grid).toContain('Recency score R (days since last purchase)');
    for (const label of ['≤ 14 d', '14–30 d', '&gt; 120 d', '>1<', '>4–5<', '>6+<']) expect(grid).toContain(label);
  });

  it.each([
    [1, [1, 2, 3, 5], '1'],
    [4, [1, 2, 3, 5], '4–5'],
    [5, [1, 2, 3, 5], '6+'],
    [2, [1, 1.4, 2.2, 3], 'none'],
  ] as const)('frequency band F%s of edges %j holds %s', (f, edges, label) => expect(frequencyBand(f, edges)).toBe(label));

  it('shows predicted value in ten bands of customers, top first, each with its money range and share', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const chart = clvBandsChart(values, moneyFormat('USD'));
    expect(chart.match(/<rect /g)).toHaveLength(10);
    expect(chart).toContain('Top 10 % · $90–$99');
    expect(chart).toContain('90–100 % · $0.00–$9.00');
    expect(chart).toContain('Customers by predicted value');
    expect(chart).toContain('Share of all predicted value');
    expect(chart).not.toContain('€');
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<b>"x" & \'y\'</b>', '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;'],
    [42, '42'],
  ])('%j → %j', (input, output) => expect(escapeHtml(input)).toBe(output));
});
