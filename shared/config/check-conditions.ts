/**
 * Checks a condition against the attribute tree: every path names an attribute, every
 * value compared with a closed set is in it, every operand suits the attribute's type.
 * Works on raw JSON (it walks whatever shapes it finds and leaves malformed operators to
 * the rule compiler), so one pass reports these beside the schema's problems. Each
 * problem here is a rule that silently never does what it says (it never matches, or
 * always does).
 */
import type { AttributeDescriptor } from '../schema/attribute-descriptors.js';
import { LOGICAL_OPERATORS } from '../rules/operator-table.js';
import { MAX_DEPTH, isOperatorObject, isOrderBound } from '../rules/operators.js';
import { isPlainObject } from '../rules/values.js';
import { elementOf, firstFieldOf, resolveAttribute, typeName, type Named } from './attribute-paths.js';
import { IGNORES_CASE, appliesToText, fieldOperator, fits } from './operator-fit.js';
import { closest, didYouMean } from './suggest.js';
import type { Path } from './compile.js';

export interface CheckSink {
  error(path: Path, message: string): void;
  warn(path: Path, message: string): void;
}

export interface CheckContext extends CheckSink {
  /** The config's segment ids: the closed set of `segments`. */
  segmentIds: readonly string[];
  /** The config's code ids: the names under `code`. */
  codeIds: readonly string[];
  /** Category names of the uploaded catalog; without them, category names are not checked. */
  categories?: ReadonlySet<string>;
}

/** The length a `$size` operator object compares. */
const LENGTH: AttributeDescriptor = { path: 'its length', type: 'number', description: 'a length', min: 0, integer: true };

export function checkCondition(condition: unknown, at: Path, ctx: CheckContext, depth = 1): void {
  if (!isPlainObject(condition) || depth > MAX_DEPTH) return;
  for (const [key, operand] of Object.entries(condition)) {
    const keyAt = [...at, key];
    if (LOGICAL_OPERATORS.has(key)) {
      if (Array.isArray(operand)) operand.forEach((part, i) => checkCondition(part, [...keyAt, i], ctx, depth + 1));
    } else if (key === '$not') {
      checkCondition(operand, keyAt, ctx, depth + 1);
    } else if (!key.startsWith('$') && key !== '') {
      const resolved = resolveAttribute(key);
      if (!resolved.ok) {
        ctx.error(keyAt, resolved.message);
      } else if (resolved.attribute.copyOnly) {
        ctx.error(keyAt, `${key} is filled for copy only, after rules run: a rule on it never matches`);
      } else {
        if (resolved.named) checkName(resolved.named, keyAt, ctx);
        checkOperand(operand, resolved.attribute, keyAt, ctx, depth + 1);
      }
    }
  }
}

/**
 * A name the marketer chose under an attribute: a category the catalog lacks is a warning
 * (the catalog may come later), a code the config does not define an error.
 */
export function checkName({ from, name }: Named, at: Path, ctx: CheckContext): void {
  if (from === 'categories' && ctx.categories && !ctx.categories.has(name))
    ctx.warn(at, `category "${name}" appears in no product of the catalog${didYouMean(name, ctx.categories)}`);
  if (from === 'codes' && !ctx.codeIds.includes(name))
    ctx.error(at, `code "${name}" is not defined in codes${didYouMean(name, ctx.codeIds)}`);
}

/** A literal (implicit equality) or an operator object, applied to `attribute`. */
function checkOperand(operand: unknown, attribute: AttributeDescriptor, at: Path, ctx: CheckContext, depth: number): void {
  if (attribute.free || depth > MAX_DEPTH) return;
  if (!isOperatorObject(operand)) return checkValue(operand, attribute, at, ctx);
  // Operators beside plain fields, unknown operators and malformed operands are the compiler's to report.
  for (const [operator, argument] of Object.entries(operand)) {
    const spec = fieldOperator(operator);
    if (!spec) continue;
    const argAt = [...at, operator];
    const text = attribute.type === 'string' || attribute.type === 'string[]';
    const ignoreCase = IGNORES_CASE.has(operator);
    // `$options` belongs to the `$regex` beside it, which says what is wrong.
    if (!fits(spec, attribute)) {
      if (spec.operand !== 'regex-flags')
        ctx.error(argAt, `"${operator}" applies to ${appliesToText(spec)}, and ${subject(attribute)} ${typeName(attribute)}: it never matches`);
      continue;
    }
    switch (spec.operand) {
      case 'value':
        checkValue(argument, attribute, argAt, ctx, ignoreCase);
        break;
      case 'values':
        if (Array.isArray(argument))
          argument.forEach((item, i) =>
            isOperatorObject(item) ? checkOperand(item, attribute, [...argAt, i], ctx, depth + 1) : checkValue(item, attribute, [...argAt, i], ctx, ignoreCase),
          );
        break;
      case 'bound':
        if (!isOrderBound(argument)) break;
        if ((attribute.type === 'number') !== (typeof argument === 'number')) ctx.error(argAt, mismatch(attribute, argument));
        break;
      case 'operators':
        if (typeof argument === 'string' && !text)
          ctx.error(argAt, `"$not" with a regex applies to text, and ${subject(attribute)} ${typeName(attribute)}: it always matches`);
        else if (isOperatorObject(argument)) checkOperand(argument, attribute, argAt, ctx, depth + 1);
        break;
      case 'size':
        if (isOperatorObject(argument)) checkOperand(argument, LENGTH, argAt, ctx, depth + 1);
        break;
      case 'condition':
        if (!isPlainObject(argument)) break;
        if (isOperatorObject(argument) && !Object.keys(argument).some((key) => LOGICAL_OPERATORS.has(key)))
          checkOperand(argument, elementOf(attribute), argAt, ctx, depth + 1);
        else ctx.error(argAt, `the elements of ${attribute.path} are text, not objects: compare them with operators such as {"$eq": …}`);
        break;
    }
  }
}

