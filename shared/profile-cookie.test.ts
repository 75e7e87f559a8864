import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProfileCookie, encodeProfileCookie, PROFILE_COOKIE_MAX } from './profile-cookie.js';
import { ProfileSchema, type Profile } from './schema/profile.js';

const T = Date.UTC(2026, 5, 1, 12, 30, 15);
const DAY = 86_400_000;

/** A returning book buyer: the shape the demo's personas have. */
const TYPICAL: Profile = {
  firstSeen: T - 40 * DAY,
  sessions: 6,
  pageviews: 31,
  purchases: { count: 1, revenue: 38.5, first: T - 12 * DAY, last: T - 12 * DAY },
  categories: {
    thrillers: { views: 7, carts: 2, purchases: 1, maxViewedPrice: 24.95, lastPurchasePrice: 19.5 },
    'literary-fiction': { views: 3, maxViewedPrice: 22 },
    cookbooks: { views: 1, maxViewedPrice: 35 },
  },
  viewed: ['the-quiet-witness', 'blackwater-lane', 'the-ink-thief', 'seven-missed-calls', 'the-salt-house', 'under-the-ice', 'the-translator', 'small-plates-big-evenings'],
  carted: ['the-quiet-witness', 'blackwater-lane'],
  purchased: ['blackwater-lane'],
  cart: { items: 1, value: 24.95, updated: T - 2 * 3_600_000 },
  source: { first: 'organic', last: 'email' },
  prices: { avgViewed: 21.44, maxViewed: 35 },
};

const id = (prefix: string, i: number) => `${prefix}-${String(i).padStart(3, '0')}-with-a-rather-long-product-slug`;
/** Everything at the schema's limits: 50 categories with long names, 20 long ids per list. */
const HEAVY: Profile = {
  ...TYPICAL,
  sessions: 412,
  pageviews: 9_873,
  purchases: { count: 57, revenue: 12_345.67, first: T - 89 * DAY, last: T - DAY },
  categories: Object.fromEntries(
    Array.from({ length: 50 }, (_, i) => [`category-number-${i}-of-the-catalogue`, { views: 300 + i, carts: i % 7, purchases: i % 3, maxViewedPrice: 199.99, lastPurchasePrice: i % 3 ? 49.5 : undefined }]),
  ),
  viewed: Array.from({ length: 20 }, (_, i) => id('viewed', i)),
  carted: Array.from({ length: 20 }, (_, i) => id('carted', i)),
  purchased: Array.from({ length: 20 }, (_, i) => id('bought', i)),
};

/** What survives the cookie: times to the second, money to the cent, nothing undefined. */
const asCookieKeepsIt = (p: Profile): Profile =>
  JSON.parse(
    JSON.stringify(p, (key, v) =>
      typeof v === 'number' && /^(firstSeen|first|last|updated)$/.test(key) ? Math.round(v / 1000) * 1000 : typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v,
    ),
  );

const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

