/**
 * Turns a group's numbers into a name a marketer recognises, a description and a plan.
 * Every word is chosen by a stated rule on the numbers, relative to the whole customer base.
 */
import type { GroupStats } from './personaStats.js';

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
  /** Put before amounts, e.g. "€". */
  currency: string;
  /** "12 months": the CLV horizon in words. */
  horizon: string;
  /** CLV at the 80th percentile of all customers: the VIP line. */
  topClv: number;
}

/** The rules behind the name (documented in --help and the report). */
export const NAMING_RULES = {
  oneTimeMaxTransactions: 1,
  lapsedBelowPAlive: 0.5,
  loyalTransactionsVersusAll: 2,
  bigBasketVersusAll: 1.6,
  bargainVersusAll: 0.7,
  dominantCategoryShare: 0.5,
  pairCategoryShare: 0.65,
};

export function describePersona(group: GroupStats, all: GroupStats, wording: Wording): PersonaWords {
  return { name: nameOf(group, all), description: describe(group, all, wording), actions: plan(group, all, wording) };
}

function nameOf(group: GroupStats, all: GroupStats): string {
  const rules = NAMING_RULES;
  const lifecycle =
    group.median.transactions <= rules.oneTimeMaxTransactions
      ? 'One-time'
      : group.median.pAlive < rules.lapsedBelowPAlive
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

function describe(group: GroupStats, all: GroupStats, { currency, horizon }: Wording): string {
  const money = (n: number) => `${currency}${Math.round(n)}`;
  const parts = [
    `${group.size} customers (${pct(group.size / all.size)} of all) bringing ${pct(group.revenue / all.revenue)} of revenue.`,
    `Typically ${plural(group.median.transactions, 'purchase day')}, the last ${Math.round(group.median.recencyDays)} days ago, ${money(group.median.basket)} per order` +
      (group.medianGapDays === null
        ? '.'
        : group.repeatShare >= 0.5
          ? `, ${Math.round(group.medianGapDays)} days between orders.`
          : `; the ${pct(group.repeatShare)} who came back did so after ${Math.round(group.medianGapDays)} days (median).`),
    `Predicted value over the next ${horizon}: ${money(group.median.clv)} per customer (median); ${pct(1 - group.likelyGoneShare)} probably still active.`,
  ];
  const [category] = group.categories;
  const [channel] = group.channels;
  if (category) parts.push(`Mostly ${category.name} (${pct(category.share)} of order lines)${channel ? `, reached via ${channel.name} (${pct(channel.share)})` : ''}.`);
  return parts.join(' ');
}

function plan(group: GroupStats, all: GroupStats, { currency, horizon, topClv }: Wording): PersonaAction[] {
  const actions: PersonaAction[] = [];
  const money = (n: number) => `${currency}${Math.round(n)}`;
  if (group.medianGapDays !== null && group.repeatShare >= 0.5) {
    const weeks = Math.max(1, Math.round(group.medianGapDays / 7));
    actions.push({
      kind: 'next-mail',
      text: `Mail ${plural(weeks, 'week')} after the last purchase, because this group's median time between orders is ${Math.round(group.medianGapDays)} days.`,
    });
  } else {
    actions.push({
      kind: 'second-purchase',
      text: `Send a second-purchase offer 2–3 weeks after the first order, because ${pct(1 - group.repeatShare)} of this group have bought only once.`,
    });
  }
  const threshold = Math.max(5, Math.ceil((group.basketQuartiles[1] * 1.15) / 5) * 5);
  actions.push({
    kind: 'free-shipping',
    text: `Free shipping above ${money(threshold)}, because this group's median basket is ${money(group.basketQuartiles[1])} (half of their orders fall between ${money(group.basketQuartiles[0])} and ${money(group.basketQuartiles[2])}).`,
  });
  if (group.likelyGoneShare >= 0.3) {
    const [category] = group.categories;
    actions.push({
      kind: 'win-back',
      text: `Win back now: ${pct(group.likelyGoneShare)} of this group have probably stopped buying (P(alive) below 50 %); send a personal offer${category ? ` on ${category.name}` : ''} before they are gone for good.`,
    });
  }
  if (group.median.clv >= topClv) {
    actions.push({
      kind: 'vip',
      text: `VIP treatment: a typical member is worth ${money(group.median.clv)} over the next ${horizon}, in the top 20 % of all customers; give early access, free returns and a personal contact.`,
    });
  }
  const [category] = group.categories;
  const [channel] = group.channels;
  if (category && category.share >= 0.3) {
    actions.push({
      kind: 'content',
      text: `Lead with ${category.name} on the home page and in mails (${pct(category.share)} of their order lines)${channel ? `; reach them via ${channel.name} (${pct(channel.share)} of their order lines)` : ''}.`,
    });
  }
  return actions;
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