/** A value compared for equality: of the attribute's type and, where the set is closed, in it. */
function checkValue(value: unknown, attribute: AttributeDescriptor, at: Path, ctx: CheckContext, ignoreCase = false): void {
  if (value === null) return; // equality with null means "missing", for any attribute
  switch (attribute.type) {
    case 'string[]':
      // A list equals a value it holds, or a whole list compared element by element.
      if (Array.isArray(value)) value.forEach((element, i) => checkValue(element, elementOf(attribute), [...at, i], ctx, ignoreCase));
      else checkValue(value, elementOf(attribute), at, ctx, ignoreCase);
      return;
    case 'object':
      if (!isPlainObject(value)) {
        const field = firstFieldOf(attribute.path);
        ctx.error(at, `${attribute.path} is an object, and ${show(value)} is ${describeValue(value)}${field ? `; compare one of its fields, such as "${field}"` : ''}`);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return ctx.error(at, mismatch(attribute, value));
      return checkText(value, attribute, at, ctx, ignoreCase);
    case 'number':
      if (typeof value !== 'number') return ctx.error(at, mismatch(attribute, value));
      return checkNumber(value, attribute, at, ctx);
    case 'boolean':
      if (typeof value !== 'boolean') ctx.error(at, mismatch(attribute, value));
      return;
    case 'json':
      return;
  }
}

function checkText(value: string, attribute: AttributeDescriptor, at: Path, ctx: CheckContext, ignoreCase: boolean): void {
  const { values, valuesFrom, pattern } = attribute;
  const name = listOf(attribute) ?? attribute.path;
  const among = (set: readonly string[]) => (ignoreCase ? set.some((v) => v.toLowerCase() === value.toLowerCase()) : set.includes(value));
  if (values && !among(values)) {
    ctx.error(at, `"${value}" is not a value of ${name} (${values.join(', ')})${didYouMean(value, values)}`);
  } else if (valuesFrom === 'segments' && !among(ctx.segmentIds)) {
    ctx.error(at, `refers to segment "${value}", which is not defined${didYouMean(value, ctx.segmentIds)}`);
  } else if (valuesFrom === 'categories') {
    checkName({ from: 'categories', name: value }, at, ctx);
  } else if (pattern && !ignoreCase && !pattern.test(value)) {
    const fixed = [value.toUpperCase(), value.toLowerCase()].find((v) => pattern.test(v));
    ctx.error(at, `"${value}" is not how ${name} reads: ${attribute.description}${fixed ? `; did you mean "${fixed}"?` : ''}`);
  }
}

function checkNumber(value: number, attribute: AttributeDescriptor, at: Path, ctx: CheckContext): void {
  const { min, max, integer } = attribute;
  const outside = (min !== undefined && value < min) || (max !== undefined && value > max) || (integer && !Number.isInteger(value));
  if (!outside) return;
  const range = min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
  ctx.error(at, `${subject(attribute)} ${integer ? 'a whole number ' : 'a number '}${range}; ${value} is outside`);
}

/** `visitor.sessions is a number, and "3" is text; write 3 without quotes`. */
function mismatch(attribute: AttributeDescriptor, value: unknown): string {
  let fix = '';
  if (typeof value === 'string' && attribute.type === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) fix = `; write ${Number(value)} without quotes`;
  if (typeof value === 'string' && attribute.type === 'boolean' && /^(true|false)$/i.test(value)) fix = `; write ${value.toLowerCase()} without quotes`;
  if ((typeof value === 'number' || typeof value === 'boolean') && attribute.type === 'string') {
    const text = String(value);
    const known = attribute.values ? closest(text, attribute.values) : undefined;
    fix = known ? `; did you mean "${known}"?` : `; write "${text}" in quotes`;
  }
  return `${subject(attribute)} ${typeName(attribute)}, and ${show(value)} is ${describeValue(value)}${fix}`;
}

/** The list an element descriptor (`segments.<n>`) belongs to. */
function listOf(attribute: AttributeDescriptor): string | undefined {
  return attribute.path.endsWith('.<n>') ? attribute.path.slice(0, -4) : undefined;
}

/** "cart.value is" or "the elements of segments are". */
function subject(attribute: AttributeDescriptor): string {
  const list = listOf(attribute);
  return list ? `the elements of ${list} are` : `${attribute.path} is`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return 'an object';
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
