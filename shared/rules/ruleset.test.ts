import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newcomer, ruleCases, shopper } from './cases.js';
import { compileCondition } from './compile.js';
import { compileRuleSet } from './ruleset.js';

describe('compileRuleSet: behaviour table', () => {
  const set = compileRuleSet(ruleCases.map(([, condition], i) => ({ condition, at: ['cases', i] })));

  it('compiles the whole table without issues', () => {
    expect(set.issues).toEqual([]);
  });

  // Every row's condition sits in one set with all the others, so rows share path slots.
  it.each(ruleCases.map((row, index) => [...row, index] as const))('%s', (_name, condition, attributes, expected, index) => {
    expect(set.test(index, set.view(attributes))).toBe(expected);
    expect(set.predicate(index)(attributes)).toBe(expected);
    expect(compileCondition(condition).predicate(attributes)).toBe(expected);
  });

  it('answers every condition like compileCondition on each table visitor, with one view per visitor', () => {
    const visitors = [shopper, newcomer, {}, ...new Set(ruleCases.map(([, , attributes]) => attributes))];
    for (const visitor of visitors) {
      const view = set.view(visitor);
      const ours = ruleCases.map((_, index) => set.test(index, view));
      expect(ours).toEqual(ruleCases.map(([, condition]) => compileCondition(condition).predicate(visitor)));
    }
  });
});

describe('compileRuleSet: paths and views', () => {
  it('reads each distinct path once, prefixes shared', () => {
    const set = compileRuleSet([
      { condition: { 'context.source': 'email', 'context.device': 'mobile' } },
      { condition: { $or: [{ 'context.source': 'ads' }, { 'rfm.segment': 'loyal' }] } },
    ]);
    expect(set.paths).toEqual(['context', 'context.source', 'context.device', 'rfm', 'rfm.segment']);
  });

  it('sees segments pushed in place into the viewed array, as decide does', () => {
    const set = compileRuleSet([
      { condition: { 'cart.abandoned': true } },
      { condition: { segments: 'abandoner' } },
      { condition: { 'segments.0': 'abandoner' } },
      { condition: { segments: { $size: 1 } } },
    ]);
    const attrs = { cart: { abandoned: true }, segments: [] as string[] };
    const view = set.view(attrs);
    expect([1, 2, 3].map((i) => set.test(i, view))).toEqual([false, false, false]);
    if (set.test(0, view)) attrs.segments.push('abandoner');
    expect([1, 2, 3].map((i) => set.test(i, view))).toEqual([true, true, true]);
  });

  it('maps over array elements in the middle of a path, reading the live tree', () => {
    const set = compileRuleSet([{ condition: { 'traits.items.price': { $gte: 100 } } }]);
    const attrs = { traits: { items: [{ price: 30 }] as { price: number }[] } };
    const view = set.view(attrs);
    expect(set.test(0, view)).toBe(false);
    attrs.traits.items.push({ price: 120 });
    expect(set.test(0, view)).toBe(true);
  });

  it('a predicate uses the bound view only for the bound attributes, and fresh data after unbind', () => {
    const set = compileRuleSet([{ condition: { 'cart.value': { $gt: 50 } } }]);
    const predicate = set.predicate(0);
    const attrs = { cart: { value: 10 } };
    const other = { cart: { value: 80 } };
    set.bind(attrs);
    expect(predicate(attrs)).toBe(false);
    expect(predicate(other)).toBe(true);
    set.unbind();
    attrs.cart.value = 60;
    expect(predicate(attrs)).toBe(true);
  });
});

describe('compileRuleSet: issues', () => {
  it('reports issues with each condition’s path; only the bad condition matches nobody', () => {
    const set = compileRuleSet([
      { condition: { 'rfm.segment': 'loyal' }, at: ['segments', 0, 'when'] },
      { condition: { $or: [{ 'rfm.segment': 'loyal' }, { 'rfm.r': { $gtt: 1 } }] }, at: ['segments', 1, 'when'] },
      { condition: null, at: ['personas', 0, 'when'] },
    ]);
    expect(set.issues.map((issue) => issue.path)).toEqual([
      ['segments', 1, 'when', '$or', 1, 'rfm.r', '$gtt'],
      ['personas', 0, 'when'],
    ]);
    const view = set.view(shopper);
    expect([0, 1, 2].map((i) => set.test(i, view))).toEqual([true, false, false]);
  });

  it('never reads through a prototype key', () => {
    const set = compileRuleSet([{ condition: JSON.parse('{"__proto__.polluted": {"$exists": false}, "constructor": null}') }]);
    expect(set.paths).toEqual([]);
    expect(set.test(0, set.view({}))).toBe(true);
  });
});

