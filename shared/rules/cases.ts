/**
 * The shared, data-driven table of rule behaviour: [name, condition, attributes, expected].
 * `compile.test.ts` runs every row through the compiler; `growthbook.test.ts` runs them
 * through GrowthBook's `evalCondition` and expects the same answer except in the rows
 * named in `GROWTHBOOK_DIFFERS`, where MongoDB's meaning is kept on purpose.
 */
import type { Attributes } from './compile.js';

export type RuleCase = [name: string, condition: Record<string, unknown>, attributes: Attributes, expected: boolean];

/** A returning visitor with a purchase history: the attribute tree of DESIGN.md. */
export const shopper: Attributes = {
  context: { path: '/books/thrillers', source: 'email', device: 'mobile', country: 'DE', hour: 21, utm: { campaign: 'Spring-Sale' } },
  visitor: { new: false, sessions: 7, pageviews: 42, daysSinceFirstVisit: 90 },
  rfm: { recencyDays: 12, frequency: 3, monetary: 180, r: 5, f: 3, m: 4, segment: 'loyal', clv: 410.5 },
  categories: {
    thrillers: { views: 9, carts: 2, purchases: 1, maxViewedPrice: 24, lastPurchasePrice: 12, tradedDown: true },
    cookbooks: { views: 1, carts: 0, purchases: 0 },
  },
  interests: ['thrillers', 'crime', 'travel'],
  cart: { items: 2, value: 38.9, abandoned: false },
  products: { viewed: ['b-101', 'b-204', 'b-330'], carted: ['b-204'], purchased: [] },
  traits: {
    tier: 'gold',
    tags: ['b2b', 'newsletter'],
    items: [
      { id: 'x1', price: 30, tags: ['gift'] },
      { id: 'x2', price: 120 },
    ],
    address: { city: 'Berlin', zip: '10115' },
    score: 0,
    nothing: null,
  },
  segments: ['thriller-lovers', 'big-spenders'],
};

/** A first visit: no purchases, so no RFM figures and no cart. */
export const newcomer: Attributes = {
  context: { path: '/', source: 'ads', device: 'desktop', country: 'FR', hour: 9 },
  visitor: { new: true, sessions: 1, pageviews: 1, daysSinceFirstVisit: 0 },
  rfm: null,
  categories: {},
  interests: [],
  segments: [],
};

/** A visitor whose app reports `version` (a string, or anything else to see it refused). */
const app = (version: unknown): Attributes => ({ app: { version } });

