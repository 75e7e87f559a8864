/**
 * Compiles the condition on one attribute: a literal (implicit equality) or an operator
 * object such as `{"$gte": 3, "$lt": 10}`, into a test of the attribute's value.
 */
import type { RuleIssue } from './compile.js';
import { compileTextMatcher, isAllowedFlags, matchesText } from './regex.js';
import { allOf, equalsTest, inTest, isMissing, isPlainObject, negate, type ValueTest } from './values.js';

export type IssuePath = (string | number)[];

/** What operator compilation needs from the document compiler (for `$elemMatch`). */
export interface Compiler {
  issues: RuleIssue[];
  document(condition: unknown, at: IssuePath, depth: number): ValueTest;
}

export const MAX_DEPTH = 16;
const never: ValueTest = () => false;

/** Document-level keys; in `$elemMatch` they mean the elements are documents. */
export const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor']);

export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

export function compileValue(condition: unknown, at: IssuePath, depth: number, compiler: Compiler): ValueTest {
  if (depth > MAX_DEPTH) return fail(compiler, at, `condition is nested deeper than ${MAX_DEPTH} levels`);
  if (!isPlainObject(condition)) return equalsTest(condition);
  const keys = Object.keys(condition);
  const operator = keys.find((key) => key.startsWith('$'));
  if (operator === undefined) return equalsTest(condition);
  if (keys.some((key) => !key.startsWith('$'))) {
    return fail(compiler, [...at, operator], `"${operator}" cannot sit beside plain fields; compare an object literally without operators, or use only operators`);
  }
  return compileOperators(condition, at, depth, compiler);
}

function compileOperators(operators: Record<string, unknown>, at: IssuePath, depth: number, compiler: Compiler): ValueTest {
  const tests: ValueTest[] = [];
  for (const [operator, operand] of Object.entries(operators)) {
    const where = [...at, operator];
    if (operator === '$options') {
      if (!Object.hasOwn(operators, '$regex')) fail(compiler, where, '"$options" needs a "$regex" beside it');
      continue;
    }
    const compile = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    tests.push(
      compile
        ? compile(operand, where, depth, compiler, operators)
        : fail(compiler, where, `unknown operator "${operator}"; known: ${Object.keys(OPERATORS).join(' ')}`),
    );
  }
  return allOf(tests);
}

type OperatorCompiler = (
  operand: unknown,
  at: IssuePath,
  depth: number,
  compiler: Compiler,
  siblings: Record<string, unknown>,
) => ValueTest;

const OPERATORS: Record<string, OperatorCompiler> = {
  $eq: (operand) => equalsTest(operand),
  $ne: (operand) => negate(equalsTest(operand)),
  $gt: (operand, at, _depth, compiler) => orderTest('$gt', operand, at, compiler),
  $gte: (operand, at, _depth, compiler) => orderTest('$gte', operand, at, compiler),
  $lt: (operand, at, _depth, compiler) => orderTest('$lt', operand, at, compiler),
  $lte: (operand, at, _depth, compiler) => orderTest('$lte', operand, at, compiler),
  $in: (operand, at, _depth, compiler) =>
    Array.isArray(operand) ? inTest(operand) : fail(compiler, at, '"$in" needs an array of values'),
  $nin: (operand, at, _depth, compiler) =>
    Array.isArray(operand) ? negate(inTest(operand)) : fail(compiler, at, '"$nin" needs an array of values'),
  $exists: (operand, at, _depth, compiler) => {
    if (typeof operand !== 'boolean') return fail(compiler, at, '"$exists" needs true or false');
    return operand ? (value) => !isMissing(value) : isMissing;
  },
  $regex: (operand, at, _depth, compiler, siblings) => {
    if (typeof operand !== 'string') return fail(compiler, at, '"$regex" needs a pattern string');
    const options = siblings.$options ?? '';
    if (!isAllowedFlags(options)) {
      return fail(compiler, [...at.slice(0, -1), '$options'], '"$options" takes the flags i, m and s, each at most once');
    }
    return regexTest(operand, options, at, compiler);
  },
  $size: (operand, at, depth, compiler) => {
    if (typeof operand === 'number') {
      if (!Number.isInteger(operand) || operand < 0) return fail(compiler, at, '"$size" needs a whole number ≥ 0');
      return (value) => Array.isArray(value) && value.length === operand;
    }
    if (!isOperatorObject(operand)) return fail(compiler, at, '"$size" needs a whole number or an operator object such as {"$gte": 2}');
    const lengthTest = compileOperators(operand, at, depth + 1, compiler);
    return (value) => Array.isArray(value) && lengthTest(value.length);
  },
  $elemMatch: (operand, at, depth, compiler) => {
    if (!isPlainObject(operand)) return fail(compiler, at, '"$elemMatch" needs a condition object');
    const elementsAreValues = isOperatorObject(operand) && !Object.keys(operand).some((key) => LOGICAL_OPERATORS.has(key));
    const elementTest = elementsAreValues
      ? compileOperators(operand, at, depth + 1, compiler)
      : documentsOnly(compiler.document(operand, at, depth + 1));
    return (value) => Array.isArray(value) && value.some(elementTest);
  },
  $all: (operand, at, depth, compiler) => {
    if (!Array.isArray(operand) || operand.length === 0) return fail(compiler, at, '"$all" needs a non-empty array');
    // MongoDB: {$all: [a, b]} is {$and: [{field: a}, {field: b}]}.
    return allOf(operand.map((item, index) => compileValue(item, [...at, index], depth + 1, compiler)));
  },
  $not: (operand, at, depth, compiler) => {
    if (typeof operand === 'string') return negate(regexTest(operand, '', at, compiler));
    if (!isOperatorObject(operand)) return fail(compiler, at, '"$not" needs an operator object such as {"$in": [...]} or a regex string');
    return negate(compileOperators(operand, at, depth + 1, compiler));
  },
};

function documentsOnly(test: ValueTest): ValueTest {
  return (element) => isPlainObject(element) && test(element);
}

type Order = '$gt' | '$gte' | '$lt' | '$lte';

/**
 * Ordering compares numbers with numbers and strings with strings only; a missing value,
 * a boolean or a value of the other type never matches. Array attributes: any element.
 */
function orderTest(order: Order, operand: unknown, at: IssuePath, compiler: Compiler): ValueTest {
  const type = typeof operand;
  if (!(type === 'string' || (type === 'number' && Number.isFinite(operand)))) {
    return fail(compiler, at, `"${order}" needs a number or a string`);
  }
  // Typed as number for the compiler only: the typeof checks make both sides one primitive type.
  const bound = operand as number;
  return (value) =>
    typeof value === type
      ? inOrder(order, value as number, bound)
      : Array.isArray(value) && value.some((element) => typeof element === type && inOrder(order, element, bound));
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

function regexTest(pattern: string, flags: string, at: IssuePath, compiler: Compiler): ValueTest {
  const matcher = compileTextMatcher(pattern, flags);
  if ('problem' in matcher) return fail(compiler, at, matcher.problem);
  return (value) =>
    typeof value === 'string'
      ? matchesText(matcher, value)
      : Array.isArray(value) && value.some((element) => typeof element === 'string' && matchesText(matcher, element));
}

function fail(compiler: Compiler, at: IssuePath, message: string): ValueTest {
  compiler.issues.push({ path: at, message });
  return never;
}
