/**
 * Compiles the condition on one attribute: a literal (implicit equality) or an operator
 * object such as `{"$gte": 3, "$lt": 10}`, into a test that reads the attribute at `path`.
 */
import type { Issue as RuleIssue } from '../issue.js';
import { closest } from '../config/suggest.js';
import { FIELD_OPERATORS, LOGICAL_OPERATORS, type FieldOperator } from './operator-table.js';
import { readPath, SELF, type AttributePath } from './path.js';
import { compileTextMatcher, isAllowedFlags, matchesText, type TextMatcher } from './regex.js';
import { allOf, equalsTest, foldedMembersOf, inTest, isInFolded, isMissing, isPlainObject, negate, type ValueTest } from './values.js';
import { hasType, typeIndex, typeProblem } from './value-type.js';
import { isVersion, paddedVersion, VERSION_ORDERS, versionHolds, type VersionOrder } from './version.js';

export type IssuePath = (string | number)[];

/** What operator compilation needs from the document compiler (for `$elemMatch`). */
export interface Compiler {
  issues: RuleIssue[];
  document(condition: unknown, at: IssuePath, depth: number): ValueTest;
}

/** Where an operator sits: the attribute it reads, its JSON path in the file, its depth. */
interface Site {
  path: AttributePath;
  at: IssuePath;
  depth: number;
  compiler: Compiler;
}

export const MAX_DEPTH = 16;
const never: ValueTest = () => false;


export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

export function compileValue(condition: unknown, path: AttributePath, at: IssuePath, depth: number, compiler: Compiler): ValueTest {
  if (depth > MAX_DEPTH) return fail(compiler, at, `condition is nested deeper than ${MAX_DEPTH} levels`);
  if (!isPlainObject(condition)) return equalsTest(condition, path);
  const keys = Object.keys(condition);
  const operator = keys.find((key) => key.startsWith('$'));
  if (operator === undefined) return equalsTest(condition, path);
  if (keys.some((key) => !key.startsWith('$'))) {
    return fail(compiler, [...at, operator], `"${operator}" cannot sit beside plain fields; compare an object literally without operators, or use only operators`);
  }
  return compileOperators(condition, { path, at, depth, compiler });
}

function compileOperators(operators: Record<string, unknown>, site: Site): ValueTest {
  const tests: ValueTest[] = [];
  for (const [operator, operand] of Object.entries(operators)) {
    const at = [...site.at, operator];
    if (operator === '$options') {
      if (!Object.hasOwn(operators, '$regex')) fail(site.compiler, at, '"$options" needs a "$regex" beside it');
      continue;
    }
    tests.push(
      FIELD_OPERATORS.has(operator)
        ? OPERATORS[operator as CompiledOperator](operand, { ...site, at }, operators)
        : fail(site.compiler, at, unknownOperator(operator, FIELD_OPERATORS)),
    );
  }
  return allOf(tests);
}

/** The operators of `operand`, applied to the value a wrapping operator hands over. */
function nestedOperators(operand: Record<string, unknown>, site: Site): ValueTest {
  return compileOperators(operand, { ...site, path: SELF, depth: site.depth + 1 });
}

/** `unknown operator "$gtt"; did you mean "$gt"? known: …`, from the operator table. */
export function unknownOperator(operator: string, known: ReadonlySet<string>, kind = 'operator'): string {
  const suggestion = closest(operator, known);
  return `unknown ${kind} "${operator}"; ${suggestion ? `did you mean "${suggestion}"? ` : ''}known: ${[...known].join(' ')}`;
}

type OperatorCompiler = (operand: unknown, site: Site, siblings: Record<string, unknown>) => ValueTest;
/** `$options` is no test of its own: the `$regex` beside it reads it. */
type CompiledOperator = Exclude<FieldOperator, '$options'>;