export const ruleCases: RuleCase[] = [
  // implicit equality
  ['implicit equality on a nested string', { 'rfm.segment': 'loyal' }, shopper, true],
  ['implicit equality mismatch', { 'rfm.segment': 'champions' }, shopper, false],
  ['implicit equality on a number', { 'cart.items': 2 }, shopper, true],
  ['implicit equality on a boolean', { 'visitor.new': false }, shopper, true],
  ['implicit equality: a missing attribute is not a string', { 'rfm.segment': 'loyal' }, newcomer, false],
  ['implicit equality: a number never equals its string', { 'cart.items': '2' }, shopper, false],
  ['implicit equality: a string never equals its number', { 'traits.address.zip': 10115 }, shopper, false],
  ['implicit equality: true never equals a truthy number', { 'cart.items': true }, shopper, false],
  ['array attribute contains the scalar', { segments: 'thriller-lovers' }, shopper, true],
  ['array attribute does not contain the scalar', { segments: 'vip' }, shopper, false],
  ['empty array contains nothing', { segments: 'thriller-lovers' }, newcomer, false],
  ['equality with a whole array', { interests: ['thrillers', 'crime', 'travel'] }, shopper, true],
  ['equality with a whole array is order-sensitive', { interests: ['crime', 'thrillers', 'travel'] }, shopper, false],
  ['equality with an object ignores key order', { 'traits.address': { zip: '10115', city: 'Berlin' } }, shopper, true],
  ['equality with an object needs every key', { 'traits.address': { city: 'Berlin' } }, shopper, false],
  ['equality with an empty object matches only an empty object', { categories: {} }, newcomer, true],
  ['null matches a missing attribute', { 'cart.value': null }, newcomer, true],
  ['null matches an attribute set to null', { 'traits.nothing': null }, shopper, true],
  ['null does not match a present attribute', { 'cart.value': null }, shopper, false],
  ['several fields must all hold', { 'rfm.segment': 'loyal', 'context.device': 'mobile' }, shopper, true],
  ['several fields: one fails', { 'rfm.segment': 'loyal', 'context.device': 'desktop' }, shopper, false],
  ['the empty condition matches everyone', {}, newcomer, true],

  // $eq / $ne
  ['$eq string', { 'context.country': { $eq: 'DE' } }, shopper, true],
  ['$eq on an array attribute means contains', { interests: { $eq: 'crime' } }, shopper, true],
  ['$eq null matches missing', { 'rfm.segment': { $eq: null } }, newcomer, true],
  ['$ne different value', { 'context.country': { $ne: 'FR' } }, shopper, true],
  ['$ne same value', { 'context.country': { $ne: 'DE' } }, shopper, false],
  ['$ne is true for a missing attribute', { 'rfm.segment': { $ne: 'loyal' } }, newcomer, true],
  ['$ne on an array attribute that contains the value', { segments: { $ne: 'big-spenders' } }, shopper, false],
  ['$ne on an array attribute without the value', { segments: { $ne: 'vip' } }, shopper, true],
  ['$ne with a number against its string', { 'cart.items': { $ne: '2' } }, shopper, true],

  // ordering
  ['$gte number', { 'categories.thrillers.views': { $gte: 3 } }, shopper, true],
  ['$gt at the boundary', { 'categories.thrillers.views': { $gt: 9 } }, shopper, false],
  ['$lt number', { 'rfm.recencyDays': { $lt: 30 } }, shopper, true],
  ['$lte at the boundary', { 'cart.value': { $lte: 38.9 } }, shopper, true],
  ['range with two operators', { 'context.hour': { $gte: 18, $lt: 23 } }, shopper, true],
  ['range with two operators, outside', { 'context.hour': { $gte: 18, $lt: 23 } }, newcomer, false],
  ['range: a strict lower bound excludes itself', { 'context.hour': { $gt: 21, $lte: 23 } }, shopper, false],
  ['range: a strict upper bound excludes itself', { 'context.hour': { $gte: 18, $lt: 21 } }, shopper, false],
  ['range: strict bounds just around the value', { 'cart.value': { $gt: 38.89, $lt: 38.91 } }, shopper, true],
  ['range on an array: each bound may hold on another element', { scores: { $gt: 5, $lt: 3 } }, { scores: [1, 7] }, true],
  ['$exists beside an ordering: a missing attribute', { 'rfm.recencyDays': { $exists: true, $lt: 30 } }, newcomer, false],
  ['$gt on zero', { 'traits.score': { $gt: -1 } }, shopper, true],
  ['$lt: a missing attribute never matches', { 'rfm.recencyDays': { $lt: 30 } }, newcomer, false],
  ['$lte: a missing attribute never matches', { 'cart.value': { $lte: 100 } }, newcomer, false],
  ['$gte 0: a missing attribute never matches', { 'rfm.monetary': { $gte: 0 } }, newcomer, false],
  ['$gt: a null attribute never matches', { 'traits.nothing': { $gt: -1 } }, shopper, false],
  ['$lt: a null attribute never matches', { 'traits.nothing': { $lt: 1 } }, shopper, false],
  ['$gt string lexical', { 'context.path': { $gt: '/books' } }, shopper, true],
  ['$lt string lexical', { 'rfm.segment': { $lt: 'champions' } }, shopper, false],
  ['$gt: a numeric string is not a number', { 'traits.address.zip': { $gt: 5 } }, shopper, false],
  ['$lt: a number is not compared with a string bound', { 'cart.items': { $lt: '3' } }, shopper, false],
  ['$gt: a boolean is never ordered', { 'visitor.new': { $gt: -1 } }, shopper, false],
  ['$gt on an array attribute: any element', { 'traits.items.price': { $gt: 100 } }, shopper, true],
  ['$lt on an array attribute: no element', { 'traits.items.price': { $lt: 10 } }, shopper, false],
  ['$gt on an array of numbers', { scores: { $gt: 5 } }, { scores: [1, 7] }, true],
  ['$gte on an empty array', { scores: { $gte: 0 } }, { scores: [] }, false],

  // $in / $nin
  ['$in scalar', { 'context.source': { $in: ['email', 'social'] } }, shopper, true],
  ['$in scalar not listed', { 'context.source': { $in: ['ads', 'social'] } }, newcomer, true],
  ['$in: type matters', { 'cart.items': { $in: ['2', '3'] } }, shopper, false],
  ['$in numbers', { 'rfm.r': { $in: [4, 5] } }, shopper, true],
  ['$in array attribute intersects', { interests: { $in: ['travel', 'cooking'] } }, shopper, true],
  ['$in array attribute disjoint', { interests: { $in: ['cooking', 'garden'] } }, shopper, false],
  ['$in empty list', { 'context.source': { $in: [] } }, shopper, false],
  ['$in missing attribute', { 'rfm.segment': { $in: ['loyal', 'champions'] } }, newcomer, false],
  ['$in with null matches missing', { 'rfm.segment': { $in: [null, 'loyal'] } }, newcomer, true],
  ['$in with an object', { 'traits.address': { $in: [{ city: 'Berlin', zip: '10115' }] } }, shopper, true],
  ['$in with many values', { 'context.country': { $in: ['AT', 'BE', 'CH', 'DE', 'DK', 'ES', 'FI', 'FR', 'IT', 'NL', 'PL', 'SE'] } }, shopper, true],
  ['$nin scalar', { 'context.source': { $nin: ['ads', 'social'] } }, shopper, true],
  ['$nin listed', { 'context.source': { $nin: ['email'] } }, shopper, false],
  ['$nin is true for a missing attribute', { 'rfm.segment': { $nin: ['lost', 'hibernating'] } }, newcomer, true],
  ['$nin array attribute with a listed element', { segments: { $nin: ['big-spenders'] } }, shopper, false],
  ['$nin array attribute with no listed element', { segments: { $nin: ['vip'] } }, shopper, true],

  // $exists
  ['$exists true present', { 'cart.value': { $exists: true } }, shopper, true],
  ['$exists true missing', { 'cart.value': { $exists: true } }, newcomer, false],
  ['$exists false missing', { 'cart.value': { $exists: false } }, newcomer, true],
  ['$exists false present', { 'cart.value': { $exists: false } }, shopper, false],
  ['$exists: a falsy value exists', { 'traits.score': { $exists: true } }, shopper, true],
  ['$exists: null counts as missing', { 'traits.nothing': { $exists: false } }, shopper, true],
  ['$exists below a missing parent', { 'rfm.segment': { $exists: false } }, newcomer, true],

  // $regex
  ['$regex match', { 'context.path': { $regex: '^/books/' } }, shopper, true],
  ['$regex no match', { 'context.path': { $regex: '^/shoes/' } }, shopper, false],
  ['$regex is case-sensitive by default', { 'context.utm.campaign': { $regex: 'spring' } }, shopper, false],
  ['$regex with $options i', { 'context.utm.campaign': { $regex: 'spring', $options: 'i' } }, shopper, true],
  ['$regex with $options m', { note: { $regex: '^b$', $options: 'm' } }, { note: 'a\nb' }, true],
  ['$regex with $options s', { note: { $regex: 'a.b', $options: 's' } }, { note: 'a\nb' }, true],
  ['$regex: a missing attribute never matches', { 'context.utm.campaign': { $regex: 'ull' } }, newcomer, false],
  ['$regex: a number is not text', { 'cart.items': { $regex: '2' } }, shopper, false],
  ['$regex on an array attribute: any element', { 'traits.tags': { $regex: '^news' } }, shopper, true],
  ['$regex searches only the first 2000 characters', { note: { $regex: 'needle' } }, { note: 'x'.repeat(2000) + 'needle' }, false],
  ['$regex within the first 2000 characters', { note: { $regex: 'needle' } }, { note: 'x'.repeat(1994) + 'needle' }, true],
  ['$regex with an escaped slash', { 'context.path': { $regex: 'books/thr' } }, shopper, true],

  // $size
  ['$size number', { interests: { $size: 3 } }, shopper, true],
  ['$size number mismatch', { interests: { $size: 2 } }, shopper, false],
  ['$size 0 on an empty array', { interests: { $size: 0 } }, newcomer, true],
  ['$size with a condition', { 'products.viewed': { $size: { $gte: 2 } } }, shopper, true],
  ['$size with a condition, too few', { 'products.carted': { $size: { $gte: 2 } } }, shopper, false],
  ['$size on a non-array', { 'rfm.segment': { $size: 5 } }, shopper, false],
  ['$size on a missing attribute', { interests: { $size: 0 } }, {}, false],

  // $elemMatch
  ['$elemMatch with operators', { interests: { $elemMatch: { $eq: 'crime' } } }, shopper, true],
  ['$elemMatch with operators, none', { interests: { $elemMatch: { $regex: '^cook' } } }, shopper, false],
  ['$elemMatch with $in', { 'traits.tags': { $elemMatch: { $in: ['vip', 'newsletter'] } } }, shopper, true],
  ['$elemMatch with $in, none', { 'traits.tags': { $elemMatch: { $in: ['vip', 'teacher'] } } }, shopper, false],
  ['$elemMatch range on one element', { scores: { $elemMatch: { $gt: 5, $lt: 8 } } }, { scores: [1, 7, 20] }, true],
  ['$elemMatch range needs one element for both', { scores: { $elemMatch: { $gt: 5, $lt: 8 } } }, { scores: [1, 20] }, false],
  ['$elemMatch with fields', { 'traits.items': { $elemMatch: { id: 'x2', price: { $gte: 100 } } } }, shopper, true],
  ['$elemMatch with fields on different elements', { 'traits.items': { $elemMatch: { id: 'x1', price: { $gte: 100 } } } }, shopper, false],
  ['$elemMatch with $or over fields', { 'traits.items': { $elemMatch: { $or: [{ id: 'zz' }, { price: 30 }] } } }, shopper, true],
  ['$elemMatch on a non-array', { 'rfm.segment': { $elemMatch: { $eq: 'loyal' } } }, shopper, false],
  ['$elemMatch on a missing attribute', { segments: { $elemMatch: { $eq: 'x' } } }, {}, false],
  ['$elemMatch with fields skips scalar elements', { list: { $elemMatch: { a: { $exists: false } } } }, { list: [1, 'x'] }, false],

  // $all
  ['$all present', { segments: { $all: ['thriller-lovers', 'big-spenders'] } }, shopper, true],
  ['$all one missing', { segments: { $all: ['thriller-lovers', 'vip'] } }, shopper, false],
  ['$all on an empty array', { segments: { $all: ['vip'] } }, newcomer, false],
  ['$all with a condition element', { 'traits.items.price': { $all: [{ $elemMatch: { $gt: 100 } }] } }, shopper, true],
  ['$all on a scalar attribute equal to the single value', { 'traits.tier': { $all: ['gold'] } }, shopper, true],

  // $not
  ['$not with an operator object', { 'rfm.segment': { $not: { $in: ['lost', 'hibernating'] } } }, shopper, true],
  ['$not negates a match', { 'rfm.segment': { $not: { $eq: 'loyal' } } }, shopper, false],
  ['$not is true for a missing attribute', { 'rfm.recencyDays': { $not: { $gt: 30 } } }, newcomer, true],
  ['$not of a range', { 'context.hour': { $not: { $gte: 18, $lte: 22 } } }, shopper, false],
  ['$not of an ordering beside $exists: a missing attribute', { 'rfm.recencyDays': { $exists: true, $not: { $gt: 30 } } }, newcomer, false],
  ['$not with a regex string', { 'context.path': { $not: '^/checkout' } }, shopper, true],
  ['$not with a regex string that matches', { 'context.path': { $not: '^/books' } }, shopper, false],
  ['$not with $regex and $options', { 'context.utm.campaign': { $not: { $regex: 'SPRING', $options: 'i' } } }, shopper, false],
  ['top-level $not over fields', { $not: { 'context.device': 'mobile' } }, shopper, false],

  // $type (GrowthBook's type names)
  ['$type string', { 'rfm.segment': { $type: 'string' } }, shopper, true],
  ['$type number', { 'cart.value': { $type: 'number' } }, shopper, true],
  ['$type boolean', { 'visitor.new': { $type: 'boolean' } }, shopper, true],
  ['$type object', { 'traits.address': { $type: 'object' } }, shopper, true],
  ['$type array', { interests: { $type: 'array' } }, shopper, true],
  ['$type null on an attribute set to null', { 'traits.nothing': { $type: 'null' } }, shopper, true],
  ['$type mismatch', { 'cart.items': { $type: 'string' } }, shopper, false],
  ['$type: a missing attribute has no type', { 'rfm.segment': { $type: 'null' } }, newcomer, false],
  ['$type on an array attribute: any element', { interests: { $type: 'string' } }, shopper, true],
  ['$type on an empty array: only array', { interests: { $type: 'string' } }, newcomer, false],

  // $ini / $nini / $alli: $in, $nin and $all with strings compared case-insensitively
  ['$ini ignores case', { 'context.utm.campaign': { $ini: ['spring-sale', 'summer'] } }, shopper, true],
  ['$ini not listed', { 'context.country': { $ini: ['fr', 'nl'] } }, shopper, false],
  ['$ini array attribute intersects, in any case', { interests: { $ini: ['CRIME', 'garden'] } }, shopper, true],
  ['$ini: type matters', { 'cart.items': { $ini: ['2'] } }, shopper, false],
  ['$ini missing attribute', { 'rfm.segment': { $ini: ['LOYAL'] } }, newcomer, false],
  ['$ini with null matches missing', { 'rfm.segment': { $ini: [null, 'LOYAL'] } }, newcomer, true],
  ['$nini ignores case', { 'context.source': { $nini: ['EMAIL'] } }, shopper, false],
  ['$nini not listed', { 'context.source': { $nini: ['ADS', 'Social'] } }, shopper, true],
  ['$nini is true for a missing attribute', { 'rfm.segment': { $nini: ['LOST'] } }, newcomer, true],
  ['$nini array attribute with a listed element', { segments: { $nini: ['Big-Spenders'] } }, shopper, false],
  ['$alli all present, in any case', { segments: { $alli: ['THRILLER-LOVERS', 'Big-Spenders'] } }, shopper, true],
  ['$alli one missing', { segments: { $alli: ['thriller-lovers', 'VIP'] } }, shopper, false],
  ['$alli with a number', { scores: { $alli: [7] } }, { scores: [1, 7] }, true],
  ['$alli on a scalar attribute equal to the single value', { 'traits.tier': { $alli: ['GOLD'] } }, shopper, true],

  // $regexi
  ['$regexi ignores case', { 'context.utm.campaign': { $regexi: '^spring' } }, shopper, true],
  ['$regexi no match', { 'context.path': { $regexi: '^/SHOES' } }, shopper, false],
  ['$regexi: a missing attribute never matches', { 'context.utm.campaign': { $regexi: 'NULL' } }, newcomer, false],
  ['$regexi on an array attribute: any element', { 'traits.tags': { $regexi: '^NEWS' } }, shopper, true],

  // semantic versions (GrowthBook's padding)
  ['$veq same version', { 'app.version': { $veq: '2.10.0' } }, app('2.10.0'), true],
  ['$veq ignores a v prefix and build metadata', { 'app.version': { $veq: 'v2.10.0+build.7' } }, app('2.10.0'), true],
  ['$veq: 2.10 is not 2.10.0', { 'app.version': { $veq: '2.10' } }, app('2.10.0'), false],
  ['$vne another version', { 'app.version': { $vne: '2.9.0' } }, app('2.10.0'), true],
  ['$vne the same version', { 'app.version': { $vne: 'v2.10.0' } }, app('2.10.0'), false],
  ['$vne is true for a missing attribute', { 'app.version': { $vne: '1.0.0' } }, newcomer, true],
  ['$vgt compares numbers, not text', { 'app.version': { $vgt: '2.9.0' } }, app('2.10.0'), true],
  ['$vgte at the boundary', { 'app.version': { $vgte: '2.10.0' } }, app('2.10.0'), true],
  ['$vlt: a pre-release comes before its release', { 'app.version': { $vlt: '1.0.0' } }, app('1.0.0-rc.1'), true],
  ['$vlt: pre-releases in order', { 'app.version': { $vlt: '1.0.0-rc.2' } }, app('1.0.0-rc.1'), true],
  ['$vgt: alpha comes before beta', { 'app.version': { $vgt: '1.0.0-alpha' } }, app('1.0.0-beta'), true],
  ['$vlte at the boundary, v prefix on the attribute', { 'app.version': { $vlte: '1.0.0' } }, app('v1.0.0'), true],
  ['$vlt: a missing attribute never matches', { 'app.version': { $vlt: '1.0.0' } }, newcomer, false],
  ['$vgte: a number is not a version', { 'app.version': { $vgte: '1.0.0' } }, app(2), false],
  ['$vgt on an array attribute: any element', { versions: { $vgt: '2.0.0' } }, { versions: ['1.0.0', '3.1.0'] }, true],

  // $and / $or / $nor and nesting
  ['$and all hold', { $and: [{ 'rfm.r': { $gte: 4 } }, { 'rfm.f': { $gte: 3 } }] }, shopper, true],
  ['$and one fails', { $and: [{ 'rfm.r': { $gte: 4 } }, { 'rfm.f': { $gte: 4 } }] }, shopper, false],
  ['$or one holds', { $or: [{ 'context.source': 'ads' }, { 'cart.value': { $gt: 30 } }] }, shopper, true],
  ['$or none holds', { $or: [{ 'context.source': 'ads' }, { 'cart.value': { $gt: 50 } }] }, shopper, false],
  ['$nor none holds', { $nor: [{ 'context.source': 'ads' }, { segments: 'vip' }] }, shopper, true],
  ['$nor one holds', { $nor: [{ 'context.source': 'email' }, { segments: 'vip' }] }, shopper, false],
  [
    'nested $and inside $or',
    { $or: [{ $and: [{ 'visitor.new': true }, { 'context.source': 'ads' }] }, { segments: { $in: ['vip'] } }] },
    newcomer,
    true,
  ],
  [
    'logic beside fields: both must hold',
    { 'context.country': 'DE', $or: [{ 'cart.abandoned': true }, { 'categories.thrillers.tradedDown': true }] },
    shopper,
    true,
  ],
  ['a segment micro-rule', { 'categories.thrillers.tradedDown': true, 'rfm.segment': { $in: ['loyal', 'champions'] } }, shopper, true],

  // paths
  ['a path through a missing parent', { 'categories.garden.views': { $gte: 1 } }, shopper, false],
  ['a path through a scalar', { 'rfm.segment.length': 5 }, shopper, false],
  ['a path indexes an array with a number', { 'products.viewed.0': 'b-101' }, shopper, true],
  ['a path maps over an array of objects', { 'traits.items.id': 'x2' }, shopper, true],
  ['a path maps over nested arrays of objects', { 'traits.items.tags': 'gift' }, shopper, true],
  ['a mapped path with no element having the key is missing', { 'traits.items.color': { $exists: false } }, shopper, true],
  ['a non-index segment on an array of scalars is missing', { 'interests.length': { $exists: false } }, shopper, true],
  ['a key with a dollar inside is a plain key', { 'traits.a$b': 1 }, { traits: { a$b: 1 } }, true],

  // prototype keys are never read
  ['constructor is never read', { constructor: { $exists: true } }, shopper, false],
  ['a nested constructor is never read', { 'traits.constructor': { $exists: true } }, shopper, false],
  ['__proto__ is never read', { '__proto__.polluted': { $exists: true } }, shopper, false],
  ['prototype is never read', { 'traits.prototype': { $exists: false } }, { traits: { prototype: 1 } }, true],
  ['an inherited method is not an attribute', { 'traits.toString': { $exists: true } }, shopper, false],
  ['hasOwnProperty is not an attribute', { 'cart.hasOwnProperty': { $exists: true } }, shopper, false],
];

