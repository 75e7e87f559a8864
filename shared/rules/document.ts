/**
 * Compiles condition documents (`{"cart.value": {"$gte": 50}, "$or": [...]}`). What the
 * compiled form is, is left to a `TestBuilder`: a lone condition becomes closures over the
 * attribute tree (`closures`); a rule set builds a program over its resolved paths.
 */
import { compileValue, MAX_DEPTH, unknownOperator, type Compiler, type IssuePath } from './operators.js';
import { DOCUMENT_OPERATORS } from './operator-table.js';
import { compilePath, pathProblem, SELF, type AttributePath } from './path.js';
import type { Issue as RuleIssue } from '../issue.js';
import { allOf, anyOf, isPlainObject, negate, type ValueTest } from './values.js';

export interface TestBuilder<T> {
  all(parts: T[]): T;
  any(parts: T[]): T;
  not(part: T): T;
  constant(answer: boolean): T;
  /**
   * The test of one attribute: `operand` is its condition (a literal or an operator
   * object), `compileAt(path)` compiles it into a test reading `path` from its input
   * (`SELF`: the input is the value itself) and reports its issues.
   */
  field(path: AttributePath, operand: unknown, compileAt: (path: AttributePath) => ValueTest): T;
}

/** Closures reading their fields straight from the input: lone conditions and `$elemMatch` documents. */
export const closures: TestBuilder<ValueTest> = {
  all: allOf,
  any: anyOf,
  not: negate,
  constant: (answer) => () => answer,
  field: (path, _operand, compileAt) => compileAt(path),
};

/** A compiler whose `$elemMatch` documents read their fields from each element. */
export function documentCompiler(issues: RuleIssue[]): Compiler {
  const compiler: Compiler = { issues, document: (document, at, depth) => compileDocument(document, at, depth, compiler, closures) };
  return compiler;
}

export function compileDocument<T>(document: unknown, where: IssuePath, depth: number, compiler: Compiler, build: TestBuilder<T>): T {
  const fail = (at: IssuePath, message: string): T => {
    compiler.issues.push({ path: at, message });
    return build.constant(false);
  };
  if (depth > MAX_DEPTH) return fail(where, `condition is nested deeper than ${MAX_DEPTH} levels`);
  if (!isPlainObject(document)) return fail(where, 'a condition must be an object such as {"cart.value": {"$gte": 50}}');
  const tests: T[] = [];
  for (const [key, operand] of Object.entries(document)) {
    const keyAt = [...where, key];
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(operand) || operand.length === 0) {
        tests.push(fail(keyAt, `"${key}" needs a non-empty array of conditions`));
        continue;
      }
      const parts = operand.map((item, index) => compileDocument(item, [...keyAt, index], depth + 1, compiler, build));
      tests.push(key === '$and' ? build.all(parts) : key === '$or' ? build.any(parts) : build.not(build.any(parts)));
    } else if (key === '$not') {
      tests.push(build.not(compileDocument(operand, keyAt, depth + 1, compiler, build)));
    } else if (key.startsWith('$')) {
      tests.push(fail(keyAt, `${unknownOperator(key, DOCUMENT_OPERATORS, 'top-level operator')}, or an attribute path`));
    } else {
      const problem = pathProblem(key);
      if (problem) {
        tests.push(fail(keyAt, problem));
        continue;
      }
      const path = compilePath(key);
      const compileAt = (at: AttributePath) => compileValue(operand, at, keyAt, depth + 1, compiler);
      // A path through a prototype key reads nothing, so its answer is known now.
      tests.push(path.blocked ? build.constant(compileAt(SELF)(undefined)) : build.field(path, operand, compileAt));
    }
  }
  return build.all(tests);
}
