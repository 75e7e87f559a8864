/**
 * Turns a group's numbers into a name a marketer recognises, a description and a plan.
 * Every word is chosen by a stated rule on the numbers, relative to the whole customer base.
 */
import type { Money } from './money.js';
import type { GroupStats } from './persona-stats.js';

export interface PersonaAction {
  kind: 'next-mail' | 'second-purchase' | 'free-shipping' | 'win-back' | 'vip' | 'content';
  text: string;
}

export interface PersonaWords {
  name: string;
  description: string;
  actions: PersonaAction[];
}

export interface Wording {
  /** Amounts in the file's currency: "$16", "€40". */
  money: Money;
  /** "12 months": the CLV horizon in words. */
  horizon: string;
  /** CLV at the 90th percentile of all customers: the top band of the CLV chart, the VIP line. */
  topClv: number;
  /** The site's free-shipping threshold (`cart.freeShippingAbove`), when --config gives it. */
  freeShippingAbove?: number;
}

/** The rules behind the name and the plan (documented in --help and the report). */
export const NAMING_RULES = {
  oneTimeMaxTransactions: 1,
  lapsedBelowPAlive: 0.5,
  /** Silent for this many times their usual gap between orders: lapsed, whatever the model says. */
  lapsedGapMultiple: 3,
  loyalTransactionsVersusAll: 2,
  bigBasketVersusAll: 1.6,
  bargainVersusAll: 0.7,
  dominantCategoryShare: 0.5,
  pairCategoryShare: 0.65,
  /** Top share of all customers by predicted value that VIP treatment is for. */
  vipTopShare: 0.1,
};

export function describePersona(group: GroupStats, all: GroupStats, wording: Wording): PersonaWords {
  return { name: nameOf(group, all), description: describe(group, all, wording), actions: plan(group, wording) };
}

/** Silent far beyond their own rhythm, or probably gone by the model. */
function isLapsed(group: GroupStats): boolean {
  const farBeyondGap =
    group.medianGapDays !== null && group.repeatShare >= 0.5 && group.median.recencyDays >= NAMING_RULES.lapsedGapMultiple * group.medianGapDays;
  return farBeyondGap || group.median.pAlive < NAMING_RULES.lapsedBelowPAlive;
}

function nameOf(group: GroupStats, all: GroupStats): string {
  const rules = NAMING_RULES;
  const lifecycle =
    group.median.transactions <= rules.oneTimeMaxTransactions
      ? 'One-time'
      : isLapsed(group)
        ? 'Lapsed'
        : group.median.transactions >= rules.loyalTransactionsVersusAll * all.median.transactions
          ? 'Loyal'
          : 'Returning';
  const basketRatio = group.median.basket / all.median.basket;
  const spend = basketRatio >= rules.bigBasketVersusAll ? 'big-basket' : basketRatio <= rules.bargainVersusAll ? 'bargain' : '';
  const [first, second] = group.categories;
  let noun: string;
  if (first && first.share >= rules.dominantCategoryShare) noun = `${singular(first.name)} buyers`;
  else if (first && second && first.share + second.share >= rules.pairCategoryShare) noun = `${singular(first.name)} and ${singular(second.name)} buyers`;
  else noun = spend === 'bargain' ? 'hunters' : 'shoppers';
  return [lifecycle, spend, noun].filter(Boolean).join(' ');
}

function describe(group: GroupStats, all: GroupStats, { money, horizon }: Wording): string {
  const parts = [
    `${group.size} customers (${pct(group.size / all.size)} of all) bringing ${pct(group.revenue / all.revenue)} of revenue.`,
    `Typically ${plural(group.median.transactions, 'purchase day')}, the last ${Math.round(group.median.recencyDays)} days ago, ${money(group.median.basket)} per order` +
      (group.medianGapDays === null
        ? '.'
        : group.repeatShare >= 0.5
          ? `, ${Math.round(group.medianGapDays)} days between orders.`
          : `; the ${pct(group.repeatShare)} who came back did so after ${Math.round(group.medianGapDays)} days (median).`),
    `Predicted value over the next ${horizon}: ${money(group.median.clv)} per customer (median); about ${pct(group.meanPAlive)} of them are still active (mean P(alive)).`,
  ];
  const [category] = group.categories;
  const [channel] = group.channels;
  if (category) parts.push(`Mostly ${category.name} (${pct(category.share)} of order lines)${channel ? `, reached via ${channel.name} (${pct(channel.share)})` : ''}.`);
  return parts.join(' ');
}

