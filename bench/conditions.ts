/**
 * Realistic targeting conditions and visitors for rule benchmarks, generated from a fixed
 * seed so every run measures the same work. The conditions stay within the forms where
 * MongoDB and GrowthBook agree (ordered comparisons on absent RFM figures are guarded by
 * `$exists`, as a GrowthBook user would write them; every visitor has the trait
 * `appVersion`), so both engines can be checked against each other on every visitor.
 */
import { seededRandom } from '../shared/random.js';
import type { Attributes } from '../shared/rules/compile.js';

export type Condition = Record<string, unknown>;

export { seededRandom };

const CATEGORIES = ['thrillers', 'cookbooks', 'travel', 'kids', 'poetry', 'history', 'scifi', 'crime'];
const SOURCES = ['ads', 'organic', 'email', 'social', 'referral', 'direct'];
const COUNTRIES = ['DE', 'FR', 'NL', 'AT', 'CH', 'IT', 'ES', 'PL', 'SE', 'DK'];
const DEVICES = ['mobile', 'desktop', 'tablet'];
const RFM_SEGMENTS = ['champions', 'loyal', 'potential-loyalists', 'new-customers', 'promising', 'need-attention', 'at-risk', 'hibernating', 'lost'];
const SEGMENTS = ['thriller-lovers', 'big-spenders', 'bargain-hunters', 'cart-abandoners', 'newsletter', 'b2b', 'night-owls', 'returning'];
const CAMPAIGNS = ['Spring-Sale', 'summer_reads', 'BLACK-FRIDAY', 'newsletter-42', 'retarget-q3'];
const VERSIONS = ['2.9.1', '2.10.0', 'v2.4.7', '3.0.0-beta.2', '3.0.0', '3.1.0+build.8'];
const PATHS = ['/', '/books/thrillers', '/books/cookbooks/italian', '/cart', '/checkout', '/search', '/books/travel/europe'];

export function makeVisitors(count: number, seed = 7): Attributes[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (max: number) => Math.floor(random() * (max + 1));
  const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: int(max) }, () => pick(list)))];
  return Array.from({ length: count }, (_, index) => {
    const purchases = index % 4 === 0 ? 0 : 1 + int(8);
    const categories = Object.fromEntries(
      some(CATEGORIES, 5).map((name) => {
        const maxViewedPrice = 5 + int(60);
        const lastPurchasePrice = int(60);
        return [name, { views: int(20), carts: int(4), purchases: int(3), maxViewedPrice, lastPurchasePrice, tradedDown: maxViewedPrice > lastPurchasePrice }];
      }),
    );
    const path = pick(PATHS);
    return {
      context: {
        url: `https://shop.example${path}`,
        path,
        referrerHost: pick(['www.google.com', 'news.example', '']),
        source: pick(SOURCES),
        utm: { source: pick(['newsletter', 'google', 'facebook']), medium: pick(['email', 'cpc', 'social']), campaign: pick(CAMPAIGNS) },
        device: pick(DEVICES),
        country: pick(COUNTRIES),
        region: 'BE',
        city: 'Berlin',
        language: pick(['de-DE', 'en-GB', 'fr-FR']),
        hour: int(23),
        weekday: int(6),
      },
      visitor: { new: index % 5 === 0, sessions: 1 + int(30), pageviews: 1 + int(200), daysSinceFirstVisit: int(400) },
      rfm:
        purchases === 0
          ? null
          : { recencyDays: int(200), frequency: purchases, monetary: int(900), r: 1 + int(4), f: 1 + int(4), m: 1 + int(4), segment: pick(RFM_SEGMENTS), clv: int(2000) },
      categories,
      interests: Object.keys(categories),
      cart: { items: int(6), value: Math.round(random() * 20000) / 100, abandoned: random() < 0.3 },
      products: {
        viewed: some(['b-101', 'b-204', 'b-330', 'b-412', 'b-518', 'b-623'], 6),
        carted: some(['b-101', 'b-204', 'b-330'], 2),
        purchased: some(['b-101', 'b-518'], 2),
      },
      prices: { avgViewed: int(40), maxViewed: int(90) },
      traits: {
        tier: pick(['gold', 'silver', 'bronze']),
        tags: some(['b2b', 'newsletter', 'vip', 'teacher'], 3),
        items: Array.from({ length: int(3) }, (_, i) => ({ id: `x${i}`, price: int(200) })),
        appVersion: pick(VERSIONS),
      },
      segments: some(SEGMENTS, 4),
    };
  });
}

