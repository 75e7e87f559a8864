import { describe, expect, it } from 'vitest';
import { bandScore, DEFAULT_RFM_EDGES, recencyScore, rfmSegment, scoreRfm, type Score } from './rfm.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 25);

describe('band scores with the default edges', () => {
  it.each([
    [0, 5], [14, 5], [15, 4], [30, 4], [31, 3], [60, 3], [61, 2], [120, 2], [121, 1], [400, 1],
  ])('recency %i days → R%i', (days, r) => expect(recencyScore(days, DEFAULT_RFM_EDGES.recencyDays)).toBe(r));
  it.each([
    [1, 1], [2, 2], [3, 3], [4, 4], [5, 4], [6, 5], [40, 5],
  ])('frequency %i orders → F%i', (n, f) => expect(bandScore(n, DEFAULT_RFM_EDGES.frequency)).toBe(f));
  it.each([
    [10, 1], [25, 1], [25.01, 2], [75, 2], [150, 3], [151, 4], [400, 4], [401, 5],
  ])('monetary €%d → M%i', (v, m) => expect(bandScore(v, DEFAULT_RFM_EDGES.monetary)).toBe(m));
});

describe('named segment grid (R, F)', () => {
  const grid: [Score, Score, string][] = [
    [5, 5, 'champions'], [5, 4, 'champions'], [4, 5, 'loyal'], [4, 4, 'loyal'], [3, 5, 'loyal'], [3, 4, 'loyal'],
    [5, 3, 'potential-loyalists'], [4, 2, 'potential-loyalists'], [5, 1, 'new-customers'], [4, 1, 'promising'],
    [3, 3, 'need-attention'], [3, 2, 'about-to-sleep'], [3, 1, 'about-to-sleep'],
    [2, 5, 'cant-lose-them'], [1, 5, 'cant-lose-them'], [2, 4, 'at-risk'], [1, 3, 'at-risk'],
    [2, 2, 'hibernating'], [2, 1, 'hibernating'], [1, 2, 'lost'], [1, 1, 'lost'],
  ];
  it.each(grid)('R%i F%i → %s', (r, f, name) => expect(rfmSegment(r, f)).toBe(name));
  it('covers all 25 cells with a known name', () => {
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) expect(rfmSegment(r as Score, f as Score)).toMatch(/^[a-z-]+$/);
  });
});

describe('scoreRfm', () => {
  it('is null for a visitor without purchases', () => {
    expect(scoreRfm(undefined, now)).toBeNull();
    expect(scoreRfm({ count: 0, revenue: 0 }, now)).toBeNull();
  });
  it('scores a recent frequent buyer as a champion with a lifetime value', () => {
    const rfm = scoreRfm({ count: 8, revenue: 480, first: now - 365 * DAY, last: now - 3 * DAY }, now)!;
    expect(rfm).toMatchObject({ recencyDays: 3, frequency: 8, monetary: 480, r: 5, f: 5, m: 5, segment: 'champions' });
    // €60 per order, 8 orders in 12 months → 0.666/month × 12 months × 30 % margin ≈ €144.
    expect(rfm.clv).toBeCloseTo(60 * (8 / (365 / 30.44)) * 12 * 0.3, 1);
  });
  it('marks a good customer silent for 75 days as at risk', () => {
    const rfm = scoreRfm({ count: 4, revenue: 220, first: now - 300 * DAY, last: now - 75 * DAY }, now)!;
    expect(rfm.segment).toBe('at-risk');
    expect(rfm.r).toBe(2);
  });
  it('treats a first purchase today as a new customer, with at least a month of span for CLV', () => {
    const rfm = scoreRfm({ count: 1, revenue: 30, first: now, last: now }, now)!;
    expect(rfm.segment).toBe('new-customers');
    expect(rfm.clv).toBeCloseTo(30 * 1 * 12 * 0.3, 5);
  });
});
