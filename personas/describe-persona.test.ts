import { describe, expect, it } from 'vitest';
import { describePersona, type Wording } from './describe-persona.js';
import { moneyFormat } from './money.js';
import type { GroupStats } from './persona-stats.js';

const all: GroupStats = {
  size: 1000,
  revenue: 50_000,
  predictedValue: 20_000,
  median: { recencyDays: 60, transactions: 2, revenue: 40, clv: 15, basket: 30, pAlive: 0.7 },
  medianGapDays: 40,
  repeatShare: 0.5,
  likelyGoneShare: 0.3,
  meanPAlive: 0.7,
  belowFreeShippingShare: null,
  basketQuartiles: [20, 30, 45],
  categories: [{ name: 'thrillers', share: 0.3 }],
  channels: [{ name: 'email', share: 0.4 }],
  segments: {},
};

function group(over: Partial<Omit<GroupStats, 'median'>> & { median?: Partial<GroupStats['median']> }): GroupStats {
  return { ...all, size: 200, revenue: 10_000, ...over, median: { ...all.median, ...over.median } };
}
const wording: Wording = { money: moneyFormat('EUR'), horizon: '12 months', topClv: 40 };

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
  const plan = (over: object, extra: Partial<typeof wording> = {}) => describePersona(group(over as never), all, { ...wording, ...extra }).actions;
  const kinds = (over: object) => plan(over).map((a) => a.kind);
  const action = (over: object, kind: string, extra: Partial<typeof wording> = {}) => plan(over, extra).find((a) => a.kind === kind)?.text;

  it('times the next mail from the median gap between orders and explains why', () => {
    expect(plan({ medianGapDays: 44, repeatShare: 0.8, likelyGoneShare: 0.1 })[0]).toEqual({
      kind: 'next-mail',
      text: "Mail 6 weeks after the last purchase, because this group's median time between orders is 44 days.",
    });
  });

  it('wins back a group silent far beyond its rhythm instead of timing a next mail', () => {
    const lapsed = { medianGapDays: 54, repeatShare: 0.8, median: { recencyDays: 539, pAlive: 0.6 }, meanPAlive: 0.21 };
    expect(kinds(lapsed)).not.toContain('next-mail');
    expect(plan(lapsed)[0]).toEqual({
      kind: 'win-back',
      text:
        'Win back now: a typical member last bought 539 days ago, 10 times their usual 54 days between orders, and only about 21 % are likely still active; ' +
        'send a personal offer on thrillers rather than waiting for a next order that is overdue.',
    });
    expect(describePersona(group(lapsed as never), all, wording).name).toMatch(/^Lapsed/);
  });

  it.each([
    ['no threshold known: just above the median basket, and says --config would compare', undefined, null, /^Free shipping above €40, just above this group's median basket €34, half of them between €25 and €50 \(the site's current threshold is unknown: give --config/],
    ['threshold below nearly all their orders: keep it', 40, 0.05, /^Keep free shipping above €40 as it is: only 5 % of this group order less on average/],
    ['threshold just above a typical order: nudge with the gap', 40, 0.6, /^Nudge towards the free-shipping threshold of €40: 60 % .*a typical order is €6 short, so show "only €6 more for free shipping"/],
    ['threshold far above their orders: a code instead', 175, 0.95, /^Free shipping above €175 is out of reach for most of this group: 95 % order less/],
  ] as const)('free shipping, %s', (_, threshold, below, text) => {
    const over = { basketQuartiles: [25, 34, 50], belowFreeShippingShare: below };
    expect(action(over, 'free-shipping', threshold === undefined ? {} : { freeShippingAbove: threshold })).toMatch(text);
  });

  it.each([
    ['a second-purchase offer when most bought once', { repeatShare: 0.2 }, 'second-purchase', true],
    ['no second-purchase offer when most came back', { repeatShare: 0.7 }, 'second-purchase', false],
    ['win-back when many are probably gone', { likelyGoneShare: 0.6 }, 'win-back', true],
    ['no win-back when most are active', { likelyGoneShare: 0.1 }, 'win-back', false],
    ['VIP treatment for a group whose typical member is in the top tenth by value', { median: { clv: 90 } }, 'vip', true],
    ['no VIP treatment below the top band', { median: { clv: 20 } }, 'vip', false],
    ['no VIP treatment for a lapsed group, however valuable', { median: { clv: 90, pAlive: 0.2 } }, 'vip', false],
  ])('%s', (_, over, kind, present) => {
    expect(kinds(over).includes(kind as never)).toBe(present);
  });

  it('describes the group with its own numbers, in its currency', () => {
    const { description } = describePersona(group({ median: { transactions: 6, basket: 24.4 } }), all, { ...wording, money: moneyFormat('USD') });
    expect(description).toMatch(/^200 customers \(20 % of all\) bringing 20 % of revenue\. Typically 6 purchase days.*\$24 per order/);
    expect(description).toMatch(/about 70 % of them are still active \(mean P\(alive\)\)/);
    expect(description).not.toContain('€');
  });
});
