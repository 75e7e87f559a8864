/**
 * Dotted attribute paths (`categories.thrillers.views`), split once at compile time and
 * read by one small static function (so the engine can inline it into each rule).
 *
 * MongoDB semantics: a numeric segment indexes an array; any other segment that meets an
 * array maps over its object elements (`traits.items.price` → every item's price), so a
 * condition on it matches when any collected value does.
 *
 * Only own properties are read: prototype names (`__proto__`, `constructor`, `prototype`)
 * are never followed, and a key that `Object.prototype` carries (`toString`, `valueOf` …)
 * is checked with `Object.hasOwn`. Other keys are read directly: on JSON data a plain
 * object can only inherit what `Object.prototype` has, and skipping `hasOwn` on every
 * step is a large part of the evaluation budget.
 */
import { attributeNameId, readAttribute } from './attribute-names.js';

export interface AttributePath {
  keys: readonly string[];
  /** Per key: is it an array index (`products.viewed.0`)? */
  indexes: readonly boolean[];
  /** Per key: does `Object.prototype` carry it, so it must be an own property to count? */
  inherited: readonly boolean[];
  /** Per key: its `attributeNameId`, for a fast read. */
  ids: readonly number[];
  /** The path names a prototype key, so it reads nothing, ever. */
  blocked: boolean;
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** Why a path cannot be compiled, or null when it is fine. */
export function pathProblem(path: string): string | null {
  if (path === '') return 'an attribute path may not be empty';
  if (path.split('.').includes('')) return `attribute path "${path}" has an empty segment`;
  return null;
}

/** Reads the value itself: for tests of a value that `$elemMatch` or `$size` hands over. */
export const SELF: AttributePath = { keys: [], indexes: [], inherited: [], ids: [], blocked: false };

export function compilePath(path: string): AttributePath {
  const keys = path.split('.');
  return {
    keys,
    indexes: keys.map((key) => ARRAY_INDEX.test(key)),
    inherited: keys.map((key) => key in Object.prototype),
    ids: keys.map(attributeNameId),
    blocked: keys.some((key) => PROTOTYPE_KEYS.has(key)),
  };
}

/** The value at `path` (from its key number `from` on), or undefined when missing. */
export function readPath(root: unknown, path: AttributePath, from = 0): unknown {
  const keys = path.keys;
  let current = root;
  for (let i = from; i < keys.length; i++) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (Array.isArray(current)) return readThroughArray(current, path, i);
    const id = path.ids[i];
    if (id >= 0) current = readAttribute(current as Record<string, unknown>, id, keys[i]);
    else if (path.inherited[i] && !Object.hasOwn(current, keys[i])) return undefined;
    else current = (current as Record<string, unknown>)[keys[i]];
  }
  return current;
}

function readThroughArray(array: unknown[], path: AttributePath, at: number): unknown {
  if (path.indexes[at]) return readPath(array[Number(path.keys[at])], path, at + 1);
  const found: unknown[] = [];
  for (const element of array) {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) continue;
    const value = readPath(element, path, at);
    if (Array.isArray(value)) found.push(...value);
    else if (value !== undefined) found.push(value);
  }
  return found.length > 0 ? found : undefined;
}
