/** Inline SVG charts for the report: no scripts, no network, text escaped. */
import type { Score } from '../shared/rfm.js';
import { escapeHtml } from './html.js';

const PALETTE = ['#2f6fde', '#e0672b', '#2a9d6f', '#b8457e', '#8a6d1d', '#5b5bb5'];

export function personaColour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** 5×5 grid of customers by R (rows, 5 on top) and F (columns), shaded by count. */
export function rfmGridChart(cells: readonly { r: Score; f: Score }[]): string {
  const counts = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  for (const { r, f } of cells) counts[r - 1][f - 1]++;
  const max = Math.max(1, ...counts.flat());
  const size = 56;
  const left = 40;
  const top = 10;
  let body = '';
  for (let r = 5; r >= 1; r--) {
    const y = top + (5 - r) * size;
    body += `<text x="${left - 8}" y="${y + size / 2 + 4}" text-anchor="end">R${r}</text>`;
    for (let f = 1; f <= 5; f++) {
      const x = left + (f - 1) * size;
      const n = counts[r - 1][f - 1];
      const shade = 0.08 + 0.85 * (n / max);
      body +=
        `<rect x="${x}" y="${y}" width="${size - 2}" height="${size - 2}" fill="#2f6fde" fill-opacity="${shade.toFixed(3)}"><title>R${r} F${f}: ${n} customers</title></rect>` +
        `<text x="${x + size / 2 - 1}" y="${y + size / 2 + 4}" text-anchor="middle" fill="${shade > 0.5 ? '#fff' : '#222'}">${n}</text>`;
    }
  }
  for (let f = 1; f <= 5; f++) body += `<text x="${left + (f - 1) * size + size / 2 - 1}" y="${top + 5 * size + 16}" text-anchor="middle">F${f}</text>`;
  return svg(left + 5 * size + 10, top + 5 * size + 26, body, 'Customers by recency (R) and frequency (F) score');
}

/** Histogram of predicted CLV, the top 1 % folded into the last bar so the tail does not flatten it. */
export function clvHistogram(values: readonly number[], currency: string, bins = 24): string {
  const sorted = [...values].sort((a, b) => a - b);
  const hi = Math.max(1e-9, sorted[Math.floor(0.99 * (sorted.length - 1))] ?? 0);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v / hi) * bins)))]++;
  const max = Math.max(1, ...counts);
  const [width, height, left, bottom] = [560, 200, 44, 30];
  const barWidth = (width - left - 10) / bins;
  let body = '';
  counts.forEach((n, i) => {
    const h = ((height - bottom - 10) * n) / max;
    const from = (hi * i) / bins;
    const to = (hi * (i + 1)) / bins;
    body += `<rect x="${(left + i * barWidth).toFixed(1)}" y="${(height - bottom - h).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#2a9d6f"><title>${escapeHtml(`${currency}${from.toFixed(0)}–${currency}${to.toFixed(0)}${i === bins - 1 ? ' and above' : ''}: ${n} customers`)}</title></rect>`;
  });
  body += `<text x="${left}" y="${height - 10}">${escapeHtml(currency)}0</text>`;
  body += `<text x="${width - 10}" y="${height - 10}" text-anchor="end">${escapeHtml(`${currency}${hi.toFixed(0)}+`)}</text>`;
  body += `<text x="${left - 6}" y="18" text-anchor="end">${max}</text>`;
  return svg(width, height, body, 'Distribution of predicted customer lifetime value');
}

/** Per persona, its share of customers next to its share of revenue. */
export function sizeVersusRevenueChart(rows: readonly { name: string; share: number; revenueShare: number }[]): string {
  const rowHeight = 44;
  const [left, width] = [230, 620];
  // Room on the right for the longest label, "100 % of customers".
  const scale = (width - left - 120) / Math.max(0.01, ...rows.flatMap((r) => [r.share, r.revenueShare]));
  let body = '';
  rows.forEach((row, i) => {
    const y = 10 + i * rowHeight;
    body += `<text x="${left - 8}" y="${y + 20}" text-anchor="end">${escapeHtml(truncate(row.name, 32))}</text>`;
    body += `<rect x="${left}" y="${y + 4}" width="${(row.share * scale).toFixed(1)}" height="14" fill="${personaColour(i)}" fill-opacity="0.45"><title>${escapeHtml(`${row.name}: ${pct(row.share)} of customers`)}</title></rect>`;
    body += `<text x="${left + row.share * scale + 4}" y="${y + 16}">${pct(row.share)} of customers</text>`;
    body += `<rect x="${left}" y="${y + 20}" width="${(row.revenueShare * scale).toFixed(1)}" height="14" fill="${personaColour(i)}"><title>${escapeHtml(`${row.name}: ${pct(row.revenueShare)} of revenue`)}</title></rect>`;
    body += `<text x="${left + row.revenueShare * scale + 4}" y="${y + 32}">${pct(row.revenueShare)} of revenue</text>`;
  });
  return svg(width, 20 + rows.length * rowHeight, body, 'Share of customers and share of revenue per persona');
}

function svg(width: number, height: number, body: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}" font-family="system-ui, sans-serif" font-size="12">${body}</svg>`;
}

function pct(f: number): string {
  return `${Math.round(f * 100)} %`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? text.slice(0, length - 1) + '…' : text;
}
