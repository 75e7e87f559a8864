/**
 * Many conditions over one visitor, each attribute path read at most once.
 *
 * A lone compiled condition walks its paths through the attribute tree on every call, so
 * 500 segments over ~30 distinct paths walk the same paths again and again. A rule set
 * numbers the distinct paths of all its conditions (prefixes too: `context` is read once
 * for `context.source` and `context.device`); a view (view.ts, which states the contract
 * a view relies on) holds each path's value, read once per visitor, and the conditions run
 * as one program (program.ts) reading `view[slot]`. Answers are those of
 * `compileCondition`, condition by condition.
 */
import type { Attributes, RuleIssue } from './compile.js';
import { compileDocument, documentCompiler } from './document.js';
import { Program } from './program.js';
import { PathSlots, type RuleView } from './view.js';

export type { RuleView } from './view.js';

export interface RuleSource {
  condition: unknown;
  /** JSON path of the condition in its file, for issues. */
  at?: (string | number)[];
}

export interface RuleSet {
  /** Problems in any condition, with full JSON paths; a condition with one matches nobody. */
  issues: RuleIssue[];
  /** The attribute paths the set reads, prefixes included; path i sits in slot i + 1. */
  paths: readonly string[];
  /** A view of `attrs` for this set's conditions (see the contract in view.ts). */
  view(attrs: Attributes): RuleView;
  /**
   * Does condition `index` (its position in the list compiled) hold in `view`? The set
   * keeps nothing between calls: the caller holds its visitor's view.
   */
  test(index: number, view: RuleView): boolean;
}

export function compileRuleSet(sources: readonly RuleSource[]): RuleSet {
  const slots = new PathSlots();
  const program = new Program(slots);
  const compiler = documentCompiler([]);
  const trees = sources.map(({ condition, at = [] }) => {
    const before = compiler.issues.length;
    const tree = compileDocument(condition, at, 1, compiler, program);
    return compiler.issues.length > before ? program.constant(false) : tree;
  });
  const entries = trees.map((tree) => program.lower(tree));
  return {
    issues: compiler.issues,
    paths: slots.paths(),
    view: (attrs: Attributes) => slots.view(attrs),
    test: (index, view) => program.run(entries[index], view),
  };
}
