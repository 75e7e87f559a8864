import { describe, expect, it } from 'vitest';
import { ruleCases, shopper } from './cases.js';
import { compileCondition } from './compile.js';

describe('compileCondition: behaviour table', () => {
  it.each(ruleCases)('%s', (_name, condition, attributes, expected) => {
    const { predicate, issues } = compileCondition(condition);
    expect(issues).toEqual([]);
    expect(predicate(attributes)).toBe(expected);
  });

  it('gives the same answer when a compiled predicate is reused across visitors', () => {
    const { predicate } = compileCondition({ 'rfm.segment': { $in: ['loyal'] } });
    expect([shopper, {}, shopper, { rfm: { segment: 'lost' } }].map(predicate)).toEqual([true, false, true, false]);
  });

  it('does not pollute Object.prototype through a __proto__ path', () => {
    const { predicate } = compileCondition(JSON.parse('{"__proto__": {"polluted": true}}'));
    predicate({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

const at = ['segments', 3, 'when'];
type IssueRow = [name: string, condition: unknown, path: (string | number)[], message: RegExp];

const issueRows: IssueRow[] = [
  ['unknown operator', { 'rfm.r': { $gtt: 3 } }, [...at, 'rfm.r', '$gtt'], /unknown operator "\$gtt"/],
  ['unknown top-level operator', { $where: 'x' }, [...at, '$where'], /unknown top-level operator/],
  ['GrowthBook saved groups are not supported', { id: { $inGroup: 'g1' } }, [...at, 'id', '$inGroup'], /unknown operator/],
  ['$type unknown name', { a: { $type: 'undefined' } }, [...at, 'a', '$type'], /does not know the type "undefined"; use one of "string"/],
  ['$type with a MongoDB name', { a: { $type: 'bool' } }, [...at, 'a', '$type'], /did you mean "boolean"\?/],
  ['$type with a capitalised name', { a: { $type: 'String' } }, [...at, 'a', '$type'], /did you mean "string"\?/],
  ['$type not a string', { a: { $type: 2 } }, [...at, 'a', '$type'], /needs a type name/],
  ['$ini not an array', { 'context.source': { $ini: 'ads' } }, [...at, 'context.source', '$ini'], /needs an array/],
  ['$nini not an array', { 'context.source': { $nini: {} } }, [...at, 'context.source', '$nini'], /needs an array/],
  ['$alli empty', { segments: { $alli: [] } }, [...at, 'segments', '$alli'], /non-empty array/],
  ['$alli not an array', { segments: { $alli: 'vip' } }, [...at, 'segments', '$alli'], /non-empty array/],
  ['$alli bad element', { segments: { $alli: ['a', { $bad: 1 }] } }, [...at, 'segments', '$alli', 1, '$bad'], /unknown operator/],
  ['$regexi not a string', { a: { $regexi: 1 } }, [...at, 'a', '$regexi'], /pattern string/],
  ['$regexi invalid', { a: { $regexi: '[a' } }, [...at, 'a', '$regexi'], /invalid regex/],
  ['$regexi nested quantifier', { a: { $regexi: '(a|b)*c+' } }, [...at, 'a', '$regexi'], /backtrack/],
  ['$veq not a string', { v: { $veq: 1 } }, [...at, 'v', '$veq'], /"\$veq" needs a version string such as "1.2.3"/],
  ['$vne not a version', { v: { $vne: 'latest' } }, [...at, 'v', '$vne'], /"\$vne" needs a version string/],
  ['$vgt empty', { v: { $vgt: '' } }, [...at, 'v', '$vgt'], /version string/],
  ['$vgte with a bad pre-release', { v: { $vgte: '1.0.0-' } }, [...at, 'v', '$vgte'], /version string/],
  ['$vlt null', { v: { $vlt: null } }, [...at, 'v', '$vlt'], /version string/],
  ['$vlte with spaces', { v: { $vlte: '1. 2' } }, [...at, 'v', '$vlte'], /version string/],
  ['$in not an array', { 'context.source': { $in: 'ads' } }, [...at, 'context.source', '$in'], /needs an array/],
  ['$nin not an array', { 'context.source': { $nin: null } }, [...at, 'context.source', '$nin'], /needs an array/],
  ['$exists not a boolean', { cart: { $exists: 1 } }, [...at, 'cart', '$exists'], /true or false/],
  ['$size negative', { interests: { $size: -1 } }, [...at, 'interests', '$size'], /whole number/],
  ['$size fraction', { interests: { $size: 1.5 } }, [...at, 'interests', '$size'], /whole number/],
  ['$size string', { interests: { $size: '2' } }, [...at, 'interests', '$size'], /whole number or an operator object/],
  ['$size bad inner operator', { interests: { $size: { $gte: 'x', $foo: 1 } } }, [...at, 'interests', '$size', '$foo'], /unknown operator/],
  ['$gt boolean operand', { 'cart.value': { $gt: true } }, [...at, 'cart.value', '$gt'], /number or a string/],
  ['$lt null operand', { 'cart.value': { $lt: null } }, [...at, 'cart.value', '$lt'], /number or a string/],
  ['$and not an array', { $and: { a: 1 } }, [...at, '$and'], /non-empty array/],
  ['empty $and', { $and: [] }, [...at, '$and'], /non-empty array/],
  ['empty $or', { $or: [] }, [...at, '$or'], /non-empty array/],
  ['empty $nor', { $nor: [] }, [...at, '$nor'], /non-empty array/],
  ['$or element not an object', { $or: [{ a: 1 }, 'b'] }, [...at, '$or', 1], /must be an object/],
  ['deep issue inside $or', { $or: [{ a: 1 }, { $and: [{ 'rfm.r': { $gtt: 1 } }] }] }, [...at, '$or', 1, '$and', 0, 'rfm.r', '$gtt'], /unknown operator/],
  ['$all empty', { segments: { $all: [] } }, [...at, 'segments', '$all'], /non-empty array/],
  ['$all bad element', { segments: { $all: ['a', { $bad: 1 }] } }, [...at, 'segments', '$all', 1, '$bad'], /unknown operator/],
  ['$elemMatch not an object', { segments: { $elemMatch: 'x' } }, [...at, 'segments', '$elemMatch'], /condition object/],
  ['$elemMatch bad field operator', { 'traits.items': { $elemMatch: { price: { $gtt: 1 } } } }, [...at, 'traits.items', '$elemMatch', 'price', '$gtt'], /unknown operator/],
  ['$not with a number', { a: { $not: 3 } }, [...at, 'a', '$not'], /operator object/],
  ['$not with a literal object', { a: { $not: { b: 1 } } }, [...at, 'a', '$not'], /operator object/],
  ['$regex not a string', { a: { $regex: 5 } }, [...at, 'a', '$regex'], /pattern string/],
  ['$regex invalid', { a: { $regex: '(' } }, [...at, 'a', '$regex'], /invalid regex/],
  ['$regex too long', { a: { $regex: 'a'.repeat(257) } }, [...at, 'a', '$regex'], /257 characters.*256/],
  ['$regex nested quantifier', { a: { $regex: '^(a+)+$' } }, [...at, 'a', '$regex'], /"\(a\+\)" is repeated with "\+"/],
  ['$not regex string nested quantifier', { a: { $not: '(a*)*' } }, [...at, 'a', '$not'], /backtrack/],
  ['$options with g', { a: { $regex: 'x', $options: 'g' } }, [...at, 'a', '$options'], /i, m and s/],
  ['$options not a string', { a: { $regex: 'x', $options: 1 } }, [...at, 'a', '$options'], /i, m and s/],
  ['$options alone', { a: { $options: 'i' } }, [...at, 'a', '$options'], /needs a "\$regex"/],
  ['operators mixed with fields', { traits: { tier: 'gold', $exists: true } }, [...at, 'traits', '$exists'], /cannot sit beside plain fields/],
  ['empty path', { '': 1 }, [...at, ''], /may not be empty/],
  ['path with an empty segment', { 'rfm..r': 1 }, [...at, 'rfm..r'], /empty segment/],
  ['condition not an object', ['a'], at, /must be an object/],
  ['condition null', null, at, /must be an object/],
];

describe('compileCondition: issues', () => {
  it.each(issueRows)('%s', (_name, condition, path, message) => {
    const { predicate, issues } = compileCondition(condition, at);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(path);
    expect(issues[0].message).toMatch(message);
    expect(predicate(shopper)).toBe(false);
  });

  it('reports every problem in one pass', () => {
    const { issues } = compileCondition({ a: { $gtt: 1 }, b: { $in: 'x' }, $or: [] });
    expect(issues.map((issue) => issue.path)).toEqual([['a', '$gtt'], ['b', '$in'], ['$or']]);
  });

  it('a condition with an issue matches nobody, even where the rest would match', () => {
    const { predicate } = compileCondition({ $or: [{ 'rfm.segment': 'loyal' }, { x: { $foo: 1 } }] });
    expect(predicate(shopper)).toBe(false);
  });

  it('accepts 16 levels of nesting and rejects 17 with the path of the deepest level', () => {
    const nest = (levels: number): Record<string, unknown> =>
      levels === 1 ? { 'cart.items': 2 } : { $and: [nest(levels - 1)] };
    // `cart.items: 2` is a document plus a value: two levels.
    expect(compileCondition(nest(15)).issues).toEqual([]);
    expect(compileCondition(nest(15)).predicate(shopper)).toBe(true);
    const { issues } = compileCondition(nest(16));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual([...Array(15).fill(['$and', 0]).flat(), 'cart.items']);
    expect(issues[0].message).toMatch(/deeper than 16/);
  });

  it('rejects a self-referencing condition object instead of recursing forever', () => {
    const loop: Record<string, unknown> = {};
    loop.$and = [loop];
    expect(compileCondition(loop).issues[0].message).toMatch(/deeper than 16/);
  });

  it('never throws on odd input', () => {
    for (const input of [undefined, 0, 'x', true, [], () => 1, { a: undefined }, { a: { $in: [undefined] } }]) {
      expect(() => compileCondition(input)).not.toThrow();
    }
  });
});
