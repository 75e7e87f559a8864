/**
 * The JSON Schema of a condition, made from the attribute tree: every attribute path is a
 * property with its description (so editors complete paths and explain them), its
 * operators follow its type (no `$regex` on a number, no `$size` but on lists), and closed
 * sets are enums. Chosen names and free namespaces (`categories.<name>.views`, `traits.*`,
 * `interests.0`) are pattern properties; anything else is flagged as the checks flag it.
 */
import { elementOf } from '../shared/config/attribute-paths.js';
import { OPERATOR_INFO, type OperandKind } from '../shared/config/operand-kinds.js';
import { ATTRIBUTES, type AttributeDescriptor } from '../shared/schema/attribute-descriptors.js';

type JsonSchema = Record<string, unknown>;

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
const LENGTH: AttributeDescriptor = { path: 'length', type: 'number', description: 'a length', min: 0, integer: true };

/** `$defs` entries: `condition`, and the operator objects it refers to. */
export function conditionDefs(): Record<string, JsonSchema> {
  const defs: Record<string, JsonSchema> = {};
  const properties: Record<string, JsonSchema> = {
    $and: { description: 'all of these conditions hold', type: 'array', minItems: 1, items: ref('condition') },
    $or: { description: 'at least one of these conditions holds', type: 'array', minItems: 1, items: ref('condition') },
    $nor: { description: 'none of these conditions holds', type: 'array', minItems: 1, items: ref('condition') },
    $not: { description: 'this condition does not hold', ...ref('condition') },
  };
  const patternProperties: Record<string, JsonSchema> = {};
  for (const attribute of ATTRIBUTES) {
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
  for (const [operator, { kind, description }] of Object.entries(OPERATOR_INFO)) {
    const operand = operandSchema(kind, attribute, name, defs);
    if (operand) properties[operator] = { description, ...operand };
  }
  defs[name] = { type: 'object', minProperties: 1, properties, additionalProperties: false };
  return name;
}

/** What `operator` takes on `attribute`, or null when it does not apply to the type. */
function operandSchema(kind: OperandKind, attribute: AttributeDescriptor, self: string, defs: Record<string, JsonSchema>): JsonSchema | null {
  const list = attribute.type === 'string[]';
  const text = attribute.type === 'string' || list;
  switch (kind) {
    case 'value':
      return literal(attribute, defs);
    case 'values':
      return { type: 'array', items: literal(attribute, defs) };
    case 'bound':
      return attribute.type === 'number' ? { type: 'number' } : text ? { type: 'string' } : null;
    case 'pattern':
      return text ? { type: 'string' } : null;
    case 'options':
      return text ? { type: 'string', pattern: '^[ims]*$' } : null;
    case 'size':
      return list ? { anyOf: [{ type: 'integer', minimum: 0 }, ref(operatorsDef(LENGTH, defs))] } : null;
    case 'elements':
      return list ? ref(operatorsDef(elementOf(attribute), defs)) : null;
    case 'all':
      return list ? { type: 'array', minItems: 1, items: literal(elementOf(attribute), defs) } : null;
    case 'not':
      return text ? { anyOf: [ref(self), { type: 'string' }] } : ref(self);
    case 'flag':
      return { type: 'boolean' };
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