describe('compileRuleSet: answers like compileCondition on generated conditions and odd values', () => {
  // Values of every JSON type, arrays mixing them, nested arrays, documents, long text:
  // each opcode's fast path (one type) and its fallback (any other value) get exercised.
  const long = `/books/${'x'.repeat(2100)}-AT`; // past the searched length, so 'AT$' must not match
  const scalar = fc.constantFrom<unknown>('a', 'b', 'B', '1', 1, 2, 2.5, 0, -1, true, false, null, '/books/a', 'de-AT', '1.2.3', 'v1.10.0-rc.1', '1.10.0', long);
  const value = fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 4 }),
    fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }),
    fc.record({ v: scalar }),
    fc.array(fc.record({ v: scalar }), { maxLength: 3 }),
  );
  const visitor = fc.record({ a: value, b: fc.record({ c: value, d: value }), list: fc.array(fc.record({ v: scalar }), { maxLength: 3 }) }, { requiredKeys: [] });

  const path = fc.constantFrom('a', 'b.c', 'b.d', 'b', 'list.v', 'list.0.v', 'missing.x');
  const operand = fc.oneof(
    scalar,
    fc.record({ $eq: scalar }),
    fc.record({ $ne: scalar }),
    fc.record({ $in: fc.array(scalar, { maxLength: 10 }) }),
    fc.record({ $nin: fc.array(scalar, { maxLength: 3 }) }),
    fc.record({ $gte: fc.constantFrom(1, 'b'), $lt: fc.constantFrom(2.5, 'c') }),
    fc.record({ $lte: fc.constantFrom(0, 2, 'a') }),
    fc.record({ $gt: fc.constantFrom(-1, 2, '1') }),
    fc.record({ $exists: fc.boolean() }),
    fc.record({ $regex: fc.constantFrom('^/books/', 'AT$', 'b', '^a$', '^d.-') }),
    fc.record({ $size: fc.constantFrom(0, 1, 2) }),
    fc.record({ $all: fc.array(scalar, { minLength: 1, maxLength: 2 }) }),
    fc.record({ $elemMatch: fc.oneof(fc.record({ $eq: scalar }), fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }), fc.record({ $gte: fc.constantFrom(1, 'a') }), fc.record({ v: scalar })) }),
    fc.record({ $not: fc.record({ $in: fc.array(scalar, { maxLength: 2 }) }) }),
    // Merged at compile time: numeric bounds into one range, $exists beside an ordering.
    fc.record({ $gt: fc.constantFrom(-1, 1, 2), $lt: fc.constantFrom(1, 2, 2.5) }),
    fc.record({ $exists: fc.boolean(), $gte: fc.constantFrom(1, 'b') }),
    fc.record({ $not: fc.record({ $gt: fc.constantFrom(0, 1), $lte: fc.constantFrom(1, 2) }) }),
    fc.record({ $exists: fc.boolean(), $not: fc.record({ $gt: fc.constantFrom(1, 'a') }) }),
    fc.record({ $elemMatch: fc.record({ $ne: scalar }) }),
    // GrowthBook's additions.
    fc.record({ $type: fc.constantFrom('string', 'number', 'boolean', 'array', 'object', 'null') }),
    fc.record({ $ini: fc.array(scalar, { maxLength: 10 }) }),
    fc.record({ $nini: fc.array(scalar, { maxLength: 3 }) }),
    fc.record({ $alli: fc.array(scalar, { minLength: 1, maxLength: 2 }) }),
    fc.record({ $regexi: fc.constantFrom('^/BOOKS/', 'at$', 'B', '^d.-') }),
    fc.dictionary(fc.constantFrom('$veq', '$vne', '$vgt', '$vgte', '$vlt', '$vlte'), fc.constantFrom('1.2.3', 'v1.10.0', '1.10.0-rc.1', '1'), { minKeys: 1, maxKeys: 2 }),
    fc.record({ $elemMatch: fc.oneof(fc.record({ $ini: fc.array(scalar, { maxLength: 3 }) }), fc.record({ $vgt: fc.constant('1.2.0') }), fc.record({ $type: fc.constant('string') })) }),
    fc.record({ $not: fc.oneof(fc.record({ $type: fc.constant('number') }), fc.record({ $vlt: fc.constant('1.5.0') })) }),
    fc.record({ $elemMatch: fc.record({ v: fc.oneof(fc.record({ $gte: fc.constantFrom(1, 'a') }), fc.record({ $exists: fc.boolean() }), fc.record({ $elemMatch: fc.record({ $eq: scalar }) })) }) }),
  );
  const field = fc.tuple(path, operand).map(([key, test]) => ({ [key]: test }));
  const condition: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ condition: Record<string, unknown> }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      field,
      fc.record({ $and: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ $or: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ $nor: fc.array(tie('condition'), { minLength: 1, maxLength: 2 }) }),
      fc.record({ $not: tie('condition') }),
    ),
  })).condition;

  it('gives compileCondition’s answer for every condition of a set on every visitor', () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 8 }), fc.array(visitor, { minLength: 1, maxLength: 4 }), (conditions, visitors) => {
        const set = compileRuleSet(conditions.map((condition) => ({ condition })));
        for (const attrs of visitors) {
          const view = set.view(attrs);
          const ours = conditions.map((_, index) => set.test(index, view));
          expect(ours).toEqual(conditions.map((condition) => compileCondition(condition).predicate(attrs)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
