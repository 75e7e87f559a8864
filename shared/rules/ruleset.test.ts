import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { condition, visitor } from './arbitraries.js';
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

  it('serves interleaved visitors from one compiled set, each through its own view', () => {
    const set = compileRuleSet([{ condition: { 'cart.value': { $gt: 50 } } }, { condition: { segments: 'vip' } }]);
    const [low, high] = [{ cart: { value: 10 }, segments: ['vip'] }, { cart: { value: 80 }, segments: [] }];
    const [lowView, highView] = [set.view(low), set.view(high)];
    expect([set.test(0, lowView), set.test(0, highView), set.test(1, lowView), set.test(1, highView)]).toEqual([false, true, true, false]);
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
