import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { condition, visitor } from './arbitraries.js';
import { newcomer, ruleCases, shopper } from './cases.js';
import { compileCondition, type Attributes } from './compile.js';
import { explainCondition } from './explain.js';
import { compilePath, readPath } from './path.js';
import { jsonEqual } from './values.js';

const lapsed: Attributes = { ...shopper, rfm: { recencyDays: 80, segment: 'at-risk' }, categories: {} };

type Row = [name: string, condition: unknown, attrs: Attributes, why: { path: string; operator: string; expected: unknown; actual: unknown; message: string }];

const rows: Row[] = [
  [
    'a number outside an ordering',
    { 'rfm.recencyDays': { $lt: 60 } },
    lapsed,
    { path: 'rfm.recencyDays', operator: '$lt', expected: 60, actual: 80, message: 'rfm.recencyDays is 80, rule wants $lt 60' },
  ],
  [
    'a missing attribute',
    { 'categories.thrillers.views': { $gte: 3 } },
    lapsed,
    { path: 'categories.thrillers.views', operator: '$gte', expected: 3, actual: undefined, message: 'categories.thrillers.views is missing, rule wants $gte 3' },
  ],
  [
    'the first failing field of several',
    { 'context.device': 'mobile', 'rfm.segment': { $in: ['loyal', 'champions'] }, 'cart.items': 9 },
    lapsed,
    { path: 'rfm.segment', operator: '$in', expected: ['loyal', 'champions'], actual: 'at-risk', message: 'rfm.segment is "at-risk", rule wants $in ["loyal","champions"]' },
  ],
  [
    'the failing operator of a range',
    { 'context.hour': { $gte: 18, $lt: 21 } },
    shopper,
    { path: 'context.hour', operator: '$lt', expected: 21, actual: 21, message: 'context.hour is 21, rule wants $lt 21' },
  ],
  [
    'a plain value is equality',
    { 'context.source': 'ads' },
    shopper,
    { path: 'context.source', operator: '$eq', expected: 'ads', actual: 'email', message: 'context.source is "email", rule wants $eq "ads"' },
  ],
  [
    '$or: the first alternative, as one of several',
    { $or: [{ 'context.source': 'ads' }, { 'cart.value': { $gt: 50 } }] },
    shopper,
    {
      path: 'context.source',
      operator: '$eq',
      expected: 'ads',
      actual: 'email',
      message: 'none of 2 alternatives holds: context.source is "email", rule wants $eq "ads"',
    },
  ],
  [
    '$and: the failing part',
    { $and: [{ 'rfm.r': { $gte: 4 } }, { 'rfm.f': { $gte: 4 } }] },
    shopper,
    { path: 'rfm.f', operator: '$gte', expected: 4, actual: 3, message: 'rfm.f is 3, rule wants $gte 4' },
  ],
  [
    '$nor: the alternative that holds',
    { $nor: [{ 'context.source': 'ads' }, { 'context.device': 'mobile' }] },
    shopper,
    { path: 'context.device', operator: '$eq', expected: 'mobile', actual: 'mobile', message: 'context.device is "mobile", rule wants not $eq "mobile"' },
  ],
  [
    '$not over fields that all hold',
    { $not: { 'context.device': 'mobile', 'context.country': 'DE' } },
    shopper,
    {
      path: 'context.device',
      operator: '$eq',
      expected: 'mobile',
      actual: 'mobile',
      message: 'all 2 conditions hold: context.device is "mobile", rule wants not $eq "mobile"',
    },
  ],
  [
    '$not of an operator object that holds: the whole object',
    { $not: { 'context.hour': { $gte: 18, $lte: 22 } } },
    shopper,
    { path: 'context.hour', operator: '$gte $lte', expected: { $gte: 18, $lte: 22 }, actual: 21, message: 'context.hour is 21, rule wants not $gte $lte {"$gte":18,"$lte":22}' },
  ],
  [
    'double negation reads as the plain test',
    { $not: { $not: { 'visitor.new': true } } },
    shopper,
    { path: 'visitor.new', operator: '$eq', expected: true, actual: false, message: 'visitor.new is false, rule wants $eq true' },
  ],
  [
    'a field-level $not',
    { 'rfm.segment': { $not: { $in: ['loyal'] } } },
    shopper,
    { path: 'rfm.segment', operator: '$not', expected: { $in: ['loyal'] }, actual: 'loyal', message: 'rfm.segment is "loyal", rule wants $not {"$in":["loyal"]}' },
  ],
  [
    '$regex names its options',
    { 'context.utm.campaign': { $regex: 'winter', $options: 'i' } },
    shopper,
    {
      path: 'context.utm.campaign',
      operator: '$regex',
      expected: 'winter',
      actual: 'Spring-Sale',
      message: 'context.utm.campaign is "Spring-Sale", rule wants $regex "winter" (options "i")',
    },
  ],
  [
    'a version comparison',
    { 'traits.appVersion': { $vgte: '2.10.0' } },
    { traits: { appVersion: '2.9.4' } },
    { path: 'traits.appVersion', operator: '$vgte', expected: '2.10.0', actual: '2.9.4', message: 'traits.appVersion is "2.9.4", rule wants $vgte "2.10.0"' },
  ],
  [
    'null is shown as null, not as missing',
    { 'traits.nothing': { $exists: true } },
    shopper,
    { path: 'traits.nothing', operator: '$exists', expected: true, actual: null, message: 'traits.nothing is null, rule wants $exists true' },
  ],
  [
    'a long value is cut',
    { note: 'short' },
    { note: 'x'.repeat(200) },
    { path: 'note', operator: '$eq', expected: 'short', actual: 'x'.repeat(200), message: `note is "${'x'.repeat(78)}…, rule wants $eq "short"` },
  ],
  [
    'a refused condition',
    { 'rfm.r': { $gtt: 3 } },
    shopper,
    {
      path: '',
      operator: '',
      expected: { 'rfm.r': { $gtt: 3 } },
      actual: undefined,
      message: expect.stringMatching(/^the condition is refused at rfm\.r\.\$gtt: unknown operator "\$gtt"; did you mean "\$gt"\?/),
    },
  ],
  [
    '$not of the empty condition',
    { $not: {} },
    newcomer,
    { path: '', operator: '', expected: {}, actual: undefined, message: 'the empty condition {} holds for everyone, rule wants it not to' },
  ],
];

