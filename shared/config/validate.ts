import type { z } from 'zod';
import { ConfigSchema, type Config } from '../schema/config.js';
import { nestedDeeperThan } from '../json-depth.js';
import { compileCondition } from '../rules/compile.js';
import { isPlainObject } from '../rules/values.js';
import { checkConfig, conditionsOf, type CheckOptions } from './check-config.js';
import { checkTrust } from './check-trust.js';
import { compileConfig, type CompiledConfig, type ConfigIssue } from './compile.js';
import { didYouMean } from './suggest.js';

// Zod-free, so the studio's bundle can format paths without the schema.
export { formatPath } from './path.js';

/** Conditions stop at 16 levels; nothing else in a config comes near this. */
const MAX_CONFIG_DEPTH = 64;

export interface ValidateOptions extends CheckOptions {
  /**
   * The config was accepted once (a stored version): check only what serving it needs
   * (shape and rules), not the authoring checks, which may have grown stricter since.
   */
  stored?: boolean;
}

/** `issues` are errors (the config is refused); `warnings` are legal but suspicious. */
export type ValidationResult =
  | { ok: true; config: Config; compiled: CompiledConfig; issues: []; warnings: ConfigIssue[] }
  | { ok: false; issues: ConfigIssue[]; warnings: ConfigIssue[] };

/**
 * Every problem of a config in one pass, in the order they appear in the file: the
 * schema's, the authoring checks' (on the raw JSON, so they run even when the shape is
 * wrong) and the rule compiler's (on the raw conditions while the shape is wrong).
 */
export function validateConfig(input: unknown, options: ValidateOptions = {}): ValidationResult {
  if (nestedDeeperThan(input, MAX_CONFIG_DEPTH))
    return { ok: false, issues: [{ path: [], message: `the config nests deeper than ${MAX_CONFIG_DEPTH} levels` }], warnings: [] };
  const parsed = ConfigSchema.safeParse(input);
  const checked = options.stored ? { errors: [], warnings: [] } : checkConfig(input, options);
  let compiled: CompiledConfig | undefined;
  let ruleIssues: ConfigIssue[];
  if (parsed.success) {
    // Needs the parsed shape (segments and audiences followed by id): only once it is right.
    if (!options.stored) checkTrust(parsed.data, { error: (path, message) => checked.errors.push({ path, message }), warn: (path, message) => checked.warnings.push({ path, message }) });
    const result = compileConfig(parsed.data);
    compiled = result.compiled;
    ruleIssues = result.issues;
  } else {
    ruleIssues = conditionsOf(input).flatMap(({ condition, at }) => compileCondition(condition, at).issues);
  }
  // Where the checks and the compiler both speak of one place (an experiment's slot or
  // weights), the checks' message is the one with a suggestion.
  const checkedAt = new Set(checked.errors.map((i) => key(i.path)));
  const issues = unique([
    ...(parsed.success ? [] : configZodIssues(parsed.error, input)),
    ...checked.errors,
    ...ruleIssues.filter((i) => !checkedAt.has(key(i.path))),
  ]);
  const warnings = inFileOrder(unique(checked.warnings), input);
  if (issues.length > 0 || !parsed.success || !compiled) return { ok: false, issues: inFileOrder(issues, input), warnings };
  return { ok: true, config: parsed.data, compiled, issues: [], warnings };
}

export function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

/** Zod's issues, with the closest allowed value for a value outside an enum. */
function configZodIssues(error: z.ZodError, input: unknown): ConfigIssue[] {
  return zodIssues(error).map((issue, n) => {
    const raw = error.issues[n];
    const typed = valueAt(input, issue.path);
    if (raw.code === 'invalid_value' && typeof typed === 'string')
      return { ...issue, message: `${issue.message}${didYouMean(typed, raw.values.map(String))}` };
    return issue;
  });
}

function key(path: (string | number)[]): string {
  return JSON.stringify(path);
}

function unique(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${key(i.path)} ${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let node = input;
  for (const p of path) {
    if (Array.isArray(node) && typeof p === 'number') node = node[p];
    else if (isPlainObject(node) && Object.hasOwn(node, p)) node = node[p];
    else return undefined;
  }
  return node;
}

/**
 * Sorts issues by where their path first appears in the document (the order of its keys),
 * a path the document lacks (a missing field) sitting at its deepest existing parent.
 * Stable, so issues at one place keep the order they were found in.
 */
function inFileOrder(issues: ConfigIssue[], input: unknown): ConfigIssue[] {
  if (issues.length < 2) return issues;
  const order = new Map<string, number>();
  const visit = (node: unknown, path: (string | number)[]) => {
    order.set(key(path), order.size);
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...path, i]));
    else if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) visit(v, [...path, k]);
  };
  visit(input, []);
  const position = (path: (string | number)[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const found = order.get(key(path.slice(0, n)));
      if (found !== undefined) return found;
    }
    return 0;
  };
  return issues
    .map((issue, n) => ({ issue, n, at: position(issue.path) }))
    .sort((a, b) => a.at - b.at || a.n - b.n)
    .map(({ issue }) => issue);
}
