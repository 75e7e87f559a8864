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
  inconclusive: 'Planned sample not reached yet',
  srm: 'Split is off: results not trustworthy',
};

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;margin:0;background:#f6f6f7}
main{max-width:1180px;margin:0 auto;padding:24px}
header p{margin:4px 0;color:#555}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}
.hypothesis{font-size:17px;color:#1d1d1f;background:#fff;border-left:4px solid #0072b2;padding:8px 12px}
.verdict{padding:14px 16px;border-radius:8px;margin:20px 0;color:#fff}
.verdict strong{display:block;font-size:17px}
.verdict.supported{background:#1a7f37}.verdict.not-supported{background:#b3261e}
.verdict.inconclusive{background:#5f6368}.verdict.srm{background:#c2410c}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
.scroll{overflow-x:auto}
th,td{padding:6px 8px;border-bottom:1px solid #e3e3e6;text-align:right;vertical-align:top}
.sub{display:block;font-size:12px;font-weight:400;color:#666;white-space:nowrap}
code{font-size:12px;color:#666}
.archived{background:#fff7e0;border-left:4px solid #b07d00;padding:8px 12px}
.plan{background:#fff;padding:8px 12px;border-radius:8px}
progress{width:160px;vertical-align:middle}
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
  /** Set when the experiment has left the served config: its definition comes from a stored version. */
  archived?: { leftAt: string | null; version: string };
}

export function renderReportHtml(report: ExperimentReport, opts: RenderOptions): string {
  const { experiment, verdict } = report;
  const title = experiment.name ?? experiment.id;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(`${title} · ${opts.site} · Vitrine experiment report`)}</title>
<style>${STYLE}</style></head>
<body><main>
<header>
<p>${escapeHtml(opts.site)} · experiment <code>${escapeHtml(experiment.id)}</code> · ${escapeHtml(opts.archived ? 'archived' : experiment.status)}</p>
<h1>${escapeHtml(title)}</h1>
<p class="hypothesis">${escapeHtml(report.hypothesis.text)}</p>
</header>
${opts.archived ? archivedNote(opts.archived) : ''}
<section class="verdict ${escapeHtml(verdict.status)}" role="status">
<strong>${VERDICT_TITLES[verdict.status]}</strong>${escapeHtml(verdict.text)}
</section>
${planSection(report)}
<h2>Arms</h2>
${armsTable(report.variants)}
<p class="muted">Split check: ${formatPValue(report.srm.pValue)} (χ² = ${report.srm.chi2.toFixed(2)}); below p=0.001 the split is called broken.</p>
<h2>Conversion rate per arm</h2>
${conversionBarChart(report)}
<h2>Cumulative conversion rate over time</h2>
${cumulativeLineChart(report)}
<h2>Segments</h2>
${segmentTable(report.segments, report.variants)}
</main></body></html>
`;
}

const dash = '—';

function archivedNote({ leftAt, version }: { leftAt: string | null; version: string }): string {
  const when = leftAt
    ? `left the site config on ${escapeHtml(leftAt.slice(0, 10))} (${escapeHtml(leftAt.slice(11, 16))} UTC)`
    : 'left the served config when it was rolled back to an older version';
  return (
    `<p class="archived"><strong>Archived.</strong> This experiment ${when}; its definition comes from config version ` +
    `<code>${escapeHtml(version)}</code>, the newest that had it. The numbers are those collected while it ran.</p>`
  );
}

/** The planned sample and how far each arm has come towards it. */
function planSection({ plannedSample: plan, variants }: ExperimentReport): string {
  const { perArm } = plan;
  const progress =
    perArm === null
      ? ''
      : `<br>So far: ${variants
          .map((v) => `${escapeHtml(v.name ?? v.id)} ${formatCount(v.visitors)} <progress max="${perArm}" value="${Math.min(v.visitors, perArm)}"></progress> ${formatPercent(Math.min(1, v.visitors / perArm), 0)}`)
          .join(' · ')}`;
  return `<p class="plan"><strong>Planned sample:</strong> ${escapeHtml(plan.text)} The verdict waits for it: this is a fixed-horizon test, not a sequential one.${progress}</p>`;
}

/** Seven columns, intervals and p-values under their figures, so the table fits 1,280 px. */
function armsTable(variants: readonly VariantReport[]): string {
  const sub = (text: string) => `<span class="sub">${text}</span>`;
  const rows = variants.map((v, i) => {
    const cells = [
      `<td>${swatch(i)}${armLabel(v)}${v.control ? ' <span class="muted">(control)</span>' : ''}</td>`,
      `<td>${formatCount(v.visitors)}</td>`,
      `<td>${formatCount(v.conversions)}</td>`,
      `<td>${formatPercent(v.conversionRate, 2)}${sub(`${formatPercent(v.conversionCI[0], 2)} to ${formatPercent(v.conversionCI[1], 2)}`)}</td>`,
      `<td>${v.control || v.uplift === null ? dash : formatChange(v.uplift)}${v.upliftCI ? sub(`${formatChange(v.upliftCI[0])} to ${formatChange(v.upliftCI[1])}`) : ''}</td>`,
      `<td>${v.pValue === null ? dash : formatPValue(v.pValue).slice(2)}${v.chanceToWin === null ? '' : sub(`${formatChance(v.chanceToWin)} to win`)}</td>`,
      `<td>${v.revenuePerVisitor.toFixed(2)}${v.revenuePValue === null ? '' : sub(`p ${formatPValue(v.revenuePValue).slice(2)}`)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return (
    '<div class="scroll"><table class="arms"><thead><tr><th>Arm</th><th>Visitors</th><th>Conversions</th>' +
    '<th>Rate<span class="sub">95% CI</span></th><th>Uplift<span class="sub">95% CI</span></th>' +
    '<th>p<span class="sub">chance to win</span></th><th>Revenue / visitor<span class="sub">Welch p</span></th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

/** The name from the config, with the id beside it when they differ. */
function armLabel(v: { id: string; name?: string }): string {
  return v.name && v.name !== v.id ? `${escapeHtml(v.name)} <code>${escapeHtml(v.id)}</code>` : escapeHtml(v.id);
}

/** One row per segment; the arm converting best in that segment is highlighted. */
function segmentTable(segments: readonly SegmentReport[], variants: readonly VariantReport[]): string {
  if (segments.length === 0) return '<p class="muted">No segment data yet.</p>';
  const head = variants.map((v, i) => `<th>${swatch(i)}${armLabel(v)}</th>`).join('');
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
    return `<tr><td>${armLabel({ id: s.segment, name: s.name })}</td>${cells.join('')}</tr>`;
  });
  return (
    `<div class="scroll"><table class="segments"><thead><tr><th>Segment</th>${head}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

function swatch(index: number): string {
  return `<span class="swatch" style="background:${armColour(index)}"></span>`;
}
