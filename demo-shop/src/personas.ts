/**
 * Synthetic histories for the variant tester: what a kind of customer would have done in
 * this shop over the past weeks, as GA4 events with their times. Loading one makes the
 * visitor's own browser hold that history, so every persona's page can be seen in seconds.
 */
import { toItem } from './analytics.js';
import { findProduct, type Product } from './catalog.js';
import type { CartLine } from './cart.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface SyntheticEvent {
  ts: number;
  name: string;
  params: Record<string, unknown>;
}

/**
 * One step of a history, `ago` ms before the moment it is loaded. The SDK keeps 90 days of
 * events and refuses older backdated ones, so every history fits inside that.
 */
interface Step {
  ago: number;
  name: string;
  params: Record<string, unknown>;
}

export interface PersonaScript {
  id: string;
  label: string;
  /** What the visitor did, in a marketer's words. */
  story: string;
  /** What the shop should show them (the config's answer). */
  expect: string;
  /** Where the tester sends them after loading the history. */
  landing: string;
  steps: Step[];
  traits?: Record<string, unknown>;
  /** The shop's own cart, to match a history that ends with items in the cart. */
  cart?: CartLine[];
}

function product(id: string): Product {
  const p = findProduct(id);
  if (!p) throw new Error(`persona refers to unknown product ${id}`);
  return p;
}

const origin = 'http://localhost:8787';

function visit(ago: number, path: string, referrer?: string): Step {
  return { ago, name: 'page_view', params: { page_location: origin + path, ...(referrer ? { page_referrer: referrer } : {}) } };
}

function view(ago: number, id: string): Step[] {
  const p = product(id);
  return [visit(ago, `/product.html?id=${id}`, `${origin}/`), { ago: ago - 10_000, name: 'view_item', params: { currency: 'EUR', value: p.price, items: [toItem(p)] } }];
}

function cart(ago: number, id: string, qty = 1): Step {
  const p = product(id);
  return { ago, name: 'add_to_cart', params: { currency: 'EUR', value: p.price * qty, items: [toItem(p, qty)] } };
}

function purchase(ago: number, transaction: string, ids: string[]): Step[] {
  const items = ids.map((id) => toItem(product(id)));
  const value = Math.round(items.reduce((s, i) => s + (i.price ?? 0), 0) * 100) / 100;
  return [
    ...ids.map((id, i) => cart(ago + (ids.length - i) * MIN, id)),
    { ago, name: 'purchase', params: { transaction_id: transaction, value, currency: 'EUR', items } },
  ];
}

/** A past order every `everyDays`, the newest `lastDaysAgo` days back. */
function orders(prefix: string, lastDaysAgo: number, everyDays: number, baskets: string[][]): Step[] {
  return baskets.flatMap((ids, i) => {
    const ago = (lastDaysAgo + (baskets.length - 1 - i) * everyDays) * DAY;
    return [visit(ago + 5 * MIN, '/'), ...purchase(ago, `${prefix}-${i + 1}`, ids)];
  });
}

