/**
 * What each rule operator's operand means, so the config checks and the JSON Schema can
 * tell whether it suits the attribute it is applied to (`"$gte": "3"` on a number never
 * matches). The rule compiler checks each operand's own shape (an array for `$in`, a valid
 * regex); this table adds the attribute's side. Keyed by operator name, in one place, so
 * it can become a column of the rules' operator table when that exists.
 */
export type OperandKind =
  /** A value of the attribute's type (an element, for a list), or null for "missing". */
  | 'value'
  /** An array of such values. */
  | 'values'
  /** An ordering bound: a number for numbers, text for text. */
  | 'bound'
  /** A regular expression: text attributes only. */
  | 'pattern'
  /** Regex flags beside `$regex`. */
  | 'options'
  /** A length, or operators on it: lists only. */
  | 'size'
  /** A condition on each element: lists only. */
  | 'elements'
  /** Values (or `$elemMatch` objects) that must all be present. */
  | 'all'
  /** Operators (or a regex) on the same attribute, negated. */
  | 'not'
  /** true or false, whatever the attribute. */
  | 'flag';

export interface OperatorInfo {
  kind: OperandKind;
  /** What it tests, for editor completion. */
  description: string;
}

export const OPERATOR_INFO: Readonly<Record<string, OperatorInfo>> = {
  $eq: { kind: 'value', description: 'equals (a list: holds it)' },
  $ne: { kind: 'value', description: 'does not equal' },
  $in: { kind: 'values', description: 'equals one of these' },
  $nin: { kind: 'values', description: 'equals none of these' },
  $gt: { kind: 'bound', description: 'greater than (missing never is)' },
  $gte: { kind: 'bound', description: 'at least (missing never is)' },
  $lt: { kind: 'bound', description: 'less than (missing never is)' },
  $lte: { kind: 'bound', description: 'at most (missing never is)' },
  $regex: { kind: 'pattern', description: 'text matching this regular expression' },
  $options: { kind: 'options', description: 'flags of $regex: i, m, s' },
  $size: { kind: 'size', description: 'a list of this many elements' },
  $elemMatch: { kind: 'elements', description: 'a list with an element matching these operators' },
  $all: { kind: 'all', description: 'a list holding all of these' },
  $not: { kind: 'not', description: 'these operators do not hold' },
  $exists: { kind: 'flag', description: 'present and not null (true), or missing (false)' },
};

/** The kind of `operator`, or undefined for one the compiler does not know (it reports those). */
export function operandKind(operator: string): OperandKind | undefined {
  return Object.hasOwn(OPERATOR_INFO, operator) ? OPERATOR_INFO[operator].kind : undefined;
}