function plan(group: GroupStats, wording: Wording): PersonaAction[] {
  const { money, horizon, topClv } = wording;
  const actions: PersonaAction[] = [];
  const lapsed = isLapsed(group);
  const [category] = group.categories;
  if (lapsed || group.likelyGoneShare >= 0.3) actions.push(winBack(group, category?.name));
  if (!lapsed && group.medianGapDays !== null && group.repeatShare >= 0.5) {
    const weeks = Math.max(1, Math.round(group.medianGapDays / 7));
    actions.push({
      kind: 'next-mail',
      text: `Mail ${plural(weeks, 'week')} after the last purchase, because this group's median time between orders is ${Math.round(group.medianGapDays)} days.`,
    });
  } else if (group.repeatShare < 0.5) {
    actions.push({
      kind: 'second-purchase',
      text: `For new first-time buyers like these: a second-purchase offer 2–3 weeks after the first order, because ${pct(1 - group.repeatShare)} of this group never bought again.`,
    });
  }
  actions.push(freeShipping(group, wording));
  if (!lapsed && group.median.clv >= topClv) {
    actions.push({
      kind: 'vip',
      text: `VIP treatment: a typical member is worth ${money(group.median.clv)} over the next ${horizon}, in the top ${pct(NAMING_RULES.vipTopShare)} of all customers; give early access, free returns and a personal contact.`,
    });
  }
  const [channel] = group.channels;
  if (category && category.share >= 0.3) {
    actions.push({
      kind: 'content',
      text: `Lead with ${category.name} on the home page and in mails (${pct(category.share)} of their order lines)${channel ? `; reach them via ${channel.name} (${pct(channel.share)} of their order lines)` : ''}.`,
    });
  }
  return actions;
}

/** Why now: silence far beyond their rhythm when they had one, else the model's P(alive). */
function winBack(group: GroupStats, category: string | undefined): PersonaAction {
  const recency = Math.round(group.median.recencyDays);
  const offer = `send a personal offer${category ? ` on ${category}` : ''}`;
  const text =
    group.medianGapDays !== null && group.repeatShare >= 0.5 && recency >= NAMING_RULES.lapsedGapMultiple * group.medianGapDays
      ? `Win back now: a typical member last bought ${recency} days ago, ${Math.round(recency / Math.max(1, group.medianGapDays))} times their usual ${Math.round(group.medianGapDays)} days between orders, and only about ${pct(group.meanPAlive)} are likely still active; ${offer} rather than waiting for a next order that is overdue.`
      : `Win back now: ${pct(group.likelyGoneShare)} of this group have probably stopped buying (P(alive) below 50 %; about ${pct(group.meanPAlive)} still active on average); ${offer} before they are gone for good.`;
  return { kind: 'win-back', text };
}

/** Against the site's own threshold when known; otherwise a threshold just above their median basket. */
function freeShipping(group: GroupStats, { money, freeShippingAbove }: Wording): PersonaAction {
  const [q1, median, q3] = group.basketQuartiles;
  const baskets = `median basket ${money(median)}, half of them between ${money(q1)} and ${money(q3)}`;
  if (freeShippingAbove === undefined || group.belowFreeShippingShare === null) {
    const threshold = Math.max(5, Math.ceil((median * 1.15) / 5) * 5);
    return {
      kind: 'free-shipping',
      text: `Free shipping above ${money(threshold)}, just above this group's ${baskets} (the site's current threshold is unknown: give --config to compare with it).`,
    };
  }
  const below = group.belowFreeShippingShare;
  const current = money(freeShippingAbove, freeShippingAbove % 1 ? 2 : 0);
  if (below <= 0.1) {
    return {
      kind: 'free-shipping',
      text: `Keep free shipping above ${current} as it is: only ${pct(below)} of this group order less on average (${baskets}); a lower threshold would give away shipping they already pay for.`,
    };
  }
  if (median >= freeShippingAbove * 0.6) {
    return {
      kind: 'free-shipping',
      text:
        `Nudge towards the free-shipping threshold of ${current}: ${pct(below)} of this group order less on average (${baskets}); ` +
        (median < freeShippingAbove
          ? `a typical order is ${money(freeShippingAbove - median)} short, so show "only ${money(freeShippingAbove - median)} more for free shipping" in their cart.`
          : 'show how much is missing for free shipping in their cart.'),
    };
  }
  return {
    kind: 'free-shipping',
    text: `Free shipping above ${current} is out of reach for most of this group: ${pct(below)} order less on average (${baskets}); a free-shipping code for their next order fits them better than the threshold.`,
  };
}

function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

function plural(n: number, unit: string): string {
  const rounded = Math.round(n * 10) / 10;
  return `${rounded} ${unit}${rounded === 1 ? '' : 's'}`;
}