export const PERSONAS: readonly PersonaScript[] = [
  {
    id: 'thriller-lover',
    label: 'Thriller lover',
    story: 'Two evenings this week reading about thrillers: four of them, and one literary mystery.',
    expect: 'Hero "thrillers" (or the reviewer-quotes arm of the experiment), reviewer-backed picks; no persona (the builder\'s personas are about buyers).',
    landing: '/',
    steps: [
      visit(6 * DAY, '/', 'https://www.google.com/'),
      ...view(6 * DAY - MIN, 'the-salt-house'),
      ...view(6 * DAY - 3 * MIN, 'seven-missed-calls'),
      visit(2 * DAY, '/category.html?c=thrillers'),
      ...view(2 * DAY - MIN, 'blackwater-lane'),
      ...view(2 * DAY - 4 * MIN, 'the-quiet-witness'),
      ...view(2 * DAY - 6 * MIN, 'the-ink-thief'),
    ],
  },
  {
    id: 'dress-traded-down',
    label: 'Dress browser who traded down',
    story: 'Loved the €99.50 knit dress, but it was sold out in M; bought the €49.50 jersey dress instead ten days ago.',
    expect: 'Hero "dress-in-your-size": dresses that are in stock in M.',
    landing: '/',
    traits: { size: 'M' },
    steps: [
      visit(12 * DAY, '/category.html?c=dresses', 'https://www.instagram.com/'),
      ...view(12 * DAY - MIN, 'nora-knit-dress'),
      { ago: 12 * DAY - 2 * MIN, name: 'size_sold_out', params: { item_id: 'nora-knit-dress', item_category: 'dresses', price: 99.5, size: 'M' } },
      ...view(10 * DAY + 30 * MIN, 'sofie-jersey-t-shirt-dress'),
      ...purchase(10 * DAY, 'KK-DEMO-DRESS', ['sofie-jersey-t-shirt-dress']),
    ],
  },
  {
    id: 'champion',
    label: 'Champion',
    story: 'Six orders in under three months, the last one five days ago: books and the odd jacket.',
    expect: 'RFM segment champions: early-access hero, no discount needed.',
    landing: '/',
    steps: orders('KK-DEMO-CHAMP', 5, 14, [
      ['the-salt-house', 'bread-and-butter'],
      ['the-weight-of-small-things'],
      ['harbour-waxed-jacket'],
      ['small-plates-big-evenings', 'canvas-book-tote'],
      ['what-the-river-took', 'the-glass-orchard'],
      ['the-translator'],
    ]),
  },
  {
    id: 'at-risk',
    label: 'At-risk buyer',
    story: 'A regular — four orders in two weeks — who has not bought anything for two and a half months.',
    expect: 'RFM segment at-risk: the win-back hero; an at-risk demo customer who signs in also gets a personal 15 % code.',
    landing: '/',
    steps: orders('KK-DEMO-RISK', 75, 4, [
      ['soup-for-every-season'],
      ['nine-days-in-ghent', 'merino-rib-scarf'],
      ['the-dutch-oven-table'],
      ['under-the-ice'],
    ]),
  },
  {
    id: 'cart-abandoner',
    label: 'Cart abandoner',
    story: 'Put a jacket and a book in the cart two hours ago, then left.',
    expect: 'Banner "cart-reminder" naming what is waiting in the cart.',
    landing: '/',
    cart: [{ id: 'kiki-cropped-denim-jacket', size: 'S', qty: 1 }, { id: 'deadline-amsterdam', qty: 1 }],
    steps: [
      visit(2 * HOUR + 10 * MIN, '/', 'https://www.google.com/'),
      ...view(2 * HOUR + 8 * MIN, 'kiki-cropped-denim-jacket'),
      cart(2 * HOUR + 6 * MIN, 'kiki-cropped-denim-jacket'),
      ...view(2 * HOUR + 4 * MIN, 'deadline-amsterdam'),
      cart(2 * HOUR, 'deadline-amsterdam'),
    ],
  },
  {
    id: 'email-visitor',
    label: 'Newsletter reader',
    story: 'Visited once last month; today clicks through from the autumn newsletter.',
    expect: 'Banner "from-email": the subscriber thank-you and code.',
    landing: '/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn',
    steps: [visit(30 * DAY, '/', 'https://www.google.com/'), ...view(30 * DAY - MIN, 'soup-for-every-season')],
  },
  {
    id: 'new-visitor',
    label: 'New visitor',
    story: 'First time here: no history at all.',
    expect: 'Hero "welcome" for new visitors and bestsellers.',
    landing: '/',
    steps: [],
  },
];

export function findPersona(id: string): PersonaScript | undefined {
  return PERSONAS.find((p) => p.id === id);
}

/** The persona's events with absolute times, oldest first (the order the SDK folds them in). */
export function personaEvents(persona: PersonaScript, now: number): SyntheticEvent[] {
  return persona.steps.map((s) => ({ ts: now - s.ago, name: s.name, params: s.params })).sort((a, b) => a.ts - b.ts);
}
