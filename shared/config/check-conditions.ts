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
import { elementOf, firstFieldOf, resolveAttribute, typeName } from './attribute-paths.js';
import { operandKind } from './operand-kinds.js';
import { closest, didYouMean } from './suggest.js';
import type { Path } from './compile.js';

export interface CheckSink {
  error(path: Path, message: string): void;
  warn(path: Path, message: string): void;
}

export interface CheckContext extends CheckSink {
  /** The config's segment ids: the closed set of `segments`. */
  segmentIds: readonly string[];
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
        continue;
      }
      if (resolved.category !== undefined) checkCategory(resolved.category, keyAt, ctx);
      checkOperand(operand, resolved.attribute, keyAt, ctx, depth + 1);
    }
  }
}

/** Warns about a category name that no product of the catalog has. */
export function checkCategory(name: string, at: Path, ctx: CheckContext): void {
  if (ctx.categories && !ctx.categories.has(name))
    ctx.warn(at, `category "${name}" appears in no product of the catalog${didYouMean(name, ctx.categories)}`);
}

/** A literal (implicit equality) or an operator object, applied to `attribute`. */
function checkOperand(operand: unknown, attribute: AttributeDescriptor, at: Path, ctx: CheckContext, depth: number): void {
  if (attribute.free || depth > MAX_DEPTH) return;
  if (!isOperatorObject(operand)) return checkValue(operand, attribute, at, ctx);
  // Operators beside plain fields are the compiler's to report.
  for (const [operator, argument] of Object.entries(operand)) {
    const argAt = [...at, operator];
    const kind = operandKind(operator);
    const onList = attribute.type === 'string[]';
    const onText = attribute.type === 'string' || onList;
    switch (kind) {
      case 'value':
        checkValue(argument, attribute, argAt, ctx);
        break;
      case 'values':
        if (Array.isArray(argument)) argument.forEach((value, i) => checkValue(value, attribute, [...argAt, i], ctx));
        break;
      case 'all':
        if (Array.isArray(argument))
          argument.forEach((item, i) =>
            isOperatorObject(item) ? checkOperand(item, attribute, [...argAt, i], ctx, depth + 1) : checkValue(item, attribute, [...argAt, i], ctx),
          );
        break;
      case 'bound':
        if (!isOrderBound(argument)) break;
        if (attribute.type === 'number' && typeof argument !== 'number') ctx.error(argAt, mismatch(attribute, argument));
        else if (onText && typeof argument !== 'string') ctx.error(argAt, mismatch(attribute, argument));
        else if (attribute.type === 'boolean' || attribute.type === 'object')
          ctx.error(argAt, `${subject(attribute)} ${typeName(attribute)}, which has no order: "${operator}" never matches`);
        break;
      case 'pattern':
        if (typeof argument === 'string' && !onText)
          ctx.error(argAt, `"${operator}" matches text, and ${subject(attribute)} ${typeName(attribute)}: it never matches`);
        break;
      case 'not':
        if (typeof argument === 'string' && !onText)
          ctx.error(argAt, `"$not" with a regex matches text, and ${subject(attribute)} ${typeName(attribute)}: it always matches`);
        else if (isOperatorObject(argument)) checkOperand(argument, attribute, argAt, ctx, depth + 1);
        break;
      case 'size':
        if (!onList) {
          if (typeof argument === 'number' || isOperatorObject(argument))
            ctx.error(argAt, `"$size" counts the elements of a list, and ${subject(attribute)} ${typeName(attribute)}: it never matches`);
        } else if (isOperatorObject(argument)) checkOperand(argument, LENGTH, argAt, ctx, depth + 1);
        break;
      case 'elements':
        if (!isPlainObject(argument)) break;
        if (!onList) ctx.error(argAt, `"$elemMatch" tests the elements of a list, and ${subject(attribute)} ${typeName(attribute)}: it never matches`);
        else if (isOperatorObject(argument) && !Object.keys(argument).some((key) => LOGICAL_OPERATORS.has(key)))
          checkOperand(argument, elementOf(attribute), argAt, ctx, depth + 1);
        else ctx.error(argAt, `the elements of ${attribute.path} are text, not objects: compare them with operators such as {"$eq": …}`);
        break;
      case 'options':
      case 'flag':
      case undefined:
        break;
    }
  }
}

/** A value compared for equality: of the attribute's type and, where the set is closed, in it. */
function checkValue(value: unknown, attribute: AttributeDescriptor, at: Path, ctx: CheckContext): void {
  if (value === null) return; // equality with null means "missing", for any attribute
  switch (attribute.type) {
    case 'string[]':
      // A list equals a value it holds, or a whole list compared element by element.
      if (Array.isArray(value)) value.forEach((element, i) => checkValue(element, elementOf(attribute), [...at, i], ctx));
      else checkValue(value, elementOf(attribute), at, ctx);
      return;
    case 'object':
      if (!isPlainObject(value)) {
        const field = firstFieldOf(attribute);
        ctx.error(at, `${attribute.path} is an object, and ${show(value)} is ${describeValue(value)}${field ? `; compare one of its fields, such as "${field}"` : ''}`);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return ctx.error(at, mismatch(attribute, value));
      return checkText(value, attribute, at, ctx);
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

function checkText(value: string, attribute: AttributeDescriptor, at: Path, ctx: CheckContext): void {
  const { values, valuesFrom, pattern } = attribute;
  const name = listOf(attribute) ?? attribute.path;
  if (values && !values.includes(value)) {
    ctx.error(at, `"${value}" is not a value of ${name} (${values.join(', ')})${didYouMean(value, values)}`);
  } else if (valuesFrom === 'segments' && !ctx.segmentIds.includes(value)) {
    ctx.error(at, `refers to segment "${value}", which is not defined${didYouMean(value, ctx.segmentIds)}`);
  } else if (valuesFrom === 'categories') {
    checkCategory(value, at, ctx);
  } else if (pattern && !pattern.test(value)) {
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
  if (typeof value !== 'string' && attribute.type === 'string') {
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
