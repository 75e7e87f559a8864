/**
 * Every operator of the rule language, as data: the compilers check names against it,
 * and editors and config checks read it (completion, hover text, operand types).
 *
 * `appliesTo` lists the attribute value types an operator makes sense for. An array
 * attribute is also tested element by element (`{"segments": "vip"}` holds when the array
 * contains "vip"), so an operator for `string` also fits an array of strings, and its
 * operand then has the element type; operators that look at the array itself (`$size`,
 * `$elemMatch`, `$all`) list `array`.
 */

/** What an operator's operand must be. */
export type OperandKind =
  /** A literal compared with the attribute: a value of its type, or null. */
  | 'value'
  /** An array of such literals. */
  | 'values'
  /** A finite number or a string, of the attribute's type (numbers never order against strings). */
  | 'bound'
  | 'boolean'
  /** A regular expression, as a string (no nested quantifiers, at most 256 characters). */
  | 'regex'
  /** `$options`: the flags i, m and s, each at most once. */
  | 'regex-flags'
  /** A semantic version string such as "1.2.3" ("v1.2.3", "1.2.3-rc.1", "1.2.3+build"). */
  | 'version'
  /** One of TYPE_NAMES (value-type.ts). */
  | 'type-name'
  /** A whole number ≥ 0, or an operator object on the length such as {"$gte": 2}. */
  | 'size'
  /** An operator object on the same attribute, or a regex string. */
  | 'operators'
  /** A condition: operators on each element (`$elemMatch`), or a whole condition document. */
  | 'condition'
  /** A non-empty array of condition documents. */
  | 'conditions';

export type ValueType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export interface OperatorSpec {
  name: string;
  /** `field`: in an attribute's operator object; `document`: beside attribute paths. */
  at: 'field' | 'document';
  operand: OperandKind;
  /** Attribute value types it makes sense for; empty for document operators. */
  appliesTo: readonly ValueType[];
  /** Whose operator it is: MongoDB's query language, or GrowthBook's additions to it. */
  origin: 'mongodb' | 'growthbook';
  /** One sentence for an editor's hover. */
  doc: string;
}

const ANY: readonly ValueType[] = ['string', 'number', 'boolean', 'array', 'object', 'null'];
const ORDERED: readonly ValueType[] = ['number', 'string'];
const TEXT: readonly ValueType[] = ['string'];
const ARRAY: readonly ValueType[] = ['array'];

