/**
 * The site report as one self-contained page: each experiment's verdict and how every
 * segment converts this period against the one before, with only the changes that are
 * unlikely to be chance coloured. A period change is not an experiment: the page says so.
 */
import { escapeHtml } from './escape-html';
import { formatChange, formatCount, formatPercent, formatPValue } from './format';
import type { PathRow, SegmentFunnel } from './funnel';
import { funnelChart, MAX_TREND_LINES, stepLabel, trendChart } from './site-report-charts';
import { PERIOD_DAYS, type ChangeMark, type MarkedSegmentRow, type ReportPeriod, type SiteReport } from './site-report';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;color:#1d1d1f;margin:0;background:#f6f6f7}
main{max-width:1180px;margin:0 auto;padding:24px}table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{padding:6px 8px;border-bottom:1px solid #e3e3e6;text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}
.sub{display:block;font-size:12px;font-weight:400;color:#666}code{font-size:12px;color:#666}
.up{color:#1a7f37;font-weight:600}.down{color:#b3261e;font-weight:600}.flat{color:#666}
.card{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0}.status{font-weight:600}.muted{color:#666}
nav a,nav form{margin-right:12px}nav a.current{font-weight:600;text-decoration:none;color:#1d1d1f}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px}.charts .card{margin:0}
svg.chart{display:block;height:auto}`;
/** Funnel charts drawn: everyone and the largest segments; the table below has them all. */
export const MAX_FUNNEL_CHARTS = 6;

/**
 * The site report as a page. `share` is the token of a read-only link the page was opened
 * with: its own links (the other periods) carry it on, or a colleague would hit a `401`.
 */
export function renderSiteReport(r: SiteReport, { share }: { share?: string } = {}): string {
  const rows = [...r.segments]
    .sort((a, b) => (a.segment === '*' ? -1 : b.segment === '*' ? 1 : b.current.visitors - a.current.visitors))
    .map(segmentRow)
    .join('');
  const experiments = r.experiments
    .map(
      (e) => `<div class="card"><strong>${escapeHtml(e.experiment.name ?? e.experiment.id)}</strong> <span class="muted">${escapeHtml(e.experiment.status)}</span>
<p>${escapeHtml(e.hypothesis.text)}</p><p class="status">${escapeHtml(e.verdict.text)}</p>
<p class="muted">${e.variants.map((v) => `${escapeHtml(v.name ?? v.id)}: ${formatCount(v.visitors)} visitors, ${formatPercent(v.conversionRate)}`).join(' · ')}</p></div>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(r.site)} · Vitrine report</title><style>${STYLE}</style></head><body><main>
<h1>${escapeHtml(r.site)}</h1><p class="muted">Config ${escapeHtml(r.configVersion)} · ${escapeHtml(periodWords(r.period))}</p>
${periodNav(r.period, share)}
<h2>Experiments</h2>${experiments || '<p class="muted">No running or finished experiments.</p>'}
${trendSection(r)}
${funnelSection(r.funnel)}
${pathSection(r.paths, r.pathMethod)}
<h2>Segments, this period against the one before</h2>
<p class="muted">Not a controlled test: season, prices and traffic mix changed too. Use experiments to prove an effect.</p>
<p class="muted">${escapeHtml(r.method)} Coloured: such a change; grey: it may be chance; “too few”: not tested.</p>
<table class="segments"><thead><tr><th>Segment</th><th>Visitors</th><th>Conversion</th><th>Visitors before</th><th>Conversion before</th><th>Change<span class="sub">Holm-adjusted p</span></th><th>Revenue / visitor</th><th>Before</th><th>Change<span class="sub">Holm-adjusted p</span></th></tr></thead>
<tbody>${rows}</tbody></table></main></body></html>`;
}

function segmentRow(row: MarkedSegmentRow): string {
  const { segment, current, previous, comparison: c } = row;
  return `<tr><td>${label(segment, row.name)}</td>
<td>${formatCount(current.visitors)}</td><td>${formatPercent(c.current.conversionRate)}</td>
<td>${formatCount(previous.visitors)}</td><td>${formatPercent(c.previous.conversionRate)}</td>
${changeCell(c.conversionRateChange, row.conversion)}
<td>${c.current.revenuePerVisitor.toFixed(2)}</td><td>${c.previous.revenuePerVisitor.toFixed(2)}</td>
${changeCell(c.revenuePerVisitorChange, row.revenue)}</tr>`;
}

/** Green or red only for a change unlikely to be chance; grey otherwise, with its adjusted p. */
function changeCell(change: number | null, mark: ChangeMark): string {
  if (change === null) return '<td>–</td>';
  const cls = !mark.meaningful ? 'flat' : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const sub = mark.adjustedP === null ? 'too few' : `${formatPValue(mark.adjustedP)}${mark.meaningful ? '' : ', may be chance'}`;
  return `<td class="${cls}">${formatChange(change)}<span class="sub">${sub}</span></td>`;
}

function periodWords({ choice, days, current, previous }: ReportPeriod): string {
  const now = `${current.from} – ${current.to}`;
  const before = `${previous.from} – ${previous.to}`;
  return 'since' in choice
    ? `since ${choice.since} (${days} days, ${now}) against the ${days} days before (${before})`
    : `last ${days} days (${now}) against the ${days} before (${before})`;
}

/** Links to the other periods and a date field for "since": plain GET, no script. */
function periodNav({ choice }: ReportPeriod, share?: string): string {
  const carry = share === undefined ? '' : `&amp;share=${escapeHtml(encodeURIComponent(share))}`;
  const links = PERIOD_DAYS.map((d) =>
    'days' in choice && choice.days === d ? `<a class="current">${d} days</a>` : `<a href="?days=${d}&amp;format=html${carry}">${d} days</a>`,
  ).join('');
  const since = 'since' in choice ? escapeHtml(choice.since) : '';
  const hidden = share === undefined ? '' : `<input type="hidden" name="share" value="${escapeHtml(share)}">`;
  return `<nav>${links}<form method="get" style="display:inline"><label>Since <input type="date" name="since" value="${since}"></label><input type="hidden" name="format" value="html">${hidden} <button>Show</button></form></nav>`;
}

function trendSection(r: SiteReport): string {
  const more = r.trend.length > MAX_TREND_LINES ? ` The ${MAX_TREND_LINES - 1} largest segments are drawn; the table below has them all.` : '';
  return `<h2>Trend per segment</h2><p class="muted">This period, day by day (UTC).${more}</p>
<div class="card">${trendChart(r.trend, 'visitors')}</div><div class="card">${trendChart(r.trend, 'conversionRate')}</div>`;
}

/** Charts for the largest segments, then every segment's drop-off per step in a table. */
function funnelSection(funnel: readonly SegmentFunnel[]): string {
  const charted = [...funnel].sort((a, b) => (a.segment === '*' ? -1 : b.segment === '*' ? 1 : b.steps[0].visitors - a.steps[0].visitors)).slice(0, MAX_FUNNEL_CHARTS);
  const head = funnel[0]?.steps.map((s, i) => `<th>${escapeHtml(stepLabel(s.step))}${i ? '<span class="sub">drop-off</span>' : ''}</th>`).join('') ?? '';
  const rows = funnel
    .map((f) => {
      const cells = f.steps
        .map(
          (s) =>
            `<td>${formatCount(s.visitors)}${s.dropOff === null ? '' : ` <span class="down">−${formatPercent(s.dropOff, 0)}</span>`}` +
            `<span class="sub">before: ${formatCount(s.previousVisitors)}${s.previousDropOff === null ? '' : `, −${formatPercent(s.previousDropOff, 0)}`}</span></td>`,
        )
        .join('');
      const overall = (v: number | null) => (v === null ? '–' : formatPercent(v, 1));
      return `<tr><td>${label(f.segment, f.name)}</td>${cells}<td>${overall(f.overall)}<span class="sub">before: ${overall(f.previousOverall)}</span></td></tr>`;
    })
    .join('');
  return `<h2>Funnel per segment: where they drop off</h2>
<p class="muted">Visitors who viewed a product, then added to cart, began checkout and purchased in the period; each step counts those who also did every step before it. Drop-off: share of the step before who did not go on.</p>
<div class="charts">${charted.map((f) => `<div class="card">${funnelChart(f)}</div>`).join('')}</div>
<table class="funnel"><thead><tr><th>Segment</th>${head}<th>Viewed → purchased</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** "Of thriller lovers who viewed X, 40 % went to Y next", per segment and starting point. */
function pathSection(paths: readonly PathRow[], method: string): string {
  const rows = paths
    .map((p) => {
      const from = `${p.kind === 'category' ? 'category ' : ''}${p.fromName ? `${escapeHtml(p.fromName)} <code>${escapeHtml(p.from)}</code>` : escapeHtml(p.from)}`;
      const next = p.next.map((n) => `${formatPercent(n.share, 0)} went to ${n.toName ? escapeHtml(n.toName) : escapeHtml(n.to)}`).join('<br>') || '–';
      return `<tr><td>${label(p.segment, p.segmentName)}</td><td>${from}</td><td>${formatCount(p.views)}</td><td>${next}</td><td>${formatPercent(p.noNext, 0)}</td></tr>`;
    })
    .join('');
  return `<h2>Where they went next</h2><p class="muted">${escapeHtml(method)} Add <code>from=&lt;product id or category&gt;</code> to the address to start from one.</p>
${rows ? `<table class="paths"><thead><tr><th>Segment</th><th>Viewed</th><th>Views</th><th>Next</th><th>Nothing next</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">No product views of catalog products in this period.</p>'}`;
}

function label(segment: string, name?: string): string {
  return segment === '*' ? '<strong>All visitors</strong>' : name ? `${escapeHtml(name)} <code>${escapeHtml(segment)}</code>` : escapeHtml(segment);
}
