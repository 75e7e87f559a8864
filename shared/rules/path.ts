/**
 * Dotted attribute paths (`categories.thrillers.views`), split once at compile time.
 *
 * MongoDB semantics: a numeric segment indexes an array; any other segment that meets an
 * array maps over its object elements (`traits.items.price` → every item's price), so a
 * condition on it matches when any collected value does. Only own properties are read,
 * and prototype names are never followed, so a rule cannot reach `Object.prototype`.
 */

export type Getter = (attrs: unknown) => unknown;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

const missing: Getter = () => undefined;

/** Why a path cannot be compiled, or null when it is fine. */
export function pathProblem(path: string): string | null {
  if (path === '') return 'an attribute path may not be empty';
  if (path.split('.').includes('')) return `attribute path "${path}" has an empty segment`;
  return null;
}

export function compilePath(path: string): Getter {
  const keys = path.split('.');
  if (keys.some((key) => PROTOTYPE_KEYS.has(key))) return missing;
  const indexes = keys.map((key) => ARRAY_INDEX.test(key));
  if (keys.length === 1) {
    const [key] = keys;
    return (attrs) => (isRecord(attrs) && Object.hasOwn(attrs, key) ? attrs[key] : descend(attrs, keys, indexes, 0));
  }
  if (keys.length === 2) {
    // The common shape (`rfm.segment`, `cart.value`) without the loop.
    const [first, second] = keys;
    return (attrs) => {
      if (!isRecord(attrs) || !Object.hasOwn(attrs, first)) return descend(attrs, keys, indexes, 0);
      const parent = attrs[first];
      return isRecord(parent) && Object.hasOwn(parent, second) ? parent[second] : descend(parent, keys, indexes, 1);
    };
  }
  return (attrs) => descend(attrs, keys, indexes, 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function descend(value: unknown, keys: string[], indexes: boolean[], from: number): unknown {
  let current = value;
  for (let i = from; i < keys.length; i++) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (Array.isArray(current)) {
      if (indexes[i]) current = current[Number(keys[i])];
      else return collect(current, keys, indexes, i);
    } else {
      current = Object.hasOwn(current, keys[i]) ? (current as Record<string, unknown>)[keys[i]] : undefined;
    }
  }
  return current;
}

/** The rest of the path read from each object element; undefined when none has it. */
function collect(elements: unknown[], keys: string[], indexes: boolean[], from: number): unknown[] | undefined {
  const found: unknown[] = [];
  for (const element of elements) {
    if (!isRecord(element)) continue;
    const value = descend(element, keys, indexes, from);
    if (Array.isArray(value)) found.push(...value);
    else if (value !== undefined) found.push(value);
  }
  return found.length > 0 ? found : undefined;
}
