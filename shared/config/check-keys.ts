/**
 * Keys the config schema does not know. The schema drops them silently (a config written
 * for a newer version still loads), so a misspelt `"persona"` or `"expirements"` would
 * simply vanish: each one is a warning, with the closest known key.
 */
import { z } from 'zod';
import { isPlainObject } from '../rules/values.js';
import type { CheckSink } from './check-conditions.js';
import type { Path } from './compile.js';
import { didYouMean } from './suggest.js';

export function checkKeys(schema: z.ZodType, raw: unknown, at: Path, sink: CheckSink): void {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    if (!isPlainObject(raw)) return;
    const shape = inner.shape as Record<string, z.ZodType>;
    // A catch-all (content's extra fields) accepts any key: nothing to warn about.
    const open = inner.def.catchall !== undefined && !(inner.def.catchall instanceof z.ZodNever);
    for (const [key, value] of Object.entries(raw)) {
      if (Object.hasOwn(shape, key)) checkKeys(shape[key], value, [...at, key], sink);
      else if (!open) sink.warn([...at, key], `unknown key "${key}" is ignored${didYouMean(key, Object.keys(shape))}`);
    }
  } else if (inner instanceof z.ZodArray) {
    if (Array.isArray(raw)) raw.forEach((item, i) => checkKeys(inner.element as z.ZodType, item, [...at, i], sink));
  } else if (inner instanceof z.ZodRecord) {
    if (isPlainObject(raw)) for (const [key, value] of Object.entries(raw)) checkKeys(inner.valueType as z.ZodType, value, [...at, key], sink);
  } else if (inner instanceof z.ZodUnion) {
    // The object member of a union (a hypothesis as text or as its four parts).
    const object = (inner.options as z.ZodType[]).find((option) => unwrap(option) instanceof z.ZodObject);
    if (object && isPlainObject(raw)) checkKeys(object, raw, at, sink);
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault)
    inner = inner.def.innerType as z.ZodType;
  return inner;
}