describe('the profile cookie', () => {
  it.each([
    ['a typical returning visitor', TYPICAL],
    ['an empty summary (a first page view)', { sessions: 1, pageviews: 1, purchases: { count: 0, revenue: 0 }, categories: {}, viewed: [], carted: [], purchased: [], cart: { items: 0, value: 0 }, prices: {} }],
    ['a summary with only some fields', { sessions: 2, source: { last: 'ads' as const } }],
    ['ids and names with delimiters, spaces and non-ASCII', { viewed: ['a|b', 'c:d/e', 'zoë’s jacket', '100%'], categories: { 'kids & baby': { views: 1 } } }],
    [
      "the seeds' traded-down dress buyer, with the sizes she wanted while sold out",
      { categories: { dresses: { views: 2, purchases: 1, maxViewedPrice: 99.5, lastPurchasePrice: 49.5, soldOutSizeViews: ['M', '38/40', 'one, size'] }, books: { views: 1 } } },
    ],
  ])('round-trips %s, in cookie-safe characters with a version prefix', (_, profile) => {
    const value = encodeProfileCookie(profile);
    expect(value).toMatch(/^v1\|/);
    expect(value).toMatch(COOKIE_OCTETS);
    expect(decodeProfileCookie(value)).toEqual({ viewed: [], carted: [], purchased: [], categories: {}, ...asCookieKeepsIt(profile) });
  });

  it('stays under 600 bytes for a typical visitor and under 3 KB for the heaviest', () => {
    const typical = encodeProfileCookie(TYPICAL);
    const heavy = encodeProfileCookie(HEAVY);
    expect(typical.length).toBeLessThan(600);
    expect(heavy.length).toBeLessThanOrEqual(PROFILE_COOKIE_MAX);
    console.log(`profile cookie: typical ${typical.length} B, heavy ${heavy.length} B (of ${JSON.stringify(HEAVY).length} B as JSON)`);
  });

  it('drops the least useful parts first when too big: older ids, then the quietest categories', () => {
    const decoded = decodeProfileCookie(encodeProfileCookie(HEAVY))!;
    // Counters, purchases, cart and source always stay.
    expect(decoded).toMatchObject({ sessions: 412, pageviews: 9_873, purchases: { count: 57, revenue: 12_345.67 }, source: TYPICAL.source });
    // The most recent ids stay, in order.
    expect(decoded.viewed!.length).toBeLessThan(20);
    expect(decoded.viewed).toEqual(HEAVY.viewed!.slice(0, decoded.viewed!.length));
    // The categories with purchases and carts stay before those with views alone.
    const kept = Object.keys(decoded.categories!);
    expect(kept.length).toBeLessThan(50);
    const usefulness = (name: string) => HEAVY.categories![name].purchases! * 4 + HEAVY.categories![name].carts! * 2 + HEAVY.categories![name].views!;
    const worstKept = Math.min(...kept.map(usefulness));
    const bestDropped = Math.max(...Object.keys(HEAVY.categories!).filter((n) => !kept.includes(n)).map(usefulness));
    expect(worstKept).toBeGreaterThanOrEqual(bestDropped);
  });

  it('never goes over the limit, however long the ids and names', () => {
    const huge = 'ü'.repeat(64);
    const value = encodeProfileCookie({ ...HEAVY, viewed: Array(50).fill(huge), categories: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [huge.slice(2) + i, { views: 1 }])) });
    expect(value.length).toBeLessThanOrEqual(PROFILE_COOKIE_MAX);
    expect(decodeProfileCookie(value)).not.toBeNull();
  });

  it.each([
    ['empty', ''],
    ['another version', encodeProfileCookie(TYPICAL).replace(/^v1/, 'v2')],
    ['too few fields', 'v1|a|b'],
    ['too many fields', encodeProfileCookie(TYPICAL) + '|x'],
    ['a number that is not base 36', encodeProfileCookie(TYPICAL).replace(/^v1\|[^|]*/, 'v1|-5')],
    ['a float', 'v1||1.5||||||||||'],
    ['purchases with a part missing', 'v1||||1:2||||||||'],
    ['an unknown source', 'v1||||||paid:direct|||||'],
    ['a broken escape in an id', 'v1||||||||%E0%A4%A|||'],
    ['an empty id', 'v1||||||||a//b|||'],
    ['a category named __proto__', 'v1|||||||||||__proto__:1::::'],
    ['six sold-out sizes in a category', 'v1|||||||||||dresses:1::::::a+b+c+d+e+f'],
    ['an empty sold-out size', 'v1|||||||||||dresses:1::::::M+'],
    ['eight parts in a category', 'v1|||||||||||dresses:1:::::M:x'],
    ['51 ids in a list', `v1||||||||${Array(51).fill('x').join('/')}|||`],
    ['over 3 KB', 'v1|' + 'x'.repeat(PROFILE_COOKIE_MAX)],
    ['JSON', JSON.stringify(TYPICAL)],
  ])('decodes %s as null', (_, value) => {
    expect(decodeProfileCookie(value)).toBeNull();
  });

  it('decodes anything without throwing, to null or to a profile the schema takes', () => {
    const parts = fc.constantFrom('v1', '|', ':', '/', '1', 'z', '', '%', '%41', 'ads', '__proto__', 'a'.repeat(70), '-', '.');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(parts, { maxLength: 40 }).map((p) => p.join(''))), (value) => {
        const decoded = decodeProfileCookie(value);
        if (decoded) expect(ProfileSchema.safeParse(decoded).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips any profile the schema takes (up to what the size limit keeps)', () => {
    const money = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
    const time = fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }).map((s) => s * 1000);
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((n) => n !== '__proto__');
    const profile = fc.record(
      {
        firstSeen: time,
        sessions: fc.nat(),
        pageviews: fc.nat(),
        purchases: fc.record({ count: fc.nat(), revenue: money, first: fc.option(time, { nil: undefined }), last: fc.option(time, { nil: undefined }) }),
        categories: fc.dictionary(
          name,
          fc.record(
            { views: fc.nat(), carts: fc.nat(), maxViewedPrice: money, soldOutSizeViews: fc.array(fc.string({ minLength: 1, maxLength: 32 }), { minLength: 1, maxLength: 5 }) },
            { requiredKeys: [] },
          ),
          { maxKeys: 8 },
        ),
        viewed: fc.array(name, { maxLength: 10 }),
        cart: fc.record({ items: fc.nat(), value: money }),
        source: fc.record({ first: fc.constantFrom('ads', 'email' as const), last: fc.constantFrom('direct', 'social' as const) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(profile, (p) => {
        const decoded = decodeProfileCookie(encodeProfileCookie(p as Profile));
        expect(decoded).toEqual({ viewed: [], carted: [], purchased: [], categories: {}, ...asCookieKeepsIt(p as Profile) });
        expect(ProfileSchema.safeParse(decoded).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
