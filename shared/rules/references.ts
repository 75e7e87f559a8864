/**
 * Which segment ids a condition compares against the `segments` attribute, so config
 * validation can find references to missing segments and cycles between segments.
 */
import { MAX_DEPTH } from './operators.js';
import { LOGICAL_OPERATORS, OPERATOR_TABLE, type OperandKind } from './operator-table.js';
import { isPlainObject } from './values.js';

/**
 * Operators whose operand (or operand list) holds values compared with the attribute, so
 * on `segments` holds ids: `$eq`, `$in`, `$all`, `$elemMatch`, `$not`, `$ini` … A segment
 * named in another case in `$ini` is reported missing: ids are compared exactly.
 */
const HOLDING_VALUES: readonly OperandKind[] = ['value', 'values', 'condition', 'operators'];
const ID_OPERATORS: ReadonlySet<string> = new Set(OPERATOR_TABLE.filter((spec) => spec.at === 'field' && HOLDING_VALUES.includes(spec.operand)).map((spec) => spec.name));

export function referencedSegments(condition: unknown): string[] {
  const ids = new Set<string>();
  visitDocument(condition, ids, 1);
  return [...ids];
}

function visitDocument(document: unknown, ids: Set<string>, depth: number): void {
  if (!isPlainObject(document) || depth > MAX_DEPTH) return;
  for (const [key, operand] of Object.entries(document)) {
    if (LOGICAL_OPERATORS.has(key) && Array.isArray(operand)) {
      for (const item of operand) visitDocument(item, ids, depth + 1);
    } else if (key === '$not') {
      visitDocument(operand, ids, depth + 1);
    } else if (key === 'segments') {
      visitSegmentsValue(operand, ids, depth + 1);
    }
  }
}

function visitSegmentsValue(value: unknown, ids: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    ids.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) visitSegmentsValue(item, ids, depth + 1);
  } else if (isPlainObject(value)) {
    for (const [operator, operand] of Object.entries(value)) {
      // `{"$not": "pattern"}` is a regex, not an id.
      if (ID_OPERATORS.has(operator) && !(operator === '$not' && typeof operand === 'string')) {
        visitSegmentsValue(operand, ids, depth + 1);
      }
    }
  }
}
