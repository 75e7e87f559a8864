/**
 * `$type`: the JSON type of an attribute, by GrowthBook's type names. MongoDB's meaning of
 * the operator stands where the two differ: a missing attribute has no type (GrowthBook
 * reads it as "null"), and an array attribute also has the types of its elements
 * (`{"traits.tags": {"$type": "string"}}` holds for `["b2b"]`).
 */

export const TYPE_NAMES = ['string', 'number', 'boolean', 'array', 'object', 'null'] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

/** MongoDB's names for the same types, so a refusal can name the one to use. */
const MONGODB_NAMES: Record<string, TypeName> = { bool: 'boolean', int: 'number', long: 'number', double: 'number', decimal: 'number' };

/** The index in TYPE_NAMES of a `$type` operand, or -1. */
export function typeIndex(operand: unknown): number {
  return TYPE_NAMES.indexOf(operand as TypeName);
}

/** Why a `$type` operand is refused (call only when `typeIndex` is -1). */
export function typeProblem(operand: unknown): string {
  const known = `one of ${TYPE_NAMES.map((name) => `"${name}"`).join(', ')}`;
  if (typeof operand !== 'string') return `"$type" needs a type name, ${known}`;
  const instead = Object.hasOwn(MONGODB_NAMES, operand) ? MONGODB_NAMES[operand] : TYPE_NAMES.find((name) => name === operand.toLowerCase());
  return `"$type" does not know the type "${operand}"; ${instead ? `did you mean "${instead}"? ` : ''}use ${known}`;
}

/** The index in TYPE_NAMES of a present JSON value's type. */
function typeOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 0;
    case 'number':
      return 1;
    case 'boolean':
      return 2;
    case 'object':
      return value === null ? 5 : Array.isArray(value) ? 3 : 4;
    default:
      return -1;
  }
}

/** Is `value` of type `type` (an index in TYPE_NAMES), or an array holding an element that is? */
export function hasType(value: unknown, type: number): boolean {
  const own = typeOf(value);
  if (own === type) return true;
  if (own !== 3) return false;
  const array = value as unknown[];
  for (let i = 0; i < array.length; i++) if (typeOf(array[i]) === type) return true;
  return false;
}
