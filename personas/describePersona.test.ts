import { describe, expect, it } from 'vitest';
import { describePersona } from './describePersona.js';
import type { GroupStats } from './personaStats.js';

const all: GroupStats = {
  size: 1000,
  revenue: 50_000,
  predictedValue: 20_000,
  median: { recencyDays: 120, transactions: 2, revenue: 40, clv: 15, basket: 30, pAlive: 0.7 },
  medianGapDays: 40,
  repeatShare: 0.5,
  likelyGoneShare: 0.3,
  basketQuartiles: [20, 30, 45],
  categories: [{ name: 'thrillers', share: 0.3 }],
  channels: [{ name: 'email', share: 0.4 }],
  segments: {},
};

function group(over: Partial<Omit<GroupStats, 'median'>> & { median?: Partial<GroupStats['median']> }): GroupStats {
  return { ...all, size: 200, revenue: 10_000, ...over, median: { ...all.median, ...over.median } };
}
const wording = { currency: '€', horizon: '12 months', topClv: 40 };

describe('describePersona: names', () => {
  it.each([
    ['Loyal thriller buyers', { median: { transactions: 6 }, categories: [{ name: 'thrillers', share: 0.8 }] }],
    ['Lapsed bargain hunters', { median: { pAlive: 0.1, basket: 14 }, categories: [{ name: 'accessories', share: 0.3 }] }],
    ['Returning big-basket dress and jacket buyers', { median: { basket: 150, transactions: 3 }, categories: [{ name: 'dresses', share: 0.4 }, { name: 'jackets', share: 0.35 }] }],
    ['One-time children buyers', { median: { transactions: 1 }, categories: [{ name: 'children', share: 0.6 }] }],
    ['One-time accessory buyers', { median: { transactions: 1 }, categories: [{ name: 'accessories', share: 0.6 }] }],
    ['Returning shoppers', { categories: [{ name: 'a', share: 0.3 }, { name: 'b', share: 0.3 }] }],
  ])('%s', (name, over) => {
    expect(describePersona(group(over as never), all, wording).name).toBe(name);
  });
});

describe('describePersona: plan', () => {
  const kinds = (over: object) => describePersona(group(over as never), all, wording).actions.map((a) => a.kind);

  it('times the next mail from the median gap between orders and explains why', () => {
    const { actions } = describePersona(group({ medianGapDays: 44, repeatShare: 0.8 }), all, wording);
    expect(actions[0]).toEqual({
      kind: 'next-mail',
      text: "Mail 6 weeks after the last purchase, because this group's median time between orders is 44 days.",
    });
  });

  it('sets free shipping just above the median basket', () => {
    const { actions } = describePersona(group({ basketQuartiles: [25, 34, 50] }), all, wording);
    expect(actions.find((a) => a.kind === 'free-shipping')?.text).toMatch(/^Free shipping above €40, because this group's median basket is €34/);
  });

  it.each([
    ['a second-purchase offer when most bought once', { repeatShare: 0.2 }, 'second-purchase', true],
    ['no second-purchase offer when most came back', { repeatShare: 0.7 }, 'second-purchase', false],
    ['win-back when many are probably gone', { likelyGoneShare: 0.6 }, 'win-back', true],
    ['no win-back when most are active', { likelyGoneShare: 0.1 }, 'win-back', false],
    ['VIP treatment for top-20 % lifetime value', { median: { clv: 90 } }, 'vip', true],
    ['no VIP treatment below it', { median: { clv: 20 } }, 'vip', false],
  ])('%s', (_, over, kind, present) => {
    expect(kinds(over).includes(kind as never)).toBe(present);
  });

  it('describes the group with its own numbers', () => {
    const { description } = describePersona(group({ median: { transactions: 6, basket: 24.4 } }), all, wording);
    expect(description).toMatch(/^200 customers \(20 % of all\) bringing 20 % of revenue\. Typically 6 purchase days.*€24 per order/);
  });
});
