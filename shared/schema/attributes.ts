/**
 * The attribute tree: everything rules and `{{placeholders}}` can see, one entry per
 * attribute with its type, a one-line description and, where the set is closed, its
 * values. The only list of attribute paths in the repo: the rule view's fast reads
 * (shared/rules/attribute-names.ts, generated), the JSON Schema's completion, the
 * README's table and the config checks all derive from it (see `ATTRIBUTES` below).
 * Adding an attribute is one entry here plus the code that fills it.
 *
 * Meta keys the derivation reads (besides `description`):
 * - `free: true` — any path below is accepted, untyped (traits, customer data);
 * - `valuesFrom` — the closed set comes from the config (`segments`: its segment ids) or
 *   from the catalog (`categories`: its category names, checked only when one is known);
 * - `namesFrom` on a record — its keys are category names (`categories`) or the config's
 *   code ids (`codes`);
 * - `copyOnly: true` — filled after rules run, for `{{placeholders}}` only;
 * - `examples` on a free namespace — names common enough to get a fast read in rules.
 */
import { z } from 'zod';
import { RFM_SEGMENTS } from '../rfm.js';
import { WEATHER_CONDITIONS } from '../weather.js';
import { SourceSchema } from './profile.js';

export const DEVICES = ['mobile', 'tablet', 'desktop', 'bot'] as const;
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const CHANNELS = ['web', 'email', 'chat', 'ads'] as const;

const Count = z.number().nonnegative();
const Money = z.number().nonnegative();
const ProductIds = (what: string) => z.array(z.string()).describe(`ids of the products ${what}, most recent first`);
const FreeJson = z.record(z.string(), z.unknown());

const WeatherSchema = z
  .object({
    temperature: z.number().describe('air temperature at the visitor\'s location, °C'),
    precipitation: z.number().nonnegative().describe('rain and snow in the last hour, mm'),
    condition: z.enum(WEATHER_CONDITIONS).describe('the sky now, from the WMO weather code'),
    isDay: z.boolean().describe('true between sunrise and sunset'),
  })
  .describe('weather where the visitor is (absent when it could not be had in time)');

export const CategoryAttributesSchema = z
  .object({
    views: Count.optional().describe('product views in this category'),
    carts: Count.optional().describe('add-to-carts in this category'),
    purchases: Count.optional().describe('products bought in this category'),
    maxViewedPrice: Money.optional().describe('highest price of a product viewed in this category'),
    lastPurchasePrice: Money.optional().describe('price of the last product bought in this category'),
    soldOutSizeViews: z
      .array(z.string())
      .optional()
      .describe('sizes the visitor wanted here while they were sold out (size_sold_out events), most recent first'),
    tradedDown: z.boolean().describe('looked at a pricier product than the one last bought (maxViewedPrice > lastPurchasePrice)'),
  })
  .describe('what the visitor did in one category');

