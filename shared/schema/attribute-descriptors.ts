/**
 * The attribute tree (attributes.ts) as a flat list, one descriptor per path, in schema
 * order: what the config checks, the JSON Schema's completion, the README table and the
 * rule view's fast reads are made from. Derived once at load from the zod schema, so the
 * schema stays the one place that names attributes.
 */
import { z } from 'zod';
import { AttributesSchema } from './attributes.js';

export type AttributeType = 'string' | 'number' | 'boolean' | 'string[]' | 'object' | 'json';
/** Where a closed set that is not written in the schema comes from: the config, or the catalog. */
export type ValuesFrom = 'segments' | 'categories' | 'codes';

export interface AttributeDescriptor {
  /** Dotted path; a `*` segment stands for a name the shop chooses (`categories.*.views`). */
  path: string;
  type: AttributeType;
  description: string;
  /** The closed set of values (of the elements, for `string[]`). */
  values?: readonly string[];
  valuesFrom?: ValuesFrom;
  /** Bounds and wholeness of a number. */
  min?: number;
  max?: number;
  integer?: boolean;
  /** What every value of a string looks like (`context.country`: two capitals). */
  pattern?: RegExp;
  /** Any path below this one is accepted, untyped (`traits.*`, `customer.*`). */
  free?: boolean;
  /** The keys of this object are names the shop chooses; their attributes sit under `path.*`. */
  namesFrom?: ValuesFrom;
  /** Free namespaces: key names common enough to get a fast read in rules. */
  commonKeys?: readonly string[];
  /** Filled after rules run: placeholders may read it, conditions never see it. */
  copyOnly?: boolean;
}

interface Meta {
  description?: string;
  free?: boolean;
  copyOnly?: boolean;
  valuesFrom?: ValuesFrom;
  namesFrom?: ValuesFrom;
  examples?: unknown[];
}

export const ATTRIBUTES: readonly AttributeDescriptor[] = describeTree(AttributesSchema);

function describeTree(schema: z.ZodObject): AttributeDescriptor[] {
  const out: AttributeDescriptor[] = [];
  for (const [key, child] of Object.entries(schema.shape)) describe(child as z.ZodType, key, out);
  return out;
}

/** Appends the descriptor of `schema` at `path`, then those of its children. */
function describe(schema: z.ZodType, path: string, out: AttributeDescriptor[], inherited = false): void {
  const meta: Meta = {};
  let inner = schema;
  // Wrappers may carry the description (`x.optional().describe(…)`); the outermost one wins.
  for (;;) {
    Object.assign(meta, { ...z.globalRegistry.get(inner), ...meta });
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
    else break;
  }
  const copyOnly = inherited || meta.copyOnly === true;
  if (!meta.description) throw new Error(`attribute ${path} has no description`);
  const base = { path, description: meta.description, ...(copyOnly && { copyOnly }) };

  if (inner instanceof z.ZodObject) {
    out.push({ ...base, type: 'object' });
    for (const [key, child] of Object.entries(inner.shape)) describe(child as z.ZodType, `${path}.${key}`, out, copyOnly);
  } else if (inner instanceof z.ZodRecord && meta.free) {
    out.push({ ...base, type: 'json', free: true, ...(meta.examples && { commonKeys: exampleKeys(meta.examples) }) });
  } else if (inner instanceof z.ZodRecord) {
    out.push({ ...base, type: 'object', ...(meta.namesFrom && { namesFrom: meta.namesFrom }) });
    describe(inner.valueType as z.ZodType, `${path}.*`, out, copyOnly);
  } else if (inner instanceof z.ZodArray && inner.element instanceof z.ZodString) {
    out.push({ ...base, type: 'string[]', ...(meta.valuesFrom && { valuesFrom: meta.valuesFrom }) });
  } else if (inner instanceof z.ZodEnum) {
    out.push({ ...base, type: 'string', values: inner.options as string[] });
  } else if (inner instanceof z.ZodString) {
    const pattern = inner.def.checks?.map((c) => (c._zod.def as { pattern?: RegExp }).pattern).find(Boolean);
    out.push({ ...base, type: 'string', ...(pattern && { pattern }) });
  } else if (inner instanceof z.ZodNumber) {
    const { minValue, maxValue, isInt } = inner;
    out.push({
      ...base,
      type: 'number',
      ...(Number.isFinite(minValue) && { min: minValue! }),
      ...(Number.isFinite(maxValue) && { max: maxValue! }),
      ...(isInt && { integer: true }),
    });
  } else if (inner instanceof z.ZodBoolean) {
    out.push({ ...base, type: 'boolean' });
  } else {
    // A new kind of attribute needs a line here, and in the checks and the JSON Schema.
    throw new Error(`attribute ${path}: no descriptor for zod type "${inner.def.type}"`);
  }
}

/** Every key name in the example values of a free namespace, nested ones too. */
function exampleKeys(examples: unknown[]): string[] {
  const keys = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) {
        keys.add(key);
        visit(child);
      }
  };
  examples.forEach(visit);
  return [...keys];
}
