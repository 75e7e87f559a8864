/**
 * Inline SVG charts for the HTML report, drawn by hand so the page needs no script and no
 * network. Each function returns one <svg> element as a string; labels are escaped here.
 */
import { escapeHtml } from './escape-html';
import { formatPercent } from './format';
import type { ExperimentReport } from './report';

/** Control grey, then distinct hues that stay apart for colour-blind readers (Okabe–Ito). */
const ARM_COLOURS = ['#7f7f7f', '#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#f0e442'];

export function armColour(index: number): string {
  return ARM_COLOURS[index % ARM_COLOURS.length];
}

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { top: 24, right: 16, bottom: 48, left: 56 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

const r2 = (n: number): string => (Math.round(n * 100) / 100).toString();

const TICKS = 4;

/** Horizontal gridlines with percentage labels, from 0 to `top`. */
function yAxis(top: number): string {
  let out = '';
  for (let i = 0; i <= TICKS; i++) {
    const value = (top * i) / TICKS;
    const y = PAD.top + PLOT_H - (PLOT_H * i) / TICKS;
    out += `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r2(y)}" y2="${r2(y)}" class="grid"/>`;
    out += `<text x="${PAD.left - 6}" y="${r2(y + 4)}" text-anchor="end">${formatPercent(value, 2)}</text>`;
  }
  return out;
}

/** An axis top of TICKS round steps (1, 2, 2.5 or 5 × 10^k) with a little headroom over `max`. */
export function niceTop(max: number): number {
  if (!(max > 0)) return 0.01;
  const rawStep = (max * 1.05) / TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep)!;
  return step * TICKS;
}

function svg(label: string, body: string): string {
  return (
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" ` +
    `aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`
  );
}

/** Conversion rate per arm as bars, with the 95 % interval as an error bar. */
export function conversionBarChart(report: ExperimentReport): string {
  const arms = report.variants;
  const top = niceTop(Math.max(...arms.map((v) => v.conversionCI[1]), 0));
  const y = (rate: number) => PAD.top + PLOT_H - (rate / top) * PLOT_H;
  const slot = PLOT_W / Math.max(1, arms.length);
  const barW = Math.min(80, slot * 0.5);
  let body = yAxis(top);
  arms.forEach((v, i) => {
    const cx = PAD.left + slot * (i + 0.5);
    const [lo, hi] = v.conversionCI;
    body +=
      `<g class="arm"><title>${escapeHtml(v.name ?? v.id)}: ${formatPercent(v.conversionRate, 2)} ` +
      `(95% CI ${formatPercent(lo, 2)} to ${formatPercent(hi, 2)})</title>` +
      `<rect x="${r2(cx - barW / 2)}" y="${r2(y(v.conversionRate))}" width="${r2(barW)}" ` +
      `height="${r2(PAD.top + PLOT_H - y(v.conversionRate))}" fill="${armColour(i)}"/>` +
      `<line x1="${r2(cx)}" x2="${r2(cx)}" y1="${r2(y(lo))}" y2="${r2(y(hi))}" class="err"/>` +
      `<line x1="${r2(cx - 8)}" x2="${r2(cx + 8)}" y1="${r2(y(lo))}" y2="${r2(y(lo))}" class="err"/>` +
      `<line x1="${r2(cx - 8)}" x2="${r2(cx + 8)}" y1="${r2(y(hi))}" y2="${r2(y(hi))}" class="err"/>` +
      `<text x="${r2(cx)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${escapeHtml(v.name ?? v.id)}</text>` +
      `<text x="${r2(cx)}" y="${HEIGHT - PAD.bottom + 34}" text-anchor="middle" class="muted">` +
      `${formatPercent(v.conversionRate, 2)}</text></g>`;
  });
  return svg('Conversion rate per arm with 95% confidence intervals', body);
}

/** Cumulative conversion rate per arm over the days of the test. */
export function cumulativeLineChart(report: ExperimentReport): string {
  const series = report.daily;
  const days = series[0]?.points.map((p) => p.day) ?? [];
  if (days.length === 0) {
    return svg('No daily data yet', `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">No daily data yet</text>`);
  }
  const top = niceTop(Math.max(...series.flatMap((s) => s.points.map((p) => p.conversionRate)), 0));
  const x = (i: number) => PAD.left + (days.length === 1 ? PLOT_W / 2 : (PLOT_W * i) / (days.length - 1));
  const y = (rate: number) => PAD.top + PLOT_H - (rate / top) * PLOT_H;
  let body = yAxis(top);
  body += `<text x="${PAD.left}" y="${HEIGHT - PAD.bottom + 18}">${escapeHtml(days[0])}</text>`;
  if (days.length > 1) {
    body += `<text x="${WIDTH - PAD.right}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="end">${escapeHtml(days[days.length - 1])}</text>`;
  }
  const names = new Map(report.variants.map((v) => [v.id, v.name ?? v.id]));
  series.forEach((s, i) => {
    const name = names.get(s.variant) ?? s.variant;
    const pts = s.points.map((p, d) => `${r2(x(d))},${r2(y(p.conversionRate))}`).join(' ');
    body +=
      `<g class="arm"><title>${escapeHtml(name)}</title>` +
      `<polyline points="${pts}" fill="none" stroke="${armColour(i)}" stroke-width="2.5"/>` +
      s.points.map((p, d) => `<circle cx="${r2(x(d))}" cy="${r2(y(p.conversionRate))}" r="2.5" fill="${armColour(i)}"/>`).join('') +
      `<rect x="${PAD.left + i * 110}" y="${HEIGHT - 16}" width="10" height="10" fill="${armColour(i)}"/>` +
      `<text x="${PAD.left + i * 110 + 14}" y="${HEIGHT - 7}">${escapeHtml(name)}</text></g>`;
  });
  return svg('Cumulative conversion rate per arm over time', body);
}