/** One generator per rule shape a marketer writes; each call varies the operands. */
const SHAPES: ((random: () => number) => Condition)[] = [
  (r) => ({ [`categories.${pickWith(r, CATEGORIES)}.views`]: { $gte: 1 + Math.floor(r() * 6) } }),
  (r) => ({ 'rfm.segment': pickWith(r, RFM_SEGMENTS) }),
  (r) => ({ 'rfm.segment': { $in: [pickWith(r, RFM_SEGMENTS), pickWith(r, RFM_SEGMENTS)] } }),
  (r) => ({ 'rfm.recencyDays': { $exists: true, $lt: 10 + Math.floor(r() * 90) } }),
  (r) => ({ 'context.source': pickWith(r, SOURCES), 'context.device': pickWith(r, DEVICES) }),
  (r) => ({ 'context.country': { $in: COUNTRIES.filter(() => r() < 0.5) } }),
  (r) => ({ 'context.country': { $nin: [pickWith(r, COUNTRIES)] }, 'visitor.new': r() < 0.5 }),
  (r) => ({ interests: { $in: [pickWith(r, CATEGORIES), pickWith(r, CATEGORIES)] } }),
  (r) => ({ segments: { $elemMatch: { $eq: pickWith(r, SEGMENTS) } } }),
  (r) => ({ segments: { $all: [pickWith(r, SEGMENTS), pickWith(r, SEGMENTS)] } }),
  (r) => ({ 'context.path': { $regex: `^/books/${pickWith(r, CATEGORIES)}` } }),
  (r) => ({ 'context.utm.campaign': { $regex: pickWith(r, ['sale', 'read', 'friday', 'letter']) + '$' } }),
  (r) => ({ 'traits.items': { $elemMatch: { price: { $gte: 50 + Math.floor(r() * 100) } } } }),
  (r) => ({ 'traits.tags': { $elemMatch: { $in: ['vip', pickWith(r, ['b2b', 'teacher'])] } }, 'traits.tier': { $ne: 'bronze' } }),
  (r) => ({ 'products.viewed': { $size: 1 + Math.floor(r() * 4) } }),
  (r) => ({ 'cart.items': { $gte: 1 }, 'cart.value': { $gt: 20 + Math.floor(r() * 80) }, 'cart.abandoned': true }),
  (r) => ({ 'context.hour': { $gte: 18 + Math.floor(r() * 3), $lte: 23 } }),
  (r) => ({
    $or: [
      { 'rfm.segment': { $in: ['champions', 'loyal'] } },
      { $and: [{ 'visitor.sessions': { $gte: 3 + Math.floor(r() * 10) } }, { 'cart.value': { $gte: 50 } }] },
    ],
  }),
  (r) => ({
    $and: [
      { [`categories.${pickWith(r, CATEGORIES)}.tradedDown`]: true },
      { $or: [{ 'context.source': 'email' }, { 'context.utm.medium': 'email' }] },
      { 'visitor.daysSinceFirstVisit': { $gt: 30 } },
    ],
  }),
  (r) => ({ $nor: [{ 'context.source': 'ads' }, { segments: { $in: [pickWith(r, SEGMENTS)] } }], 'prices.maxViewed': { $gte: 40 } }),
  (r) => ({ 'rfm.segment': { $not: { $in: ['lost', 'hibernating', pickWith(r, RFM_SEGMENTS)] } }, 'rfm.monetary': { $exists: true } }),
  (r) => ({ 'context.language': { $regex: '^de' }, 'context.country': { $in: ['DE', 'AT', 'CH'] }, 'visitor.pageviews': { $gt: Math.floor(r() * 50) } }),
  // GrowthBook's additions to MongoDB's operators.
  (r) => ({ 'context.utm.campaign': { $regexi: pickWith(r, ['^spring', 'friday$', 'reads']) }, 'context.language': { $ini: ['DE-de', 'en-GB'] } }),
  (r) => ({ 'traits.tags': { $alli: [pickWith(r, ['B2B', 'Newsletter', 'VIP'])] }, 'context.country': { $nini: ['de', pickWith(r, ['at', 'fr'])] } }),
  (r) => ({ 'traits.appVersion': { $vgte: pickWith(r, ['2.4.0', '2.10.0', '3.0.0-beta.1']) } }),
  (r) => ({ 'traits.appVersion': { $vgte: '2.5.0', $vlt: pickWith(r, ['3.0.0', '3.1.0']) }, 'rfm.clv': { $type: 'number' } }),
  (r) => ({ $or: [{ rfm: { $type: 'null' } }, { 'traits.appVersion': { $veq: pickWith(r, VERSIONS) } }] }),
];

function pickWith<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

export function makeConditions(count: number, seed = 42): Condition[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => SHAPES[index % SHAPES.length](random));
}