export const OPERATOR_TABLE = [
  { name: '$eq', at: 'field', operand: 'value', appliesTo: ANY, origin: 'mongodb', doc: 'Equals the value; an array attribute holds when it contains the value.' },
  { name: '$ne', at: 'field', operand: 'value', appliesTo: ANY, origin: 'mongodb', doc: 'Does not equal the value (also holds when the attribute is missing).' },
  { name: '$gt', at: 'field', operand: 'bound', appliesTo: ORDERED, origin: 'mongodb', doc: 'Greater than the number or string; a missing attribute or one of the other type never matches.' },
  { name: '$gte', at: 'field', operand: 'bound', appliesTo: ORDERED, origin: 'mongodb', doc: 'Greater than or equal to the number or string; a missing attribute never matches.' },
  { name: '$lt', at: 'field', operand: 'bound', appliesTo: ORDERED, origin: 'mongodb', doc: 'Less than the number or string; a missing attribute never matches.' },
  { name: '$lte', at: 'field', operand: 'bound', appliesTo: ORDERED, origin: 'mongodb', doc: 'Less than or equal to the number or string; a missing attribute never matches.' },
  { name: '$in', at: 'field', operand: 'values', appliesTo: ANY, origin: 'mongodb', doc: 'Equals one of the listed values (an array attribute: shares one with the list).' },
  { name: '$nin', at: 'field', operand: 'values', appliesTo: ANY, origin: 'mongodb', doc: 'Equals none of the listed values (also holds when the attribute is missing).' },
  { name: '$exists', at: 'field', operand: 'boolean', appliesTo: ANY, origin: 'mongodb', doc: 'true: the attribute is present and not null; false: it is missing or null.' },
  { name: '$regex', at: 'field', operand: 'regex', appliesTo: TEXT, origin: 'mongodb', doc: 'The text matches the regular expression (its first 2,000 characters are searched).' },
  { name: '$options', at: 'field', operand: 'regex-flags', appliesTo: TEXT, origin: 'mongodb', doc: 'Flags of the $regex beside it: i ignores case, m makes ^ and $ match at line breaks, s lets the dot match a line break.' },
  { name: '$size', at: 'field', operand: 'size', appliesTo: ARRAY, origin: 'mongodb', doc: 'The array has this many elements, or a length matching operators such as {"$gte": 2}.' },
  { name: '$elemMatch', at: 'field', operand: 'condition', appliesTo: ARRAY, origin: 'mongodb', doc: 'Some element of the array matches: operators on the element, or fields of an object element.' },
  { name: '$all', at: 'field', operand: 'values', appliesTo: ARRAY, origin: 'mongodb', doc: 'The array contains every listed value.' },
  { name: '$not', at: 'field', operand: 'operators', appliesTo: ANY, origin: 'mongodb', doc: 'The operators on this attribute (or a regex string) do not hold; also true when the attribute is missing.' },
  { name: '$ini', at: 'field', operand: 'values', appliesTo: TEXT, origin: 'growthbook', doc: 'Equals one of the listed values, ignoring the case of text.' },
  { name: '$nini', at: 'field', operand: 'values', appliesTo: TEXT, origin: 'growthbook', doc: 'Equals none of the listed values, ignoring the case of text (also holds when the attribute is missing).' },
  { name: '$alli', at: 'field', operand: 'values', appliesTo: ARRAY, origin: 'growthbook', doc: 'The array contains every listed value, ignoring the case of text.' },
  { name: '$regexi', at: 'field', operand: 'regex', appliesTo: TEXT, origin: 'growthbook', doc: 'The text matches the regular expression, ignoring case.' },
  { name: '$type', at: 'field', operand: 'type-name', appliesTo: ANY, origin: 'growthbook', doc: 'The value is of this JSON type: string, number, boolean, array, object or null (a missing attribute has none).' },
  { name: '$veq', at: 'field', operand: 'version', appliesTo: TEXT, origin: 'growthbook', doc: 'The version text equals this semantic version (a leading v and a +build suffix are ignored).' },
  { name: '$vne', at: 'field', operand: 'version', appliesTo: TEXT, origin: 'growthbook', doc: 'The version text differs from this semantic version (also holds when the attribute is missing).' },
  { name: '$vgt', at: 'field', operand: 'version', appliesTo: TEXT, origin: 'growthbook', doc: 'The version text is later than this semantic version (1.10.0 is later than 1.9.0, 1.0.0 than 1.0.0-rc.1).' },
  { name: '$vgte', at: 'field', operand: 'version', appliesTo: TEXT, origin: 'growthbook', doc: 'The version text is this semantic version or later.' },
  { name: '$vlt', at: 'field', operand: 'version', appliesTo: TEXT, origin: 'growthbook', doc: 'The version text is earlier than this semantic version; a missing attribute never matches.' },
  { name: '$vlte', at: 'field', operand: 'version', appliesTo: TEXT, origin: 'growthbook', doc: 'The version text is this semantic version or earlier; a missing attribute never matches.' },
  { name: '$and', at: 'document', operand: 'conditions', appliesTo: [], origin: 'mongodb', doc: 'Every condition in the list holds.' },
  { name: '$or', at: 'document', operand: 'conditions', appliesTo: [], origin: 'mongodb', doc: 'At least one condition in the list holds.' },
  { name: '$nor', at: 'document', operand: 'conditions', appliesTo: [], origin: 'mongodb', doc: 'No condition in the list holds.' },
  { name: '$not', at: 'document', operand: 'condition', appliesTo: [], origin: 'mongodb', doc: 'The condition does not hold.' },
] as const satisfies readonly OperatorSpec[];

type Spec = (typeof OPERATOR_TABLE)[number];
export type FieldOperator = Extract<Spec, { at: 'field' }>['name'];
export type DocumentOperator = Extract<Spec, { at: 'document' }>['name'];

const names = <At extends OperatorSpec['at']>(at: At) => OPERATOR_TABLE.filter((spec) => spec.at === at).map((spec) => spec.name);

export const FIELD_OPERATORS: ReadonlySet<string> = new Set(names('field'));
export const DOCUMENT_OPERATORS: ReadonlySet<string> = new Set(names('document'));
/** Document operators taking a list of conditions; in `$elemMatch` they mean the elements are documents. */
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(OPERATOR_TABLE.filter((spec) => spec.operand === 'conditions').map((spec) => spec.name));

/** The operator `name` at level `at`, or undefined. */
export function operatorSpec(name: string, at: OperatorSpec['at']): OperatorSpec | undefined {
  return OPERATOR_TABLE.find((spec) => spec.name === name && spec.at === at);
}
