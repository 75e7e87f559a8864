import { describe, expect, it } from 'vitest';
import { compileCondition } from '../shared/rules/compile.js';
import type { RfmSegment } from '../shared/rfm.js';
import { personaRules, type CellMember } from './persona-rules.js';

const ids = ['loyal-thriller-buyers', 'big-basket-buyers', 'lapsed-bargain-hunters', 'one-time-gift-buyers'];
const members: CellMember[] = [
  ...Array<CellMember>(30).fill({ segment: 'champions', m: 3, persona: 0 }),
  ...Array<CellMember>(5).fill({ segment: 'champions', m: 3, persona: 1 }),
  ...Array<CellMember>(20).fill({ segment: 'champions', m: 5, persona: 0 }),
  ...Array<CellMember>(25).fill({ segment: 'loyal', m: 5, persona: 1 }),
  ...Array<CellMember>(10).fill({ segment: 'loyal', m: 2, persona: 0 }),
  ...Array<CellMember>(40).fill({ segment: 'lost', m: 1, persona: 2 }),
  ...Array<CellMember>(8).fill({ segment: 'lost', m: 4, persona: 1 }),
];
const rules = personaRules(ids, members);
const predicates = rules.map((rule) => {
  const { predicate, issues } = compileCondition(rule);
  expect(issues).toEqual([]);
  return predicate;
});
/** The edge's choice: the first persona whose rule matches, in file order. */
const personaFor = (attributes: Record<string, unknown>, order = [0, 1, 2, 3]) => {
  const hit = order.find((i) => predicates[i](attributes));
  return hit === undefined ? null : ids[hit];
};
const visitor = (segment: RfmSegment, m: number) => ({ rfm: { segment, m } });

describe('personaRules at the edge', () => {
  it.each(ids)('an identified customer with customer.persona = %s gets that persona, whatever their RFM cell', (id) => {
    expect(personaFor({ customer: { persona: id }, ...visitor('champions', 5) })).toBe(id);
    expect(personaFor({ customer: { persona: id }, ...visitor('champions', 5) }, [3, 2, 1, 0])).toBe(id);
  });

  it('ignores a persona a visitor sets on themselves (traits.persona): only uploaded customer data decides', () => {
    expect(personaFor({ traits: { persona: 'big-basket-buyers' }, ...visitor('lost', 1) })).toBe('lapsed-bargain-hunters');
  });

  it.each([
    ['champions', 3, 'loyal-thriller-buyers'],
    ['champions', 5, 'loyal-thriller-buyers'],
    ['loyal', 5, 'big-basket-buyers'],
    ['loyal', 2, 'loyal-thriller-buyers'],
    ['lost', 1, 'lapsed-bargain-hunters'],
    ['lost', 4, 'big-basket-buyers'],
    ['at-risk', 3, null],
  ] as const)('an anonymous %s visitor with M%s gets the persona holding most of that cell: %s', (segment, m, expected) => {
    expect(personaFor(visitor(segment, m))).toBe(expected);
  });

  it('gives every visitor the same persona whatever the order of the personas in the file', () => {
    for (const segment of ['champions', 'loyal', 'lost'] as const) {
      for (const m of [1, 5]) {
        expect(personaFor(visitor(segment, m), [3, 2, 1, 0])).toBe(personaFor(visitor(segment, m)));
      }
    }
  });

  it('gives a visitor who never bought (no rfm) no persona, and a persona without cells only the trait rule', () => {
    expect(personaFor({})).toBeNull();
    expect(rules[3]).toEqual({ 'customer.persona': 'one-time-gift-buyers' });
  });
});
