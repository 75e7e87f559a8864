import { escapeHtml } from '../../../../shared/experiments/escape-html.js';
import { formatChange, formatCount, formatPercent, formatPValue } from '../../../../shared/experiments/format.js';
import type { ExperimentReport, PeriodComparison, PeriodTotals } from '../../../../shared/experiments/report.js';

export interface SegmentPeriodRow {
  segment: string;
  current: PeriodTotals;
  previous: PeriodTotals;
  comparison: PeriodComparison;
}

export interface SiteReport {
  site: string;
  configVersion: string;
  days: number;
  segments: SegmentPeriodRow[];
  experiments: ExperimentReport[];
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;color:#1d1d1f;margin:0;background:#f6f6f7}
main{max-width:960px;margin:0 auto;padding:24px}table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{padding:6px 8px;border-bottom:1px solid #e3e3e6;text-align:right}th:first-child,td:first-child{text-align:left}
.up{color:#1a7f37}.down{color:#b3261e}.card{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0}
.status{font-weight:600}.muted{color:#666}`;

/**
 * The site's overview: each experiment's verdict and how every segment converts this
 * period against the one before, by the names the config gives them. A period change is not an experiment: the page says so.
 */
export function renderSiteReport(r: SiteReport, segmentName: (id: string) => string): string {
  const rows = [...r.segments]
    .sort((a, b) => (a.segment === '*' ? -1 : b.segment === '*' ? 1 : b.current.visitors - a.current.visitors))
    .map(({ segment, current, previous, comparison: c }) => {
      const change = c.conversionRateChange;
      const cls = change === null ? '' : change > 0 ? 'up' : change < 0 ? 'down' : '';
      return `<tr><td>${segment === '*' ? '<strong>All visitors</strong>' : escapeHtml(segmentName(segment))}</td>
<td>${formatCount(current.visitors)}</td><td>${formatPercent(c.current.conversionRate)}</td>
<td>${formatCount(previous.visitors)}</td><td>${formatPercent(c.previous.conversionRate)}</td>
<td class="${cls}">${change === null ? '–' : formatChange(change)}</td>
<td>${c.pValue === null ? '–' : formatPValue(c.pValue)}</td>
<td>€${c.current.revenuePerVisitor.toFixed(2)}</td><td>€${c.previous.revenuePerVisitor.toFixed(2)}</td></tr>`;
    })
    .join('');
  const experiments = r.experiments
    .map(
      (e) => `<div class="card"><strong>${escapeHtml(e.experiment.name ?? e.experiment.id)}</strong> <span class="muted">${escapeHtml(e.experiment.status)}</span>
<p>${escapeHtml(e.hypothesis.text)}</p><p class="status">${escapeHtml(e.verdict.text)}</p>
<p class="muted">${e.variants.map((v) => `${escapeHtml(v.id)}: ${formatCount(v.visitors)} visitors, ${formatPercent(v.conversionRate)}`).join(' · ')}</p></div>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(r.site)} · Vitrine report</title><style>${STYLE}</style></head><body><main>
<h1>${escapeHtml(r.site)}</h1><p class="muted">Config ${escapeHtml(r.configVersion)} · last ${r.days} days against the ${r.days} before</p>
<h2>Experiments</h2>${experiments || '<p class="muted">No running or finished experiments.</p>'}
<h2>Segments, this period against the last</h2>
<p class="muted">Not a controlled test: season, prices and traffic mix changed too. Use experiments to prove an effect.</p>
<table><thead><tr><th>Segment</th><th>Visitors</th><th>Conversion</th><th>Visitors before</th><th>Conversion before</th><th>Change</th><th>p</th><th>Revenue / visitor</th><th>Before</th></tr></thead>
<tbody>${rows}</tbody></table></main></body></html>`;
}
