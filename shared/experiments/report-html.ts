/**
 * The experiment report as one self-contained HTML page (inline CSS and SVG, no script, no
 * network) for `GET /admin/sites/:site/report`. Every string from the config or the data
 * is escaped where it enters the page, so a hypothesis reading `<script>` shows as text.
 */
import { escapeHtml } from './escape-html';
import { armColour, conversionBarChart, cumulativeLineChart } from './report-charts';
import { formatChance, formatChange, formatCount, formatPercent, formatPValue } from './format';
import type { ExperimentReport, SegmentReport, VariantReport } from './report';

export { escapeHtml };

const VERDICT_TITLES: Record<ExperimentReport['verdict']['status'], string> = {
  supported: 'Hypothesis supported',
  'not-supported': 'Hypothesis not supported',
  inconclusive: 'Too early to tell',
  srm: 'Split is off: results not trustworthy',
};

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;margin:0;background:#f6f6f7}
main{max-width:960px;margin:0 auto;padding:24px}
header p{margin:4px 0;color:#555}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}
.hypothesis{font-size:17px;color:#1d1d1f;background:#fff;border-left:4px solid #0072b2;padding:8px 12px}
.verdict{padding:14px 16px;border-radius:8px;margin:20px 0;color:#fff}
.verdict strong{display:block;font-size:17px}
.verdict.supported{background:#1a7f37}.verdict.not-supported{background:#b3261e}
.verdict.inconclusive{background:#5f6368}.verdict.srm{background:#c2410c}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
.scroll{overflow-x:auto}
th,td{padding:6px 8px;border-bottom:1px solid #e3e3e6;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
th{font-weight:600;background:#fafafa}
td.best{background:#e6f4ea;font-weight:600}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
.muted{fill:#666;color:#666}
svg{background:#fff;max-width:100%;height:auto}
svg text{font:12px system-ui,sans-serif;fill:#333}
svg .grid{stroke:#e3e3e6}svg .err{stroke:#1d1d1f;stroke-width:1.5}
`;

export interface RenderOptions {
  site: string;
  /** The experiment's name from the config, shown instead of its id. */
  name?: string;
  /** A segment's name from the config (its id when it has none). */
  segmentName?: (id: string) => string;
}

export function renderReportHtml(report: ExperimentReport, opts: RenderOptions): string {
  const { experiment, verdict } = report;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(`${opts.name ?? experiment.id} · ${opts.site} · Vitrine experiment report`)}</title>
<style>${STYLE}</style></head>
<body><main>
<header>
<p>${escapeHtml(opts.site)} · experiment <code>${escapeHtml(experiment.id)}</code> · ${escapeHtml(experiment.status)}</p>
<h1>${escapeHtml(opts.name ?? 'Experiment report')}</h1>
<p class="hypothesis">${escapeHtml(report.hypothesis.text)}</p>
</header>
<section class="verdict ${escapeHtml(verdict.status)}" role="status">
<strong>${VERDICT_TITLES[verdict.status]}</strong>${escapeHtml(verdict.text)}
</section>
<h2>Arms</h2>
${armsTable(report.variants)}
<p class="muted">Split check: ${formatPValue(report.srm.pValue)} (χ² = ${report.srm.chi2.toFixed(2)}); below p=0.001 the split is called broken.</p>
<h2>Conversion rate per arm</h2>
${conversionBarChart(report)}
<h2>Cumulative conversion rate over time</h2>
${cumulativeLineChart(report)}
<h2>Segments</h2>
${segmentTable(report.segments, report.variants, opts.segmentName ?? ((id) => id))}
</main></body></html>
`;
}

const dash = '—';

function armsTable(variants: readonly VariantReport[]): string {
  const rows = variants.map((v, i) => {
    const cells = [
      `<td>${swatch(i)}${escapeHtml(v.id)}${v.control ? ' <span class="muted">(control)</span>' : ''}</td>`,
      `<td>${formatCount(v.visitors)}</td>`,
      `<td>${formatCount(v.conversions)}</td>`,
      `<td>${formatPercent(v.conversionRate, 2)}</td>`,
      `<td>${formatPercent(v.conversionCI[0], 2)} to ${formatPercent(v.conversionCI[1], 2)}</td>`,
      `<td>${v.control ? dash : v.uplift === null ? dash : formatChange(v.uplift)}</td>`,
      `<td>${v.upliftCI ? `${formatChange(v.upliftCI[0])} to ${formatChange(v.upliftCI[1])}` : dash}</td>`,
      `<td>${v.pValue === null ? dash : formatPValue(v.pValue).slice(2)}</td>`,
      `<td>${v.chanceToWin === null ? dash : formatChance(v.chanceToWin)}</td>`,
      `<td>${v.revenuePerVisitor.toFixed(2)}</td>`,
      `<td>${v.revenuePValue === null ? dash : formatPValue(v.revenuePValue).slice(2)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return (
    '<div class="scroll"><table class="arms"><thead><tr><th>Arm</th><th>Visitors</th><th>Conversions</th><th>Rate</th>' +
    '<th>95% CI</th><th>Uplift</th><th>Uplift 95% CI</th><th>p</th><th>Chance to win</th>' +
    '<th>Revenue / visitor</th><th>Revenue p</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

/** One row per segment; the arm converting best in that segment is highlighted. */
function segmentTable(segments: readonly SegmentReport[], variants: readonly VariantReport[], segmentName: (id: string) => string): string {
  if (segments.length === 0) return '<p class="muted">No segment data yet.</p>';
  const head = variants.map((v, i) => `<th>${swatch(i)}${escapeHtml(v.id)}</th>`).join('');
  const rows = segments.map((s) => {
    const best = Math.max(...s.variants.filter((c) => c.visitors > 0).map((c) => c.conversionRate));
    const cells = s.variants.map((c, i) => {
      const isBest = c.visitors > 0 && c.conversionRate === best && s.variants.some((o) => o.conversionRate < best);
      const uplift = i > 0 && c.uplift !== null ? ` <span class="muted">${formatChange(c.uplift)}</span>` : '';
      return (
        `<td${isBest ? ' class="best"' : ''}>${formatPercent(c.conversionRate, 2)}${uplift}` +
        ` <span class="muted">(${formatCount(c.conversions)}/${formatCount(c.visitors)})</span></td>`
      );
    });
    return `<tr><td>${escapeHtml(segmentName(s.segment))}</td>${cells.join('')}</tr>`;
  });
  return (
    `<div class="scroll"><table class="segments"><thead><tr><th>Segment</th>${head}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

function swatch(index: number): string {
  return `<span class="swatch" style="background:${armColour(index)}"></span>`;
}
