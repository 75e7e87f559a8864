/**
 * Why a condition does not match a visitor, for debug mode: the first failing test on one
 * attribute, with the visitor's value ("rfm.recencyDays is 80, rule wants $lt 60").
 *
 * Clarity over speed: every part is answered by compiling it alone with `compileCondition`,
 * so an explanation never disagrees with the rule engine, and `matched` is the engine's
 * own answer for the whole condition.
 */
import { compileCondition, type Attributes } from './compile.js';
import { isOperatorObject } from './operators.js';
import { compilePath, readPath } from './path.js';

export interface Reason {
  /** The attribute path tested, e.g. "rfm.recencyDays" ("" when the condition itself is refused). */
  path: string;
  /** The operator that fails ("$eq" for a plain value; several, space-separated, when all of them hold but should not). */
  operator: string;
  /** Its operand as written. */
  expected: unknown;
  /** The visitor's value at `path`; undefined when missing. */
  actual: unknown;
  message: string;
}

export type Explanation = { matched: true } | { matched: false; why: Reason };

export function explainCondition(condition: unknown, attrs: Attributes): Explanation {
  const { predicate, issues } = compileCondition(condition);
  if (predicate(attrs)) return { matched: true };
  if (issues.length > 0) {
    const [{ path, message }] = issues;
    const where = path.length > 0 ? ` at ${path.join('.')}` : '';
    return { matched: false, why: { path: '', operator: '', expected: condition, actual: undefined, message: `the condition is refused${where}: ${message}` } };
  }
  return { matched: false, why: documentReason(condition as Document, attrs, true) };
}

/** Does `condition` hold for `attrs`? The engine's answer, for one part at a time. */
function holds(condition: unknown, attrs: Attributes): boolean {
  return compileCondition(condition).predicate(attrs);
}

type Document = Record<string, unknown>;

/**
 * Why `document` is not `wanted`: true when it should hold but fails, false when it holds
 * inside a `$not` or `$nor`. Call only when it is not. Its entries must all hold.
 */
function documentReason(document: Document, attrs: Attributes, wanted: boolean): Reason {
  const entries = Object.entries(document);
  if (entries.length === 0) {
    return { path: '', operator: '', expected: {}, actual: undefined, message: 'the empty condition {} holds for everyone, rule wants it not to' };
  }
  if (entries.length === 1) return entryReason(entries[0][0], entries[0][1], attrs, wanted);
  return partsReason(entries.map(([key, operand]) => ({ [key]: operand })), attrs, wanted, true);
}

function entryReason(key: string, operand: unknown, attrs: Attributes, wanted: boolean): Reason {
  switch (key) {
    case '$and':
      return partsReason(operand as Document[], attrs, wanted, true);
    case '$or':
      return partsReason(operand as Document[], attrs, wanted, false);
    case '$nor':
      return partsReason(operand as Document[], attrs, !wanted, false);
    case '$not':
      return documentReason(operand as Document, attrs, !wanted);
    default:
      return fieldReason(key, operand, attrs, wanted);
  }
}

/**
 * All (`all`) or any of `parts` is not `wanted`. A failing "all" and a holding "any" have
 * one part to blame, the first; a holding "all" and a failing "any" have every part to
 * blame, and the first stands for them, named as one of several.
 */
function partsReason(parts: Document[], attrs: Attributes, wanted: boolean, all: boolean): Reason {
  if (all === wanted) {
    const blamed = parts.find((part) => holds(part, attrs) !== wanted) ?? parts[0];
    return documentReason(blamed, attrs, wanted);
  }
  const reason = documentReason(parts[0], attrs, wanted);
  if (parts.length === 1) return reason;
  const prefix = all ? `all ${parts.length} conditions hold:` : `none of ${parts.length} alternatives holds:`;
  return { ...reason, message: `${prefix} ${reason.message}` };
}

/** The test on one attribute: a plain value (equality) or an operator object. */
function fieldReason(key: string, operand: unknown, attrs: Attributes, wanted: boolean): Reason {
  const path = compilePath(key);
  const actual = path.blocked ? undefined : readPath(attrs, path);
  const operators = isOperatorObject(operand) ? Object.keys(operand).filter((name) => name !== '$options') : [];
  let operator: string;
  let expected: unknown;
  if (operators.length === 0) {
    [operator, expected] = ['$eq', operand];
  } else if (wanted) {
    // The operators must all hold: blame the first one that fails on its own.
    const object = operand as Record<string, unknown>;
    const alone = (name: string) => (name === '$regex' && '$options' in object ? { $regex: object.$regex, $options: object.$options } : { [name]: object[name] });
    operator = operators.find((name) => !holds({ [key]: alone(name) }, attrs)) ?? operators[0];
    expected = object[operator];
  } else {
    // They all hold, and should not: the whole object is to blame.
    operator = operators.join(' ');
    expected = operators.length === 1 ? (operand as Record<string, unknown>)[operator] : operand;
  }
  const options = operator === '$regex' && isOperatorObject(operand) && '$options' in operand ? ` (options ${show(operand.$options)})` : '';
  const is = actual === undefined ? 'is missing' : `is ${show(actual)}`;
  const message = `${key} ${is}, rule wants ${wanted ? '' : 'not '}${operator} ${show(expected)}${options}`;
  return { path: key, operator, expected, actual, message };
}

const SHOWN_LENGTH = 80;

/** A value as JSON, cut to a readable length. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}
