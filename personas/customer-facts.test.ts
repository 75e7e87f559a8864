import { describe, expect, it } from 'vitest';
import { customerFacts, favourite } from './customer-facts.js';
import type { CustomerHistory } from './customer-ledger.js';

const history = (days: number[], amounts: number[], categoryLines: number[] = [], channelLines: number[] = []): CustomerHistory => ({
  customerId: 'c',
  days,
  amounts,
  categoryLines,
  channelLines,
});

describe('customerFacts (CDNOW conventions)', () => {
  // First purchase day 100, repeats on 107 and 128, period ends on day 142.
  const facts = customerFacts(history([100, 107, 128], [10, 30, 50], [3, 1], [0, 4]), 142, 'week');

  it.each([
    ['x: repeat transaction days', facts.repeat.x, 2],
    ['t_x: first to last purchase, in weeks', facts.repeat.tx, 4],
    ['T: first purchase to the end of the period, in weeks', facts.repeat.T, 6],
    ['frequency for RFM: purchase days', facts.transactions, 3],
    ['monetary for RFM: total spend', facts.revenue, 90],
    ['recency in days', facts.recencyDays, 14],
    ['median days between purchases', facts.medianGapDays, 14],
    ['average basket', facts.averageBasket, 30],
    ['repeat mean: the first purchase left out', facts.repeatMeanValue, 40],
  ])('%s', (_, actual, expected) => expect(actual).toBe(expected));

  it('measures in days with --unit day', () => {
    const daily = customerFacts(history([100, 107], [1, 1]), 142, 'day');
    expect(daily.repeat).toEqual({ x: 1, tx: 7, T: 42 });
  });

  it('gives a one-time buyer x = 0, t_x = 0, no gap and a repeat mean of 0', () => {
    const once = customerFacts(history([120], [25]), 142, 'week');
    expect(once.repeat).toEqual({ x: 0, tx: 0, T: 22 / 7 });
    expect(once.medianGapDays).toBeNull();
    expect(once.repeatMeanValue).toBe(0);
  });

  it('turns category and channel line counts into shares', () => {
    expect(facts.categoryShares).toEqual([0.75, 0.25]);
    expect(facts.channelShares).toEqual([0, 1]);
  });
});

describe('favourite', () => {
  it.each([
    [[0.2, 0.5, 0.3], 1],
    [[0, 0], -1],
    [[], -1],
  ])('%j → %i', (shares, index) => expect(favourite(shares)).toBe(index));
});