/**
 * Rows where GrowthBook's `evalCondition` answers differently, and why. MongoDB's meaning
 * is kept here because it is the safe one for targeting (DESIGN.md, "Rule language").
 */
export const GROWTHBOOK_DIFFERS: Record<string, string> = {
  'implicit equality: a number never equals its string': 'GrowthBook coerces the attribute with value * 1',
  'implicit equality: a string never equals its number': 'GrowthBook coerces the attribute with value * 1',
  'implicit equality: true never equals a truthy number': 'GrowthBook compares !!value with a boolean',
  'array attribute contains the scalar': 'GrowthBook compares String(array) with the scalar',
  'equality with an object ignores key order': 'GrowthBook compares JSON.stringify output, which follows key order',
  '$eq on an array attribute means contains': 'GrowthBook $eq is ===, so an array never equals a scalar',
  '$ne on an array attribute that contains the value': 'GrowthBook $ne is !==',
  '$lt: a missing attribute never matches': 'GrowthBook: null < 30 is true',
  '$lte: a missing attribute never matches': 'GrowthBook: null <= 100 is true',
  '$gte 0: a missing attribute never matches': 'GrowthBook: null >= 0 is true',
  '$gt: a null attribute never matches': 'GrowthBook: null > -1 is true',
  '$lt: a null attribute never matches': 'GrowthBook: null < 1 is true',
  '$gt: a numeric string is not a number': 'GrowthBook: "10115" > 5 coerces the string',
  '$lt: a number is not compared with a string bound': 'GrowthBook: 2 < "3" coerces the string',
  '$gt: a boolean is never ordered': 'GrowthBook: false > -1 coerces the boolean',
  '$gt on an array attribute: any element': 'GrowthBook reads no path through arrays and compares the array itself',
  'range on an array: each bound may hold on another element': 'GrowthBook compares the array itself with each bound',
  '$gt on an array of numbers': 'GrowthBook compares the array itself ([1,7] > 5 is false)',
  '$lt on an array attribute: no element': 'GrowthBook reads no path through arrays, and then null < 10 is true',
  '$gte on an empty array': 'GrowthBook: [] >= 0 coerces the array to 0',
  '$in with an object': 'GrowthBook $in compares with ===, so an object never matches',
  '$regex with $options i': 'GrowthBook knows no $options (it has $regexi)',
  '$regex with $options m': 'GrowthBook knows no $options',
  '$regex with $options s': 'GrowthBook knows no $options',
  '$regex: a missing attribute never matches': 'GrowthBook tests String(null), "null"',
  '$regex on an array attribute: any element': 'GrowthBook tests String(array), "b2b,newsletter"',
  '$regex: a number is not text': 'GrowthBook tests String(value)',
  '$regex searches only the first 2000 characters': 'GrowthBook searches the whole string',
  '$all on a scalar attribute equal to the single value': 'GrowthBook $all needs an array attribute; MongoDB treats $all as $and of equalities',
  '$all with a condition element': 'GrowthBook reads no path through arrays, so traits.items.price is missing',
  '$not with a regex string that matches': 'GrowthBook reads a string under $not as equality',
  '$not with $regex and $options': 'GrowthBook knows no $options',
  '$elemMatch with $or over fields': 'GrowthBook reads $or inside $elemMatch as an unknown value operator',
  '$elemMatch with fields skips scalar elements': 'GrowthBook tests field conditions on scalar elements too (MongoDB matches documents only)',
  'a non-index segment on an array of scalars is missing': 'GrowthBook reads array.length',
  'a path maps over an array of objects': 'GrowthBook reads no path through arrays',
  'a path maps over nested arrays of objects': 'GrowthBook reads no path through arrays',
  'constructor is never read': 'GrowthBook reads inherited properties ("constructor" in obj)',
  'a nested constructor is never read': 'GrowthBook reads inherited properties',
  'an inherited method is not an attribute': 'GrowthBook reads inherited properties',
  'hasOwnProperty is not an attribute': 'GrowthBook reads inherited properties',
  'prototype is never read': 'GrowthBook reads a key named prototype',
  '$type: a missing attribute has no type': 'GrowthBook reads a missing attribute as null, so its type is "null"',
  '$type on an array attribute: any element': 'GrowthBook gives an array only the type "array"; MongoDB also matches its elements',
  '$alli on a scalar attribute equal to the single value': 'GrowthBook $alli needs an array attribute; here it is $all, which MongoDB reads as $and of equalities',
  '$regexi: a missing attribute never matches': 'GrowthBook tests String(null), "null"',
  '$regexi on an array attribute: any element': 'GrowthBook tests String(array), "b2b,newsletter"',
  '$vlt: a missing attribute never matches': 'GrowthBook reads a missing version as "0"',
  '$vgte: a number is not a version': 'GrowthBook reads the number 2 as the version "2"; strings never order against numbers here',
  '$vgt on an array attribute: any element': 'GrowthBook reads an array as the version "0"',
};
