/**
 * The site report's charts as inline SVG: the daily trend per segment and each segment's
 * funnel. Drawn by hand (no script, no network); every label escaped; both axes titled.
 * The SVGs scale to their box (viewBox, width 100 %), so they fit any report width.
 */
import { escapeHtml } from './escape-html';
import { FUNNEL_STEPS, type SegmentFunnel } from './funnel';
import { formatCount, formatPercent } from './format';
import { armColour, niceTop } from './report-charts';
import type { TrendSeries } from './trend';

const r2 = (n: number): string => (Math.round(n * 100) / 100).toString();
const TICKS = 4;
/** More lines than this turn a trend into a tangle: the largest segments are drawn. */
export const MAX_TREND_LINES = 6;

const STEP_LABELS: Record<(typeof FUNNEL_STEPS)[number], string> = {
  view_item: 'Viewed a product',
  add_to_cart: 'Added to cart',
  begin_checkout: 'Began checkout',
  purchase: 'Purchased',
};

export const stepLabel = (step: (typeof FUNNEL_STEPS)[number]): string => STEP_LABELS[step];
const segmentLabel = (s: { segment: string; name?: string }) => (s.segment === '*' ? 'All visitors' : (s.name ?? s.segment));

function svg(width: number, height: number, label: string, body: string): string {
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" ` +
    `aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">${body}</svg>`
  );
}

/** Gridlines and tick labels from 0 to `top`, and the y axis title turned up the left side. */
function yAxis(top: number, box: { left: number; right: number; top: number; height: number }, format: (v: number) => string, title: string): string {
  let out = '';
  for (let i = 0; i <= TICKS; i++) {
    const y = box.top + box.height - (box.height * i) / TICKS;
    out += `<line x1="${box.left}" x2="${box.right}" y1="${r2(y)}" y2="${r2(y)}" stroke="#e3e3e6"/>`;
    out += `<text x="${box.left - 6}" y="${r2(y + 4)}" text-anchor="end" fill="#444">${escapeHtml(format((top * i) / TICKS))}</text>`;
  }
  out += `<text transform="translate(14 ${r2(box.top + box.height / 2)}) rotate(-90)" text-anchor="middle" font-weight="600">${escapeHtml(title)}</text>`;
  return out;
}

/** A count axis top in whole visitors: 4 steps of 1, 2, 2.5 or 5 × 10^k, never below 4. */
const countTop = (max: number) => Math.max(TICKS, niceTop(max));

/**
 * One line per segment over the days of the period: visitors per day, or the conversion
 * rate (days without visitors left out of the line rather than drawn as 0 %).
 */
export function trendChart(series: readonly TrendSeries[], metric: 'visitors' | 'conversionRate'): string {
  const [W, H] = [1100, 300];
  const box = { left: 70, right: W - 20, top: 16, height: H - 16 - 86 };
  const shown = series.slice(0, MAX_TREND_LINES);
  const days = shown[0]?.points.map((p) => p.day) ?? [];
  const title = metric === 'visitors' ? 'Visitors per day' : 'Conversion rate per day';
  if (days.length === 0) return svg(W, 60, title, `<text x="${W / 2}" y="30" text-anchor="middle">No visits in this period</text>`);
  const value = (p: TrendSeries['points'][number]) => (metric === 'visitors' ? p.visitors : p.conversionRate);
  const max = Math.max(0, ...shown.flatMap((s) => s.points.map((p) => value(p) ?? 0)));
  const top = metric === 'visitors' ? countTop(max) : niceTop(max);
  const x = (i: number) => box.left + (days.length === 1 ? (box.right - box.left) / 2 : ((box.right - box.left) * i) / (days.length - 1));
  const y = (v: number) => box.top + box.height - (v / top) * box.height;
  const format = metric === 'visitors' ? (v: number) => formatCount(v) : (v: number) => formatPercent(v, 1);
  let body = yAxis(top, box, format, metric === 'visitors' ? 'Visitors' : 'Conversion rate');
  // Dates under the axis: about eight, first and last always.
  const every = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((d, i) => {
    if (i % every !== 0 && i !== days.length - 1) return;
    if (i !== days.length - 1 && days.length - 1 - i < every / 2) return;
    body += `<text x="${r2(x(i))}" y="${box.top + box.height + 20}" text-anchor="middle" fill="#444">${escapeHtml(d.slice(5))}</text>`;
  });
  body += `<text x="${r2((box.left + box.right) / 2)}" y="${box.top + box.height + 40}" text-anchor="middle" font-weight="600">Day (month-day, UTC)</text>`;
  shown.forEach((s, i) => {
    const colour = armColour(i);
    const label = segmentLabel(s);
    // Split into runs where the value exists, so a day without visitors breaks a rate line.
    const runs: string[][] = [[]];
    s.points.forEach((p, d) => {
      const v = value(p);
      if (v === null) runs.push([]);
      else runs[runs.length - 1].push(`${r2(x(d))},${r2(y(v))}`);
    });
    body += `<g class="series"><title>${escapeHtml(label)}</title>`;
    for (const run of runs) {
      if (run.length > 1) body += `<polyline points="${run.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`;
      if (run.length === 1) body += `<circle cx="${run[0].split(',')[0]}" cy="${run[0].split(',')[1]}" r="2.5" fill="${colour}"/>`;
    }
    const lx = box.left + (i % 3) * 340;
    const ly = H - 30 + Math.floor(i / 3) * 18;
    body += `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${colour}"/><text x="${lx + 14}" y="${ly}">${escapeHtml(truncate(label, 44))}</text></g>`;
  });
  return svg(W, H, `${title} per segment`, body);
}