describe('explainCondition', () => {
  it.each(rows)('%s', (_name, condition, attrs, why) => {
    expect(explainCondition(condition, attrs)).toEqual({ matched: false, why });
  });

  it.each(ruleCases)('agrees with the engine on the table row: %s', (_name, condition, attrs, expected) => {
    const explanation = explainCondition(condition, attrs);
    expect(explanation.matched).toBe(expected);
    if (!explanation.matched) expect(explanation.why.message).toMatch(/rule wants/);
  });

  it('matched is always the engine’s answer, and a reason names a tested path with the visitor’s value there', () => {
    fc.assert(
      fc.property(condition, visitor, (rule, attrs) => {
        const explanation = explainCondition(rule, attrs);
        expect(explanation.matched).toBe(compileCondition(rule).predicate(attrs));
        if (explanation.matched) return;
        const { path, operator, expected, actual, message } = explanation.why;
        expect(pathsOf(rule)).toContain(path);
        const read = readPath(attrs, compilePath(path));
        expect(actual === undefined ? read === undefined : jsonEqual(actual, read)).toBe(true);
        // The blamed test alone fails, or holds where the rule wants it not to.
        const negated = / rule wants not /.test(message);
        const test = operator.includes(' ') ? expected : operator === '$eq' ? { $eq: expected } : { [operator]: expected };
        expect(compileCondition({ [path]: test }).predicate(attrs)).toBe(negated);
      }),
      { numRuns: 1000 },
    );
  });
});

/** The attribute paths a condition tests, at any depth of $and/$or/$nor/$not. */
function pathsOf(condition: unknown): string[] {
  if (Array.isArray(condition)) return condition.flatMap(pathsOf);
  if (typeof condition !== 'object' || condition === null) return [];
  return Object.entries(condition).flatMap(([key, operand]) => (key.startsWith('$') ? pathsOf(operand) : [key]));
}
