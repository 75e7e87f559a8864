/**
 * Which segment ids a condition compares against the `segments` attribute, so config
 * validation can find references to missing segments and cycles between segments.
 */
import { LOGICAL_OPERATORS, MAX_DEPTH } from './operators.js';
import { isPlainObject } from './values.js';

/** Operators whose operand (or operand list) holds ids compared with `segments`. */
const ID_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$all', '$elemMatch', '$not']);

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
