/**
 * The `when` rule of each persona, in the config's condition language. An identified
 * customer carries `customer.persona` from the uploaded customers.ndjson (the edge fills
 * `customer.*` only after a verified identify, so a visitor cannot give themselves a
 * persona), which decides outright. An anonymous visitor has only the RFM cell the edge
 * computes in the browser's profile: each cell (named segment × high or low monetary
 * score) goes to the persona holding most of its customers, so no two personas claim the
 * same cell and file order cannot matter — and the fallback applies only when no
 * uploaded persona is set.
 */
import { RFM_SEGMENTS, type RfmSegment } from '../shared/rfm.js';
import type { Condition } from '../shared/schema/config.js';

/** Monetary scores from here up count as high. */
export const HIGH_M = 4;

export interface CellMember {
  segment: RfmSegment;
  m: number;
  persona: number;
}

export function personaRules(personaIds: readonly string[], members: Iterable<CellMember>): Condition[] {
  const counts = new Map<string, number[]>();
  for (const { segment, m, persona } of members) {
    const key = `${segment}|${m >= HIGH_M ? 'high' : 'low'}`;
    let row = counts.get(key);
    if (!row) counts.set(key, (row = new Array<number>(personaIds.length).fill(0)));
    row[persona]++;
  }
  const owned = personaIds.map(() => ({ high: new Set<RfmSegment>(), low: new Set<RfmSegment>() }));
  for (const [key, row] of counts) {
    const [segment, band] = key.split('|') as [RfmSegment, 'high' | 'low'];
    owned[row.indexOf(Math.max(...row))][band].add(segment);
  }
  return personaIds.map((id, i) => {
    const { high, low } = owned[i];
    // In file (canonical) order, so the same data gives the same rule text.
    const both = RFM_SEGMENTS.filter((s) => high.has(s) && low.has(s));
    const onlyHigh = RFM_SEGMENTS.filter((s) => high.has(s) && !low.has(s));
    const onlyLow = RFM_SEGMENTS.filter((s) => low.has(s) && !high.has(s));
    const cells: Condition[] = [];
    if (both.length) cells.push({ 'rfm.segment': { $in: both } });
    if (onlyHigh.length) cells.push({ 'rfm.segment': { $in: onlyHigh }, 'rfm.m': { $gte: HIGH_M } });
    if (onlyLow.length) cells.push({ 'rfm.segment': { $in: onlyLow }, 'rfm.m': { $lt: HIGH_M } });
    const byUpload = { 'customer.persona': id };
    if (cells.length === 0) return byUpload;
    const anonymous = { 'customer.persona': { $exists: false }, ...(cells.length === 1 ? cells[0] : { $or: cells }) };
    return { $or: [byUpload, anonymous] };
  });
}