/**
 * One segment's funnel: per step, the share of product viewers who got that far, this
 * period (solid) beside the one before (light), with counts and the drop-off into the step.
 */
export function funnelChart(f: SegmentFunnel): string {
  const [W, H] = [540, 286];
  // Room above the bars for the segment's name and, over a full bar, its count.
  const box = { left: 64, right: W - 12, top: 44, height: H - 44 - 62 };
  const firstNow = f.steps[0].visitors;
  const firstBefore = f.steps[0].previousVisitors;
  const y = (share: number) => box.top + box.height - share * box.height;
  let body = `<text x="${box.left}" y="16" font-weight="600">${escapeHtml(truncate(segmentLabel(f), 60))}</text>`;
  body += yAxis(1, box, (v) => formatPercent(v, 0), 'Share of product viewers');
  const slot = (box.right - box.left) / FUNNEL_STEPS.length;
  const barW = Math.min(44, slot * 0.36);
  f.steps.forEach((s, i) => {
    const cx = box.left + slot * (i + 0.5);
    const now = firstNow ? s.visitors / firstNow : 0;
    const before = firstBefore ? s.previousVisitors / firstBefore : 0;
    const drop = s.dropOff === null ? '' : `, ${formatPercent(s.dropOff, 0)} dropped off before this step`;
    body +=
      `<g class="step"><title>${escapeHtml(`${stepLabel(s.step)}: ${visitors(s.visitors)} this period${drop}; ${visitors(s.previousVisitors)} the period before`)}</title>` +
      `<rect x="${r2(cx - barW - 1)}" y="${r2(y(now))}" width="${r2(barW)}" height="${r2(box.top + box.height - y(now))}" fill="#0072b2"/>` +
      `<rect x="${r2(cx + 1)}" y="${r2(y(before))}" width="${r2(barW)}" height="${r2(box.top + box.height - y(before))}" fill="#0072b2" fill-opacity="0.3"/>` +
      `<text x="${r2(cx - barW / 2 - 1)}" y="${r2(y(now) - 4)}" text-anchor="middle">${formatCount(s.visitors)}</text>` +
      `<text x="${r2(cx)}" y="${box.top + box.height + 16}" text-anchor="middle">${escapeHtml(stepLabel(s.step))}</text>` +
      (s.dropOff === null ? '' : `<text x="${r2(cx)}" y="${box.top + box.height + 31}" text-anchor="middle" fill="#b3261e">−${formatPercent(s.dropOff, 0)} drop-off</text>`) +
      `</g>`;
  });
  body += `<text x="${r2((box.left + box.right) / 2)}" y="${H - 6}" text-anchor="middle" font-weight="600">Funnel step (solid: this period, light: the one before)</text>`;
  return svg(W, H, `Funnel of ${segmentLabel(f)}: share reaching each step`, body);
}

const visitors = (n: number) => `${formatCount(n)} visitor${n === 1 ? '' : 's'}`;

function truncate(text: string, length: number): string {
  return text.length > length ? text.slice(0, length - 1) + '…' : text;
}
