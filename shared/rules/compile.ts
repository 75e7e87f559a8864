/**
 * The rule compiler: MongoDB-style conditions (the syntax of GrowthBook's targeting
 * conditions) turned once into plain closures. No eval: Workers forbid it.
 * Where MongoDB and GrowthBook disagree, MongoDB's meaning stands (see DESIGN.md).
 * Many conditions over the same visitor: see `compileRuleSet` (ruleset.ts).
 */
import type { Issue } from '../issue.js';
import { documentCompiler } from './document.js';

export { referencedSegments } from './references.js';

export type Attributes = Record<string, unknown>;
export type Predicate = (attrs: Attributes) => boolean;
export type RuleIssue = Issue;

const never: Predicate = () => false;

/**
 * Compiles a condition. `at` is the JSON path prefix of the condition in its file (e.g.
 * ['segments', 3, 'when']) so issues carry full paths. Never throws for bad input: it
 * returns issues instead, and then a predicate that matches nobody.
 */
export function compileCondition(condition: unknown, at: (string | number)[] = []): { predicate: Predicate; issues: RuleIssue[] } {
  const compiler = documentCompiler([]);
  const test = compiler.document(condition, at, 1);
  return { predicate: compiler.issues.length > 0 ? never : test, issues: compiler.issues };
}
