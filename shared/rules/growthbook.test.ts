import { evalCondition } from '@growthbook/growthbook';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GROWTHBOOK_DIFFERS, ruleCases } from './cases.js';
import { compileCondition } from './compile.js';

type GrowthBookCondition = Parameters<typeof evalCondition>[1];
const growthbook = (condition: Record<string, unknown>, attributes: Record<string, unknown>) =>
  evalCondition(attributes, condition as GrowthBookCondition);

describe('compatibility with GrowthBook evalCondition', () => {
  // GrowthBook logs each operator it does not know ($options); that is expected here.
  beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
  afterAll(() => vi.restoreAllMocks());

  const agreeing = ruleCases.filter(([name]) => !Object.hasOwn(GROWTHBOOK_DIFFERS, name));
  const differing = ruleCases.filter(([name]) => Object.hasOwn(GROWTHBOOK_DIFFERS, name));

  it.each(agreeing)('agrees: %s', (_name, condition, attributes, expected) => {
    expect(growthbook(condition, attributes)).toBe(expected);
    expect(compileCondition(condition).predicate(attributes)).toBe(expected);
  });

  it.each(differing)('differs on purpose: %s', (name, condition, attributes, expected) => {
    expect(compileCondition(condition).predicate(attributes), GROWTHBOOK_DIFFERS[name]).toBe(expected);
    expect(growthbook(condition, attributes), GROWTHBOOK_DIFFERS[name]).toBe(!expected);
  });

  it('every documented disagreement names a row of the table', () => {
    const names = new Set(ruleCases.map(([name]) => name));
    expect(Object.keys(GROWTHBOOK_DIFFERS).filter((name) => !names.has(name))).toEqual([]);
  });

  it('includes the two disagreements DESIGN.md promises: missing attributes and cross-type ordering', () => {
    expect(differing.map(([name]) => name)).toEqual(
      expect.arrayContaining(['$lt: a missing attribute never matches', '$gt: a numeric string is not a number']),
    );
  });
});
