/**
 * Resolves a dotted path a marketer wrote (`rfm.segment`, `categories.thrillers.views`,
 * `interests.0`, `traits.tier`) to its attribute descriptor, or explains why no attribute
 * has it and names the closest one that does.
 */
import { ATTRIBUTES, type AttributeDescriptor, type ValuesFrom } from '../schema/attribute-descriptors.js';
import { closest, editDistance, typoBudget } from './suggest.js';

export interface Named {
  from: ValuesFrom;
  name: string;
}

export type Resolved =
  | {
      ok: true;
      /** The attribute; for a free namespace (`traits.*`) the namespace itself. */
      attribute: AttributeDescriptor;
      /** A name the shop chose on the way (`categories.<name>.…`, `code.<id>`), to check against its set. */
      named?: Named;
    }
  | { ok: false; message: string };

interface Node {
  attribute: AttributeDescriptor;
  children: Map<string, Node>;
  /** The node under `*`: its key is a name the shop chooses. */
  named?: Node;
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

const ROOT: Node = buildTree();

function buildTree(): Node {
  const root: Node = { attribute: { path: '', type: 'object', description: 'the attribute tree' }, children: new Map() };
  const byPath = new Map<string, Node>([['', root]]);
  for (const attribute of ATTRIBUTES) {
    const dot = attribute.path.lastIndexOf('.');
    const parent = byPath.get(dot < 0 ? '' : attribute.path.slice(0, dot))!;
    const key = attribute.path.slice(dot + 1);
    const node: Node = { attribute, children: new Map() };
    if (key === '*') parent.named = node;
    else parent.children.set(key, node);
    byPath.set(attribute.path, node);
  }
  return root;
}

/** The descriptor of one element of a `string[]` attribute (`segments.0`, or in `$elemMatch`). */
export function elementOf(list: AttributeDescriptor): AttributeDescriptor {
  const { values, valuesFrom } = list;
  return { path: `${list.path}.<n>`, type: 'string', description: `an element of ${list.path}`, ...(values && { values }), ...(valuesFrom && { valuesFrom }) };
}

export function resolveAttribute(path: string): Resolved {
  const keys = path.split('.');
  let node = ROOT;
  let named: Named | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const { attribute } = node;
    if (attribute.free) break;
    if (attribute.type === 'string[]' && ARRAY_INDEX.test(key)) {
      if (i === keys.length - 1) return { ok: true, attribute: elementOf(attribute) };
      return { ok: false, message: `"${path}" goes below ${keys.slice(0, i + 1).join('.')}, which is text${suggestion(path, keys)}` };
    }
    const child = node.children.get(key) ?? node.named;
    if (!child) {
      if (node !== ROOT && attribute.type !== 'object')
        return { ok: false, message: `"${path}" goes below ${attribute.path}, which is ${typeName(attribute)}${suggestion(path, keys)}` };
      return { ok: false, message: `unknown attribute "${path}"${suggestion(path, keys)}` };
    }
    if (child === node.named && node.attribute.namesFrom) named = { from: node.attribute.namesFrom, name: key };
    node = child;
  }
  // Named as written (`categories.thrillers.views`), so messages speak of what the marketer typed.
  const attribute = node.attribute.path.includes('*') ? { ...node.attribute, path } : node.attribute;
  return { ok: true, attribute, ...(named && { named }) };
}

/** How a type reads in a message: "a number", "text", … */
export function typeName(attribute: Pick<AttributeDescriptor, 'type'>): string {
  switch (attribute.type) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'string[]':
      return 'a list of text';
    case 'object':
      return 'an object';
    case 'json':
      return 'any JSON';
  }
}

/** The first attribute below an object path, to show what comparing one of its fields looks like. */
export function firstFieldOf(path: string): string | undefined {
  const keys = path.split('.');
  const below = ATTRIBUTES.find((a) => {
    const other = a.path.split('.');
    return other.length > keys.length && a.type !== 'object' && keys.every((key, i) => other[i] === key || other[i] === '*');
  });
  return below?.path
    .split('.')
    .map((key, i) => (i < keys.length ? keys[i] : key === '*' ? '<name>' : key))
    .join('.');
}

/**
 * The known path closest to `keys`: each unknown key replaced by its closest sibling (and
 * keys below a leaf dropped); or a known path with another number of keys that is nearer
 * to the whole text (`context.utm_source` → `context.utm.source`), as a dot typed as
 * something else is a typo too.
 */
function suggestion(path: string, keys: string[]): string {
  const repaired = repair(keys);
  let best = repaired;
  let bestDistance = repaired === undefined ? Infinity : editDistance(path, repaired);
  for (const attribute of ATTRIBUTES) {
    const parts = attribute.path.split('.');
    if (repaired !== undefined && parts.length === keys.length) continue;
    const candidate = parts.map((key, i) => (key === '*' ? keys[i] ?? 'name' : key)).join('.');
    const distance = editDistance(path.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance && distance <= typoBudget(path.length)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined || best === path ? '' : `; did you mean "${best}"?`;
}

function repair(keys: string[]): string | undefined {
  const out: string[] = [];
  let node = ROOT;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (node.attribute.free) return [...out, ...keys.slice(i)].join('.');
    if (node.attribute.type === 'string[]' && ARRAY_INDEX.test(key)) return [...out, key].join('.');
    let child = node.children.get(key) ?? node.named;
    let name = key;
    if (!child) {
      const found = closest(key, node.children.keys());
      if (found === undefined) return out.length > 0 && node.children.size === 0 && !node.named ? out.join('.') : undefined;
      child = node.children.get(found)!;
      name = found;
    }
    out.push(name);
    node = child;
  }
  return out.join('.');
}
