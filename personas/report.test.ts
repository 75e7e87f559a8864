import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';
import { analyseOrders, type PersonaAnalysis } from './pipeline.js';
import { reportHtml } from './report.js';

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
  analysis = await analyseOrders(path, { k: 2 });
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
    expect(html).toContain('aria-label="Distribution of predicted customer lifetime value"');
    expect(html).toContain('aria-label="Share of customers and share of revenue per persona"');
    expect(html.match(/<section class="card"/g)).toHaveLength(analysis.personas.length);
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<b>"x" & \'y\'</b>', '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;'],
    [42, '42'],
  ])('%j → %j', (input, output) => expect(escapeHtml(input)).toBe(output));
});
