/**
 * The JSON Schema of a condition, made from the attribute tree: every attribute path is a
 * property with its description (so editors complete paths and explain them), its
 * operators follow its type (no `$regex` on a number, no `$size` but on lists), and closed
 * sets are enums. Chosen names and free namespaces (`categories.<name>.views`, `traits.*`,
 * `interests.0`) are pattern properties; anything else is flagged as the checks flag it.
 */
import { elementOf } from '../shared/config/attribute-paths.js';
import { FIELD_OPERATORS, IGNORES_CASE, fits, type OperatorSpec } from '../shared/config/operator-fit.js';
import { OPERATOR_TABLE } from '../shared/rules/operator-table.js';
import { TYPE_NAMES } from '../shared/rules/value-type.js';
import { ATTRIBUTES, type AttributeDescriptor } from '../shared/schema/attribute-descriptors.js';

type JsonSchema = Record<string, unknown>;

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
const LENGTH: AttributeDescriptor = { path: 'length', type: 'number', description: 'a length', min: 0, integer: true };

/** `$defs` entries: `condition`, and the operator objects it refers to. */
export function conditionDefs(): Record<string, JsonSchema> {
  const defs: Record<string, JsonSchema> = {};
  const properties: Record<string, JsonSchema> = {};
  for (const spec of OPERATOR_TABLE) {
    if (spec.at !== 'document') continue;
    const operand = spec.operand === 'conditions' ? { type: 'array', minItems: 1, items: ref('condition') } : ref('condition');
    properties[spec.name] = { description: spec.doc, ...operand };
  }
  const patternProperties: Record<string, JsonSchema> = {};
  // Copy-only attributes are filled after rules run: no condition may name them.
  for (const attribute of ATTRIBUTES.filter((a) => !a.copyOnly)) {
    const schema = attributeSchema(attribute, defs);
    const keys = attribute.path.split('.');
    if (keys.includes('*')) patternProperties[`^${keys.map((k) => (k === '*' ? '[^.]+' : escape(k))).join('\\.')}$`] = schema;
    else properties[attribute.path] = schema;
    if (attribute.free) patternProperties[`^${escape(attribute.path)}\\.`] = { description: attribute.description };
    if (attribute.type === 'string[]')
      patternProperties[`^${escape(attribute.path)}\\.(0|[1-9][0-9]*)$`] = attributeSchema(elementOf(attribute), defs);
  }
  defs.condition = {
    description: 'A MongoDB-style condition on the visitor (the syntax of GrowthBook targeting): attribute paths and $and/$or/$nor/$not',
    type: 'object',
    properties,
    patternProperties,
    additionalProperties: false,
  };
  return defs;
}

function attributeSchema(attribute: AttributeDescriptor, defs: Record<string, JsonSchema>): JsonSchema {
  const description = `${typeLabel(attribute)}: ${attribute.description}`;
  if (attribute.free) return { description };
  return { description, anyOf: [literal(attribute, defs), ref(operatorsDef(attribute, defs))] };
}

/**
 * The `$defs` name shared by attributes whose values are alike: `number`, `number-0..23-integer`,
 * or, for a closed set or pattern, the first attribute that has it (`context.source`).
 */
function valuesName(attribute: AttributeDescriptor): string {
  const { type, values, pattern, min, max, integer } = attribute;
  if (values || pattern)
    return ATTRIBUTES.find((a) => (values ? a.values?.join() === values.join() : a.pattern === pattern))?.path ?? attribute.path;
  if (min === undefined && max === undefined && !integer) return type;
  return `${type}-${min ?? ''}..${max ?? ''}${integer ? '-integer' : ''}`;
}

/** The name of the `$defs` entry of the operator object for `attribute`, made on first use. */
function operatorsDef(attribute: AttributeDescriptor, defs: Record<string, JsonSchema>): string {
  const name = `operators-${valuesName(attribute)}`;
  if (defs[name]) return name;
  defs[name] = {}; // reserved first: `$not` refers back to it
  const properties: Record<string, JsonSchema> = {};
  for (const spec of FIELD_OPERATORS) {
    if (!fits(spec, attribute)) continue;
    properties[spec.name] = { description: spec.doc, ...operandSchema(spec, attribute, name, defs) };
  }
  defs[name] = { type: 'object', minProperties: 1, properties, additionalProperties: false };
  return name;
}

/** What `spec` takes on `attribute`. */
function operandSchema(spec: OperatorSpec, attribute: AttributeDescriptor, self: string, defs: Record<string, JsonSchema>): JsonSchema {
  const list = attribute.type === 'string[]';
  // Case-insensitive values only need to be text.
  const value = IGNORES_CASE.has(spec.name) ? { type: 'string' } : literal(attribute, defs);
  switch (spec.operand) {
    case 'value':
      return value;
    case 'values':
      return { type: 'array', ...(list && spec.appliesTo.every((t) => t === 'array') && { minItems: 1 }), items: value };
    case 'bound':
      return { type: attribute.type === 'number' ? 'number' : 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'regex':
    case 'version':
      return { type: 'string' };
    case 'regex-flags':
      return { type: 'string', pattern: '^[ims]*$' };
    case 'type-name':
      return { enum: [...TYPE_NAMES] };
    case 'size':
      return { anyOf: [{ type: 'integer', minimum: 0 }, ref(operatorsDef(LENGTH, defs))] };
    case 'operators':
      return attribute.type === 'string' || list ? { anyOf: [ref(self), { type: 'string' }] } : ref(self);
    case 'condition':
      return ref(operatorsDef(elementOf(attribute), defs));
    case 'conditions':
      return {};
  }
}

/** A value compared for equality: the attribute's type (for a list, an element or a list), or null. */
function literal(attribute: AttributeDescriptor, defs: Record<string, JsonSchema>): JsonSchema {
  const name = `value-${valuesName(attribute)}`;
  if (!defs[name]) {
    if (attribute.type === 'string[]') {
      const element = literal(elementOf(attribute), defs);
      defs[name] = { anyOf: [element, { type: 'array', items: element }] };
    } else {
      defs[name] = { anyOf: [scalar(attribute), { type: 'null' }] };
    }
  }
  return ref(name);
}

function scalar(attribute: AttributeDescriptor): JsonSchema {
  switch (attribute.type) {
    case 'string':
      return attribute.values
        ? { enum: [...attribute.values] }
        : { type: 'string', ...(attribute.pattern && { pattern: attribute.pattern.source }) };
    case 'number':
      return {
        type: attribute.integer ? 'integer' : 'number',
        ...(attribute.min !== undefined && { minimum: attribute.min }),
        ...(attribute.max !== undefined && { maximum: attribute.max }),
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'object':
      // An object compared whole (no operator keys); its fields are better compared one by one.
      return { type: 'object', propertyNames: { not: { pattern: '^\\$' } } };
    default:
      return {};
  }
}

/** How the type reads in the README and in editor hints. */
export function typeLabel(attribute: AttributeDescriptor): string {
  if (attribute.type === 'number' && attribute.integer) return 'integer';
  return attribute.type === 'json' ? 'JSON' : attribute.type;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
