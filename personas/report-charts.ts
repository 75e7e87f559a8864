/** Inline SVG charts for the report: no scripts, no network, text escaped. */
import type { Edges, RfmEdges, Score } from '../shared/rfm.js';
import { escapeHtml } from './html.js';
import type { Money } from './money.js';

const PALETTE = ['#2f6fde', '#e0672b', '#2a9d6f', '#b8457e', '#8a6d1d', '#5b5bb5'];

export function personaColour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/**
 * 5×5 grid of customers by R (rows, 5 on top) and F (columns), shaded by count, each band
 * labelled with the values it holds and both axes titled.
 */
export function rfmGridChart(cells: readonly { r: Score; f: Score }[], edges: RfmEdges): string {
  const counts = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  for (const { r, f } of cells) counts[r - 1][f - 1]++;
  const max = Math.max(1, ...counts.flat());
  const size = 64;
  const left = 130;
  const top = 10;
  let body = '';
  for (let r = 5; r >= 1; r--) {
    const y = top + (5 - r) * size;
    body += `<text x="${left - 8}" y="${y + size / 2}" text-anchor="end">R${r}</text>`;
    body += `<text x="${left - 8}" y="${y + size / 2 + 14}" text-anchor="end" fill="#666">${escapeHtml(recencyBand(r as Score, edges.recencyDays))}</text>`;
    for (let f = 1; f <= 5; f++) {
      const x = left + (f - 1) * size;
      const n = counts[r - 1][f - 1];
      const shade = 0.08 + 0.85 * (n / max);
      body +=
        `<rect x="${x}" y="${y}" width="${size - 2}" height="${size - 2}" fill="#2f6fde" fill-opacity="${shade.toFixed(3)}"><title>R${r} F${f}: ${n} customers</title></rect>` +
        `<text x="${x + size / 2 - 1}" y="${y + size / 2 + 4}" text-anchor="middle" fill="${shade > 0.5 ? '#fff' : '#222'}">${n}</text>`;
    }
  }
  const below = top + 5 * size;
  for (let f = 1; f <= 5; f++) {
    const x = left + (f - 1) * size + size / 2 - 1;
    body += `<text x="${x}" y="${below + 16}" text-anchor="middle">F${f}</text>`;
    body += `<text x="${x}" y="${below + 30}" text-anchor="middle" fill="#666">${escapeHtml(frequencyBand(f as Score, edges.frequency))}</text>`;
  }
  body += `<text x="${left + (5 * size) / 2}" y="${below + 50}" text-anchor="middle" font-weight="600">Frequency score F (purchase days)</text>`;
  body += `<text transform="translate(14 ${top + (5 * size) / 2}) rotate(-90)" text-anchor="middle" font-weight="600">Recency score R (days since last purchase)</text>`;
  return svg(left + 5 * size + 10, below + 60, body, 'Customers by recency (R) and frequency (F) score');
}

/** Purchase-day counts of frequency band f: "1", "4–5", "6+"; "none" for a band no count fits. */
export function frequencyBand(f: Score, edges: Edges): string {
  const lo = f === 1 ? 1 : Math.floor(edges[f - 2]) + 1;
  if (f === 5) return `${lo}+`;
  const hi = Math.floor(edges[f - 1]);
  return hi < lo ? 'none' : hi === lo ? `${lo}` : `${lo}–${hi}`;
}

/** Days since the last purchase of recency band r (5 = most recent): "≤ 14 d", "15–30 d", "> 120 d". */
export function recencyBand(r: Score, edges: Edges): string {
  const band = 6 - r;
  const day = (v: number) => Math.round(v);
  if (band === 1) return `≤ ${day(edges[0])} d`;
  if (band === 5) return `> ${day(edges[3])} d`;
  return `${day(edges[band - 2])}–${day(edges[band - 1])} d`;
}

/**
 * Customers ranked by predicted value in ten equal groups, top tenth first: each bar is the
 * group's share of all predicted value, labelled with the range of its members' values, so
 * "the top tenth, worth $40 to $900 each, holds 55 % of the value" reads off directly.
 */
export function clvBandsChart(values: readonly number[], money: Money): string {
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((s, v) => s + Math.max(0, v), 0) || 1;
  const bands = Array.from({ length: 10 }, (_, i) => sorted.slice(Math.round((i * sorted.length) / 10), Math.round(((i + 1) * sorted.length) / 10)))
    .filter((band) => band.length > 0);
  // Cents where whole units would make neighbouring ranges read alike ("$2–$2").
  const amount = (v: number) => money(v, Math.abs(v) < 10 ? 2 : 0);
  const [left, rowHeight, top, barMax] = [230, 24, 26, 300];
  const largest = Math.max(...bands.map((band) => band.reduce((s, v) => s + Math.max(0, v), 0) / total), 0.01);
  let body = `<text x="${left - 8}" y="14" text-anchor="end" font-weight="600">Customers by predicted value</text>`;
  bands.forEach((band, i) => {
    const share = band.reduce((s, v) => s + Math.max(0, v), 0) / total;
    const y = top + i * rowHeight;
    const range = `${amount(band[band.length - 1])}–${amount(band[0])}`;
    const label = `${i === 0 ? 'Top 10 %' : `${i * 10}–${(i + 1) * 10} %`} · ${range}`;
    const width = (share / largest) * barMax;
    body += `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>`;
    body += `<rect x="${left}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 6}" fill="#2a9d6f" fill-opacity="${i === 0 ? 1 : 0.6}"><title>${escapeHtml(`${label}: ${band.length} customers, ${pct(share)} of all predicted value`)}</title></rect>`;
    body += `<text x="${(left + width + 4).toFixed(1)}" y="${y + 15}">${pct(share)}</text>`;
  });
  const below = top + bands.length * rowHeight;
  body += `<line x1="${left}" y1="${below + 2}" x2="${left + barMax}" y2="${below + 2}" stroke="#999"/>`;
  body += `<text x="${left + barMax / 2}" y="${below + 22}" text-anchor="middle" font-weight="600">Share of all predicted value</text>`;
  return svg(left + barMax + 60, below + 32, body, 'Predicted lifetime value by tenth of customers');
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
  const below = 10 + rows.length * rowHeight;
  body += `<text x="${left}" y="${below + 14}" font-weight="600">Share of all customers (light) and of all revenue (dark)</text>`;
  return svg(width, below + 24, body, 'Share of customers and share of revenue per persona');
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