const OPERATORS: Record<CompiledOperator, OperatorCompiler> = {
  $eq: (operand, { path }) => equalsTest(operand, path),
  $ne: (operand, { path }) => negate(equalsTest(operand, path)),
  $gt: (operand, site) => orderTest('$gt', operand, site),
  $gte: (operand, site) => orderTest('$gte', operand, site),
  $lt: (operand, site) => orderTest('$lt', operand, site),
  $lte: (operand, site) => orderTest('$lte', operand, site),
  $in: (operand, site) => (Array.isArray(operand) ? inTest(operand, site.path) : fail(site.compiler, site.at, '"$in" needs an array of values')),
  $nin: (operand, site) =>
    Array.isArray(operand) ? negate(inTest(operand, site.path)) : fail(site.compiler, site.at, '"$nin" needs an array of values'),
  $exists: (operand, { path, at, compiler }) => {
    if (typeof operand !== 'boolean') return fail(compiler, at, '"$exists" needs true or false');
    return (input) => exists(readPath(input, path)) === operand;
  },
  $regex: (operand, site, siblings) => {
    if (typeof operand !== 'string') return fail(site.compiler, site.at, '"$regex" needs a pattern string');
    const options = siblings.$options ?? '';
    if (!isAllowedFlags(options)) {
      return fail(site.compiler, [...site.at.slice(0, -1), '$options'], '"$options" takes the flags i, m and s, each at most once');
    }
    return regexTest(operand, options, site);
  },
  $size: (operand, site) => {
    const { path, at, compiler } = site;
    if (typeof operand === 'number') {
      if (!isSize(operand)) return fail(compiler, at, '"$size" needs a whole number ≥ 0');
      return (input) => hasSize(readPath(input, path), operand);
    }
    if (!isOperatorObject(operand)) return fail(compiler, at, '"$size" needs a whole number or an operator object such as {"$gte": 2}');
    const lengthTest = nestedOperators(operand, site);
    return (input) => {
      const value = readPath(input, path);
      return Array.isArray(value) && lengthTest(value.length);
    };
  },
  $elemMatch: (operand, site) => {
    const { path, at, depth, compiler } = site;
    if (!isPlainObject(operand)) return fail(compiler, at, '"$elemMatch" needs a condition object');
    const elementsAreValues = isOperatorObject(operand) && !Object.keys(operand).some((key) => LOGICAL_OPERATORS.has(key));
    const elementTest = elementsAreValues ? nestedOperators(operand, site) : documentsOnly(compiler.document(operand, at, depth + 1));
    return (input) => {
      const value = readPath(input, path);
      return Array.isArray(value) && value.some(elementTest);
    };
  },
  $all: (operand, { path, at, depth, compiler }) => {
    if (!Array.isArray(operand) || operand.length === 0) return fail(compiler, at, '"$all" needs a non-empty array');
    // MongoDB: {$all: [a, b]} is {$and: [{field: a}, {field: b}]}.
    return allOf(operand.map((item, index) => compileValue(item, path, [...at, index], depth + 1, compiler)));
  },
  // GrowthBook's additions to MongoDB's operators.
  $ini: (operand, site) => (Array.isArray(operand) ? foldedInTest(operand, site.path) : fail(site.compiler, site.at, '"$ini" needs an array of values')),
  $nini: (operand, site) =>
    Array.isArray(operand) ? negate(foldedInTest(operand, site.path)) : fail(site.compiler, site.at, '"$nini" needs an array of values'),
  $alli: (operand, { path, at, depth, compiler }) => {
    if (!Array.isArray(operand) || operand.length === 0) return fail(compiler, at, '"$alli" needs a non-empty array');
    // `$all` with each string compared case-insensitively (GrowthBook folds strings only).
    return allOf(
      operand.map((item, index) => (typeof item === 'string' ? foldedInTest([item], path) : compileValue(item, path, [...at, index], depth + 1, compiler))),
    );
  },
  $regexi: (operand, site) => (typeof operand === 'string' ? regexTest(operand, 'i', site) : fail(site.compiler, site.at, '"$regexi" needs a pattern string')),
  $type: (operand, { path, at, compiler }) => {
    const type = typeIndex(operand);
    if (type < 0) return fail(compiler, at, typeProblem(operand));
    return (input) => hasType(readPath(input, path), type);
  },
  $veq: (operand, site) => versionTest('$veq', operand, site),
  $vne: (operand, site) => negate(versionTest('$veq', operand, site, '$vne')),
  $vgt: (operand, site) => versionTest('$vgt', operand, site),
  $vgte: (operand, site) => versionTest('$vgte', operand, site),
  $vlt: (operand, site) => versionTest('$vlt', operand, site),
  $vlte: (operand, site) => versionTest('$vlte', operand, site),

  $not: (operand, site) => {
    if (typeof operand === 'string') return negate(regexTest(operand, '', site));
    if (!isOperatorObject(operand)) {
      return fail(site.compiler, site.at, '"$not" needs an operator object such as {"$in": [...]} or a regex string');
    }
    return negate(compileOperators(operand, { ...site, depth: site.depth + 1 }));
  },
};

