/**
 * Equality and membership tests, and the combinators. Each test reads its attribute
 * itself (`path`; the empty path for a value handed over by `$elemMatch` or `$size`), so
 * a rule on one field costs one closure call.
 */
import { readPath, type AttributePath } from './path.js';

export type ValueTest = (input: unknown) => boolean;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

/** JSON deep equality; object key order does not matter (JSON objects are unordered). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) {
      return false;
    }
  }
  return true;
}

/**
 * MongoDB equality: the attribute equals the value, or is an array holding it
 * (`{"segments": "vip"}` matches `["new", "vip"]`). A missing attribute equals null.
 */
export function equalsTest(expected: unknown, path: AttributePath): ValueTest {
  if (expected === null) return (input) => equalsNull(readPath(input, path));
  if (typeof expected !== 'object') return (input) => equalsScalar(readPath(input, path), expected);
  return (input) => {
    const value = readPath(input, path);
    return jsonEqual(value, expected) || (Array.isArray(value) && value.some((element) => jsonEqual(element, expected)));
  };
}

/** Equality with null: the value is missing, or is an array holding a missing element. */
export function equalsNull(value: unknown): boolean {
  return isMissing(value) || (Array.isArray(value) && value.some(isMissing));
}

/** Equality with a string, number or boolean: the value is it, or is an array holding it. */
export function equalsScalar(value: unknown, expected: unknown): boolean {
  return value === expected || (Array.isArray(value) && value.includes(expected));
}

/** Up to this many listed scalars, a scan beats hashing the value for a Set lookup. */
const SCAN_LIMIT = 8;

/** MongoDB `$in`: the attribute (or any of its elements) equals one of the listed values. */
export function inTest(list: readonly unknown[], path: AttributePath): ValueTest {
  const members = membersOf(list);
  return (input) => isIn(members, readPath(input, path));
}

export function membersOf(list: readonly unknown[]): Members {
  const scalars = list.filter((item) => typeof item !== 'object');
  const few = scalars.length <= SCAN_LIMIT;
  return {
    texts: few ? scalars.filter((item) => typeof item === 'string') : null,
    others: few ? scalars.filter((item) => typeof item !== 'string') : null,
    set: new Set(scalars),
    nested: list.filter((item) => typeof item === 'object' && item !== null),
    missing: list.includes(null),
  };
}

/** The members of a case-insensitive list (`$ini`, `$nini`, `$alli`): its strings lower-cased. */
export function foldedMembersOf(list: readonly unknown[]): Members {
  return membersOf(list.map(fold));
}

/** `isIn` of `foldedMembersOf`: a string attribute (or string element) is compared lower-cased. */
export function isInFolded(members: Members, value: unknown): boolean {
  if (isMember(members, fold(value))) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (isMember(members, fold(value[i]))) return true;
  return false;
}

/** GrowthBook's case folding: `toLowerCase` on strings, other values as they are. */
function fold(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

export function isIn(members: Members, value: unknown): boolean {
  if (isMember(members, value)) return true;
  if (!Array.isArray(value)) return false;
  // A loop, not `some`: no closure to allocate on every test of an array attribute.
  for (let i = 0; i < value.length; i++) if (isMember(members, value[i])) return true;
  return false;
}

export interface Members {
  /**
   * The listed strings, and the other listed scalars, when there are few, else null (use
   * `set`). Apart, so each scan compares values of one type, which the engine does fast.
   */
  texts: string[] | null;
  others: unknown[] | null;
  set: Set<unknown>;
  /** Objects and arrays, compared deeply. */
  nested: unknown[];
  /** null is listed, so a missing attribute is in. */
  missing: boolean;
}

function isMember(members: Members, value: unknown): boolean {
  if (value === undefined || value === null) return members.missing;
  if (typeof value === 'object') return members.nested.length > 0 && members.nested.some((item) => jsonEqual(value, item));
  if (members.texts === null) return members.set.has(value);
  if (typeof value === 'string') {
    const texts = members.texts;
    for (let i = 0; i < texts.length; i++) if (texts[i] === value) return true;
    return false;
  }
  const others = members.others!;
  for (let i = 0; i < others.length; i++) if (others[i] === value) return true;
  return false;
}

export function negate(test: ValueTest): ValueTest {
  return (input) => !test(input);
}

/** Conjunction, unrolled for the common short cases. */
export function allOf(tests: ValueTest[]): ValueTest {
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [first, second] = tests;
    return (input) => first(input) && second(input);
  }
  return (input) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](input)) return false;
    return true;
  };
}

export function anyOf(tests: ValueTest[]): ValueTest {
  if (tests.length === 1) return tests[0];
  return (input) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](input)) return true;
    return false;
  };
}
