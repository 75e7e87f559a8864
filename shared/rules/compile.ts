/**
 * The rule compiler: MongoDB-style conditions (the syntax of GrowthBook's targeting
 * conditions) turned once into plain closures. No eval: Workers forbid it.
 * Where MongoDB and GrowthBook disagree, MongoDB's meaning stands (see DESIGN.md).
 */
import { compileValue, MAX_DEPTH, type Compiler, type IssuePath } from './operators.js';
import { compilePath, pathProblem, SELF, type AttributePath } from './path.js';
import { allOf, anyOf, isPlainObject, negate, type ValueTest } from './values.js';

export { referencedSegments } from './references.js';

export type Attributes = Record<string, unknown>;
export type Predicate = (attrs: Attributes) => boolean;
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

const never: ValueTest = () => false;

/**
 * Compiles a condition. `at` is the JSON path prefix of the condition in its file (e.g.
 * ['segments', 3, 'when']) so issues carry full paths. Never throws for bad input: it
 * returns issues instead, and then a predicate that matches nobody.
 */
export function compileCondition(condition: unknown, at: (string | number)[] = []): { predicate: Predicate; issues: RuleIssue[] } {
  const compiler: Compiler = { issues: [], document: compileDocument };
  const test = compileDocument(condition, at, 1);
  return { predicate: compiler.issues.length > 0 ? never : test, issues: compiler.issues };

  function compileDocument(document: unknown, where: IssuePath, depth: number): ValueTest {
    if (depth > MAX_DEPTH) return fail(where, `condition is nested deeper than ${MAX_DEPTH} levels`);
    if (!isPlainObject(document)) return fail(where, 'a condition must be an object such as {"cart.value": {"$gte": 50}}');
    const tests: ValueTest[] = [];
    for (const [key, operand] of Object.entries(document)) {
      const keyAt = [...where, key];
      if (key === '$and' || key === '$or' || key === '$nor') {
        tests.push(compileLogical(key, operand, keyAt, depth));
      } else if (key === '$not') {
        tests.push(negate(compileDocument(operand, keyAt, depth + 1)));
      } else if (key.startsWith('$')) {
        tests.push(fail(keyAt, `unknown top-level operator "${key}"; use $and, $or, $nor, $not or an attribute path`));
      } else {
        const problem = pathProblem(key);
        if (problem) tests.push(fail(keyAt, problem));
        else tests.push(fieldTest(compilePath(key), (path) => compileValue(operand, path, keyAt, depth + 1, compiler)));
      }
    }
    return allOf(tests);
  }

  function compileLogical(operator: '$and' | '$or' | '$nor', operand: unknown, where: IssuePath, depth: number): ValueTest {
    if (!Array.isArray(operand) || operand.length === 0) return fail(where, `"${operator}" needs a non-empty array of conditions`);
    const tests = operand.map((item, index) => compileDocument(item, [...where, index], depth + 1));
    if (operator === '$and') return allOf(tests);
    return operator === '$or' ? anyOf(tests) : negate(anyOf(tests));
  }

  function fail(where: IssuePath, message: string): ValueTest {
    compiler.issues.push({ path: where, message });
    return never;
  }
}

/** A path through a prototype key reads nothing, so its answer is known at compile time. */
function fieldTest(path: AttributePath, compile: (path: AttributePath) => ValueTest): ValueTest {
  if (!path.blocked) return compile(path);
  const answer = compile(SELF)(undefined);
  return () => answer;
}
