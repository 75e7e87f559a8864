/**
 * Which rule operators fit which attributes, read from the rules' operator table
 * (shared/rules/operator-table.ts: operand kind, the value types each operator applies
 * to, its hover text), so the config checks and the JSON Schema's completion offer and
 * accept exactly what the compilers know.
 */
import type { AttributeDescriptor } from '../schema/attribute-descriptors.js';
import { OPERATOR_TABLE, operatorSpec, type OperatorSpec, type ValueType } from '../rules/operator-table.js';

export type { OperatorSpec };

/** The operators that sit in an attribute's operator object, in table order. */
export const FIELD_OPERATORS: readonly OperatorSpec[] = OPERATOR_TABLE.filter((spec) => spec.at === 'field');

/**
 * GrowthBook's case-insensitive operators: their values are compared ignoring case, so a
 * closed set is checked case-insensitively (the table has no column for this).
 */
export const IGNORES_CASE: ReadonlySet<string> = new Set(['$ini', '$nini', '$alli', '$regexi']);

/** The field operator `name`, or undefined for one the compiler does not know (it reports those). */
export function fieldOperator(name: string): OperatorSpec | undefined {
  return operatorSpec(name, 'field');
}

/**
 * Does `spec` make sense on `attribute`? A list is an array and, element by element,
 * text (`{"segments": {"$in": […]}}`); free JSON may be anything.
 */
export function fits(spec: OperatorSpec, attribute: AttributeDescriptor): boolean {
  return valueTypes(attribute).some((type) => spec.appliesTo.includes(type));
}

function valueTypes(attribute: AttributeDescriptor): readonly ValueType[] {
  switch (attribute.type) {
    case 'string[]':
      return ['array', 'string'];
    case 'json':
      return ['string', 'number', 'boolean', 'array', 'object', 'null'];
    default:
      return [attribute.type];
  }
}

/** "text", "numbers or text", "lists": what an operator applies to, for a message. */
export function appliesToText(spec: OperatorSpec): string {
  const words: Record<ValueType, string> = { string: 'text', number: 'numbers', boolean: 'true or false', array: 'lists', object: 'objects', null: 'null' };
  return spec.appliesTo.map((type) => words[type]).join(' or ');
}
