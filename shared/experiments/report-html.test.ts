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

  it('shows the verdict in a banner coloured by its status', () => {
    expect(html).toMatch(/<section class="verdict supported"[^>]*>\s*<strong>Hypothesis supported<\/strong>/);
    expect(html).toContain('converts better than the control');
  });

  it('has a row for each arm in the arms table and a bar for each in the chart', () => {
    const arms = html.slice(html.indexOf('<table class="arms"'), html.indexOf('</table>'));
    expect(arms.match(/<tr>/g)).toHaveLength(3);
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