export function isSize(operand: unknown): operand is number {
  return typeof operand === 'number' && Number.isInteger(operand) && operand >= 0;
}

/** `$size: n`: the value is an array of n elements. */
export function hasSize(value: unknown, size: number): boolean {
  return Array.isArray(value) && value.length === size;
}

/** `$exists`: the value is neither missing nor null. */
export function exists(value: unknown): boolean {
  return !isMissing(value);
}

function documentsOnly(test: ValueTest): ValueTest {
  return (element) => isPlainObject(element) && test(element);
}

export type Order = '$gt' | '$gte' | '$lt' | '$lte';
export const ORDERS: readonly Order[] = ['$gt', '$gte', '$lt', '$lte'];

/** A valid ordering bound: a string or a finite number. */
export function isOrderBound(operand: unknown): operand is string | number {
  return typeof operand === 'string' || (typeof operand === 'number' && Number.isFinite(operand));
}

/**
 * Ordering compares numbers with numbers and strings with strings only; a missing value,
 * a boolean or a value of the other type never matches. Array attributes: any element.
 */
function orderTest(order: Order, operand: unknown, { path, at, compiler }: Site): ValueTest {
  if (!isOrderBound(operand)) return fail(compiler, at, `"${order}" needs a number or a string`);
  return (input) => isOrdered(order, operand, readPath(input, path));
}

export function isOrdered(order: Order, bound: string | number, value: unknown): boolean {
  const type = typeof bound;
  // Typed as number for the compiler only: the typeof checks make both sides one primitive type.
  if (typeof value === type) return inOrder(order, value as number, bound as number);
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] === type && inOrder(order, value[i], bound as number)) return true;
  return false;
}

function inOrder(order: Order, value: number, bound: number): boolean {
  switch (order) {
    case '$gt':
      return value > bound;
    case '$gte':
      return value >= bound;
    case '$lt':
      return value < bound;
    case '$lte':
      return value <= bound;
  }
}

function foldedInTest(list: readonly unknown[], path: AttributePath): ValueTest {
  const members = foldedMembersOf(list);
  return (input) => isInFolded(members, readPath(input, path));
}

const VERSION_PROBLEM = 'needs a version string such as "1.2.3" ("v1.2.3", "1.2.3-rc.1" and "1.2.3+build" also work)';

function versionTest(order: VersionOrder, operand: unknown, { path, at, compiler }: Site, name: string = order): ValueTest {
  if (!isVersion(operand)) return fail(compiler, at, `"${name}" ${VERSION_PROBLEM}`);
  const index = VERSION_ORDERS.indexOf(order);
  const bound = paddedVersion(operand);
  return (input) => versionHolds(index, bound, readPath(input, path));
}

function regexTest(pattern: string, flags: string, { path, at, compiler }: Site): ValueTest {
  const matcher = compileTextMatcher(pattern, flags);
  if ('problem' in matcher) return fail(compiler, at, matcher.problem);
  return (input) => matchesValue(matcher, readPath(input, path));
}

/** The value is matching text, or an array holding matching text. */
export function matchesValue(matcher: TextMatcher, value: unknown): boolean {
  if (typeof value === 'string') return matchesText(matcher, value);
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] === 'string' && matchesText(matcher, value[i])) return true;
  return false;
}

function fail(compiler: Compiler, at: IssuePath, message: string): ValueTest {
  compiler.issues.push({ path: at, message });
  return never;
}
