/** Value tests shared by several operators: JSON deep equality, membership, combinators. */

export type ValueTest = (value: unknown) => boolean;

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
export function equalsTest(expected: unknown): ValueTest {
  if (expected === null) {
    return (value) => isMissing(value) || (Array.isArray(value) && value.some(isMissing));
  }
  if (typeof expected !== 'object') {
    return (value) => value === expected || (Array.isArray(value) && value.includes(expected));
  }
  return (value) => jsonEqual(value, expected) || (Array.isArray(value) && value.some((element) => jsonEqual(element, expected)));
}

/** MongoDB `$in`: the attribute (or any of its elements) equals one of the listed values. */
export function inTest(list: readonly unknown[]): ValueTest {
  const members: Members = {
    scalars: new Set(list.filter((item) => typeof item !== 'object')),
    nested: list.filter((item) => typeof item === 'object' && item !== null),
    missing: list.includes(null),
  };
  return (value) => isMember(members, value) || (Array.isArray(value) && value.some((element) => isMember(members, element)));
}

interface Members {
  scalars: Set<unknown>;
  /** Objects and arrays, compared deeply. */
  nested: unknown[];
  /** null is listed, so a missing attribute is in. */
  missing: boolean;
}

function isMember(members: Members, value: unknown): boolean {
  if (value === undefined || value === null) return members.missing;
  if (typeof value !== 'object') return members.scalars.has(value);
  return members.nested.length > 0 && members.nested.some((item) => jsonEqual(value, item));
}

export function negate(test: ValueTest): ValueTest {
  return (value) => !test(value);
}

/** Conjunction, unrolled for the common short cases. */
export function allOf<T>(tests: ((input: T) => boolean)[]): (input: T) => boolean {
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

export function anyOf<T>(tests: ((input: T) => boolean)[]): (input: T) => boolean {
  if (tests.length === 1) return tests[0];
  return (input) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](input)) return true;
    return false;
  };
}
