/**
 * What may be typed at a place inside a rule condition, from the property names on the way
 * there (`"[]"` for an array level): logical operators and `segments` where a condition is
 * expected, comparison operators inside an attribute's test, segment ids where a segment
 * is named. The JSON Schema completes everything else (attribute paths, config fields).
 */
export const LOGICAL = ['$and', '$or', '$nor', '$not'] as const;
export const COMPARISON = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$regex', '$size', '$elemMatch', '$all', '$not'] as const;

/** Keys whose value is a condition: segment/persona/variant `when`, experiment `audience`, goal `filter`. */
const ROOTS = new Set(['when', 'audience', 'filter']);
const LISTS = new Set(['$and', '$or', '$nor']);

export type Suggestion = { kind: 'condition-keys' } | { kind: 'operators' } | { kind: 'segment-ids' } | null;

/**
 * `keys`: property names from the document root to the cursor (the name being typed
 * excluded); `inName`: whether the cursor is where a property name goes.
 */
export function suggestionAt(keys: readonly string[], inName: boolean): Suggestion {
  let root = keys.length - 1;
  while (root >= 0 && !ROOTS.has(keys[root])) root--;
  if (root < 0) return null;
  let state: 'condition' | 'test' | 'operand' = 'condition';
  let attribute = '';
  for (const key of keys.slice(root + 1)) {
    if (key === '[]') continue;
    if (state === 'condition') {
      if (LISTS.has(key) || key === '$not') continue;
      state = 'test';
      attribute = key;
    } else if (state === 'test') {
      if (key === '$elemMatch') state = 'condition';
      else if (key !== '$not') state = 'operand';
    }
  }
  if (inName) return state === 'condition' ? { kind: 'condition-keys' } : state === 'test' ? { kind: 'operators' } : null;
  return attribute === 'segments' && state !== 'condition' ? { kind: 'segment-ids' } : null;
}