export const AttributesSchema = z.object({
  context: z
    .object({
      url: z.string().describe('the page URL'),
      path: z.string().describe('the page path, e.g. /books/thrillers'),
      referrerHost: z.string().nullable().describe('host name of the referring page, null when none'),
      source: SourceSchema.describe('where this visit came from (utm tags, click ids, referrer)'),
      utm: z
        .object({
          source: z.string().optional().describe('utm_source of the landing URL'),
          medium: z.string().optional().describe('utm_medium of the landing URL'),
          campaign: z.string().optional().describe('utm_campaign of the landing URL'),
        })
        .describe('utm tags of the page URL'),
      device: z.enum(DEVICES).describe('device class from client hints or the user agent'),
      country: z.string().regex(/^[A-Z]{2}$/).nullable().describe('ISO 3166 country code in capitals, e.g. NL (from the edge)'),
      region: z.string().nullable().describe('region name (from the edge)'),
      city: z.string().nullable().describe('city name (from the edge)'),
      language: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]+)*$/).nullable().describe('browser language in lower case, e.g. nl-nl'),
      hour: z.number().int().min(0).max(23).describe('hour of the day where the visitor is, 0–23'),
      weekday: z.enum(WEEKDAYS).describe('day of the week where the visitor is'),
      channel: z.enum(CHANNELS).describe('where the decision is shown: web page, email, chat or ad'),
      weather: WeatherSchema.optional(),
    })
    .describe('the request: page, source, device, place and time'),
  visitor: z
    .object({
      new: z.boolean().describe('first session (sessions ≤ 1)'),
      sessions: Count.describe('sessions so far'),
      pageviews: Count.describe('page views so far'),
      daysSinceFirstVisit: Count.describe('whole days since the first visit'),
    })
    .describe('how long and how often the visitor has been here'),
  rfm: z
    .object({
      recencyDays: Count.describe('days since the last purchase'),
      frequency: Count.describe('number of purchases'),
      monetary: Money.describe('total revenue from the visitor'),
      r: z.number().int().min(1).max(5).describe('recency score, 1–5 (5 = most recent)'),
      f: z.number().int().min(1).max(5).describe('frequency score, 1–5'),
      m: z.number().int().min(1).max(5).describe('monetary score, 1–5'),
      segment: z.enum(RFM_SEGMENTS).describe('named RFM segment from the R and F scores'),
      clv: Money.describe('estimated customer lifetime value over the configured horizon'),
    })
    .optional()
    .describe('recency, frequency, monetary value; absent for visitors who never bought'),
  categories: z
    .record(z.string(), CategoryAttributesSchema)
    .meta({ namesFrom: 'categories' })
    .describe('per category name (as in the catalog), what the visitor did there'),
  interests: z
    .array(z.string())
    .meta({ valuesFrom: 'categories' })
    .describe(
      "category names by affinity: the visitor's own, strongest first (views + 3 × carts + 5 × purchases), then up to 3 they have not visited that buyers of theirs also buy (learned from co-purchases)",
    ),
  cart: z
    .object({
      items: Count.describe('items in the cart'),
      value: Money.describe('value of the cart'),
      abandoned: z.boolean().describe('items left in the cart longer than cart.abandonAfterMinutes'),
      toFreeShipping: Money.optional().describe('amount still to add for free shipping (with cart.freeShippingAbove)'),
    })
    .describe('the shopping cart'),
  products: z
    .object({ viewed: ProductIds('viewed'), carted: ProductIds('put in the cart'), purchased: ProductIds('bought') })
    .describe('products the visitor has seen, carted and bought'),
  prices: z
    .object({
      avgViewed: Money.optional().describe('average price of the products viewed'),
      maxViewed: Money.optional().describe('highest price of a product viewed'),
    })
    .describe('prices of the products viewed'),
  source: z
    .object({
      first: SourceSchema.optional().describe('source of the first visit'),
      last: SourceSchema.optional().describe('source of the latest visit'),
    })
    .describe('where the visitor came from, first and last time'),
  traits: FreeJson.meta({
    free: true,
    examples: [{ tier: 'gold', tags: ['b2b'], items: [{ id: 'sku-1', price: 20 }] }],
  }).describe('JSON the page sets with `set`: visible to and changeable by the visitor, never trust it for what costs money'),
  customer: FreeJson.optional()
    .meta({ free: true })
    .describe('JSON the shop uploaded for this customer, present only after a verified identify'),
  code: z
    .record(z.string(), z.string().describe('this customer\'s code of that definition'))
    .optional()
    .meta({ namesFrom: 'codes', copyOnly: true })
    .describe('personal discount codes of a verified customer, by code id in the config (copy only: filled after rules run)'),
  segments: z
    .array(z.string())
    .meta({ valuesFrom: 'segments' })
    .describe('ids of the segments the visitor is in (segments may use other segments)'),
});

/** The attribute tree as the edge builds it for one request. */
export type Attributes = z.infer<typeof AttributesSchema>;
