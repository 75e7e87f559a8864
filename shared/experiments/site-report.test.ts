import { describe, expect, it } from 'vitest';
import type { PeriodTotals } from './report';
import { holm, markChanges, reportPeriod, segmentRows } from './site-report';
import { renderSiteReport } from './site-report-html';

const NOW = Date.parse('2025-03-31T15:00:00Z');

describe('reportPeriod', () => {
  it.each([
    ['no query: the last 7 days', {}, { days: 7 }, { from: '2025-03-25', to: '2025-03-31' }, { from: '2025-03-18', to: '2025-03-24' }],
    ['days=28', { days: '28' }, { days: 28 }, { from: '2025-03-04', to: '2025-03-31' }, { from: '2025-02-04', to: '2025-03-03' }],
    ['days=90', { days: '90' }, { days: 90 }, { from: '2025-01-01', to: '2025-03-31' }, { from: '2024-10-03', to: '2024-12-31' }],
    ['since a date: as many days before', { since: '2025-03-15' }, { since: '2025-03-15' }, { from: '2025-03-15', to: '2025-03-31' }, { from: '2025-02-26', to: '2025-03-14' }],
    ['since today: one day against yesterday', { since: '2025-03-31' }, { since: '2025-03-31' }, { from: '2025-03-31', to: '2025-03-31' }, { from: '2025-03-30', to: '2025-03-30' }],
  ])('%s', (_, query, choice, current, previous) => {
    expect(reportPeriod(query, NOW)).toMatchObject({ choice, current, previous });
  });

  it.each([
    ['days that are not offered', { days: '14' }, ['days'], /days must be 7, 28, 90/],
    ['days that are no number', { days: 'week' }, ['days'], /days must be 7, 28, 90/],
    ['a date that is not one', { since: '2025-02-30' }, ['since'], /not a date; use YYYY-MM-DD/],
    ['a date in another format', { since: '31-03-2025' }, ['since'], /not a date/],
    ['a date in the future', { since: '2025-04-01' }, ['since'], /in the future/],
    ['a date too long ago for the stretch before it', { since: '2024-09-01' }, ['since'], /at most 198 days ago/],
    ['both', { days: '7', since: '2025-03-01' }, ['since'], /not both/],
  ])('refuses %s, naming the parameter', (_, query, path, message) => {
    const result = reportPeriod(query, NOW) as { issues: { path: string[]; message: string }[] };
    expect(result.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});

describe('holm', () => {
  it('adjusts step-down and keeps the input order, skipping untested rows', () => {
    // Sorted 0.01, 0.02, 0.04 → ×3, ×2, ×1 with a running maximum: 0.03, 0.04, 0.04.
    expect(holm([0.04, null, 0.01, 0.02])).toEqual([0.04, null, 0.03, 0.04]);
    expect(holm([0.9, 0.8])).toEqual([1, 1]);
  });
});

const totals = (visitors: number, conversions: number, order = 50): PeriodTotals => ({
  visitors,
  conversions,
  revenue: conversions * order,
  revenueSq: conversions * order * order,
});

describe('markChanges', () => {
  const rows = segmentRows(
    new Map([
      ['*', totals(20_000, 800)],
      ['thriller-lovers', totals(5000, 300)],
      ['tiny-campaign', totals(78, 5)],
      ['new-segment', totals(40, 3)],
    ]),
    new Map([
      ['*', totals(20_000, 600)],
      ['thriller-lovers', totals(5000, 290)],
      ['tiny-campaign', totals(70, 1)],
    ]),
  );
  const marked = markChanges(rows, new Map([['thriller-lovers', 'Thriller lovers']]));
  const row = (id: string) => marked.find((r) => r.segment === id)!;

  it('marks a large change on many visitors', () => {
    expect(row('*').conversion).toMatchObject({ meaningful: true });
    expect(row('*').conversion.adjustedP).toBeLessThan(0.001);
  });

  it('does not mark +355 % on 78 visitors, nor a small change on many', () => {
    expect(row('tiny-campaign').comparison.conversionRateChange).toBeGreaterThan(3);
    expect(row('tiny-campaign').conversion).toEqual({ adjustedP: null, meaningful: false });
    expect(row('thriller-lovers').conversion.meaningful).toBe(false);
    expect(row('thriller-lovers').conversion.adjustedP).toBeGreaterThan(0.05);
  });

  it('leaves a segment without a previous period untested, and names segments from the config', () => {
    expect(row('new-segment').conversion.adjustedP).toBeNull();
    expect(row('thriller-lovers').name).toBe('Thriller lovers');
    expect(row('*').name).toBeUndefined();
  });

  it('shows a segment name from the config as text', () => {
    const html = renderSiteReport({
      site: '<i>demo</i>',
      configVersion: 'v1',
      period: reportPeriod({}, NOW) as never,
      days: 7,
      method: '',
      segments: markChanges(rows, new Map([['thriller-lovers', '<img src=x onerror=alert(1)>']])),
      funnel: [],
      paths: [],
      pathMethod: '',
      trend: [],
      experiments: [],
    });
    expect(html).not.toMatch(/<img|<i>demo/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('colours only the marked changes in the page, and states the tests used', () => {
    const html = renderSiteReport({
      site: 'demo',
      configVersion: 'v1',
      period: reportPeriod({ days: '28' }, NOW) as never,
      days: 28,
      method: 'METHOD TEXT',
      segments: marked,
      funnel: [],
      paths: [],
      pathMethod: '',
      trend: [],
      experiments: [],
    });
    const cells = (id: string) => html.slice(html.indexOf(`<code>${id}</code>`) >= 0 ? html.indexOf(`<code>${id}</code>`) : html.indexOf(`<td>${id}</td>`)).split('</tr>')[0];
    expect(html).toContain('METHOD TEXT');
    expect(html.split('</tr>').find((r) => r.includes('All visitors'))).toMatch(/<td class="up">\+33\.3%/);
    expect(cells('tiny-campaign')).toMatch(/<td class="flat">\+\d+(\.\d)?%<span class="sub">too few<\/span>/);
    expect(cells('thriller-lovers')).toMatch(/<td class="flat">\+3\.4%<span class="sub">p=[\d.]+, may be chance<\/span>/);
    expect(html).toContain('Thriller lovers <code>thriller-lovers</code>');
    expect(html).toContain('last 28 days (2025-03-04 – 2025-03-31) against the 28 before (2025-02-04 – 2025-03-03)');
    expect(html).toContain('<a class="current">28 days</a>');
    expect(html).toContain('<a href="?days=90&amp;format=html">90 days</a>');
    expect(html).toContain('<input type="date" name="since"');
  });
});
