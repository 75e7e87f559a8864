import { describe, expect, it } from 'vitest';
import { buildReport, type ExperimentInput } from './report';
import { escapeHtml, renderReportHtml } from './report-html';

const input: ExperimentInput = {
  experiment: {
    id: 'hero-quotes',
    hypothesis: 'Quotes <script>alert("x")</script> & photos sell',
    status: 'running',
    variants: [
      { id: 'control', weight: 0.5 },
      { id: 'quotes', weight: 0.5 },
    ],
  },
  arms: [
    { id: 'control', visitors: 10_000, conversions: 240, revenue: 12_000, revenueSq: 600_000 },
    { id: 'quotes', visitors: 10_000, conversions: 315, revenue: 15_750, revenueSq: 787_500 },
  ],
  segments: [
    { segment: 'thriller-lovers', variant: 'control', visitors: 800, conversions: 20, revenue: 1000 },
    { segment: 'thriller-lovers', variant: 'quotes', visitors: 820, conversions: 41, revenue: 2050 },
    { segment: '<img src=x onerror=alert(1)>', variant: 'control', visitors: 10, conversions: 1, revenue: 50 },
  ],
  daily: [
    { day: '2025-03-01', variant: 'control', visitors: 5000, conversions: 110, revenue: 5500 },
    { day: '2025-03-01', variant: 'quotes', visitors: 5000, conversions: 150, revenue: 7500 },
    { day: '2025-03-02', variant: 'control', visitors: 5000, conversions: 130, revenue: 6500 },
    { day: '2025-03-02', variant: 'quotes', visitors: 5000, conversions: 165, revenue: 8250 },
  ],
};

const html = renderReportHtml(buildReport(input), { site: 'demo-shop' });

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Tom & "Jerry"', 'Tom &amp; &quot;Jerry&quot;'],
    ["it's", 'it&#39;s'],
    ['&lt;', '&amp;lt;'],
    ['plain', 'plain'],
  ])('%s → %s', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('renderReportHtml', () => {
  it('shows a <script> in the hypothesis as text, never as a tag', () => {
    expect(html).toContain('Quotes &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; photos sell');
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes segment names, so markup typed into one cannot add an element', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img/i);
  });

  it('escapes the experiment id and site wherever they appear', () => {
    const other = renderReportHtml(
      buildReport({ ...input, experiment: { ...input.experiment, id: 'x"><b>bold' } }),
      { site: '<i>shop</i>' },
    );
    expect(other).not.toContain('<b>bold');
    expect(other).not.toContain('<i>shop');
    expect(other).toContain('x&quot;&gt;&lt;b&gt;bold');
  });

  it('is a complete page that loads nothing from the network', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('</html>');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link|<script|src="http|url\(/i);
  });

  it('shows the verdict in a banner coloured by its status: provisional before the planned sample', () => {
    expect(html).toMatch(/<section class="verdict inconclusive"[^>]*>\s*<strong>Planned sample not reached yet<\/strong>Provisional: /);
    const done = renderReportHtml(
      buildReport({ ...input, arms: [{ ...input.arms[0], visitors: 70_000, conversions: 1680 }, { ...input.arms[1], visitors: 70_000, conversions: 2205 }] }),
      { site: 'demo-shop' },
    );
    expect(done).toMatch(/<section class="verdict supported"[^>]*>\s*<strong>Hypothesis supported<\/strong>/);
    expect(done).toContain('converts better than the control');
  });

  it('states the planned sample, its assumptions and each arm\'s progress towards it', () => {
    expect(html).toContain('<strong>Planned sample:</strong> 66,946 visitors per arm, to detect a 10% relative lift over the control&#39;s 2.4% conversion rate so far (80% power, α = 0.05 two-sided).');
    expect(html).toContain('fixed-horizon test');
    expect(html).toMatch(/control 10,000 <progress max="66946" value="10000"><\/progress> 15%/);
  });

  it('shows names from the config instead of ids, the id beside each', () => {
    const named = renderReportHtml(
      buildReport(
        { ...input, experiment: { ...input.experiment, name: 'Hero quotes', variants: [{ id: 'control', weight: 0.5 }, { id: 'quotes', name: 'Reviewer quotes', weight: 0.5 }] } },
        { segments: new Map([['thriller-lovers', 'Thriller lovers']]) },
      ),
      { site: 'demo-shop' },
    );
    expect(named).toContain('<h1>Hero quotes</h1>');
    expect(named).toContain('Reviewer quotes <code>quotes</code>');
    expect(named).toContain('<td>Thriller lovers <code>thriller-lovers</code></td>');
    expect(named).toContain('>Reviewer quotes</text>');
  });

  it('marks an archived experiment and says when it left the config', () => {
    const archived = renderReportHtml(buildReport(input), { site: 'demo-shop', archived: { leftAt: '2025-04-01T09:30:00.000Z', version: '20250401T093000000Z-abcd1234' } });
    expect(archived).toContain('experiment <code>hero-quotes</code> · archived');
    expect(archived).toContain('<strong>Archived.</strong> This experiment left the site config on 2025-04-01 (09:30 UTC)');
    expect(archived).toContain('<code>20250401T093000000Z-abcd1234</code>');
  });

  it('has a row for each arm in the seven-column arms table and a bar for each in the chart', () => {
    const arms = html.slice(html.indexOf('<table class="arms"'), html.indexOf('</table>'));
    expect(arms.match(/<tr>/g)).toHaveLength(3);
    expect(arms.match(/<th>/g)).toHaveLength(7);
    expect(arms).toContain('control');
    expect(arms).toContain('quotes');
    expect(arms).toContain('+31.3%');
    expect(html.match(/<rect [^>]*fill="#[0-9a-f]{6}"\/><line/g)).toHaveLength(2);
  });

  it('draws both charts as inline SVG: bars with error bars, one line per arm', () => {
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('aria-label="Conversion rate per arm with 95% confidence intervals"');
    expect(html.match(/<polyline /g)).toHaveLength(2);
    expect(html).toContain('2025-03-01');
    expect(html).toContain('2025-03-02');
  });

  it('lists every segment with each arm, highlighting the arm that converts best there', () => {
    const segments = html.slice(html.indexOf('<table class="segments"'));
    expect(segments).toContain('thriller-lovers');
    expect(segments).toMatch(/<td class="best">5%/);
    expect(segments.match(/<tr>/g)).toHaveLength(3);
  });

  it('says so when there is no daily or segment data yet', () => {
    const empty = renderReportHtml(buildReport({ ...input, segments: [], daily: [] }), { site: 'demo-shop' });
    expect(empty).toContain('No daily data yet');
    expect(empty).toContain('No segment data yet.');
  });
});
