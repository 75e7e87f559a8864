import type { RecommendedItem } from '../../../shared/schema/decide.js';
import { escapeAttr, escapeText } from './escape.js';
import { FIELD, fill, ITEM, itemFields, type FieldTarget } from './fields.js';

/** An element of a slot's `<template>`, as it streamed past: attribute values and text kept as the origin wrote them (HTML). */
export interface Node {
  tag: string;
  attrs: Map<string, string>;
  children: (Node | string)[];
}

/** Elements with no end tag (HTML's void elements): asking for theirs is an error. */
export const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Records a recommendation slot's `<template>` while it streams through, so each item can
 * be rendered from it the way the SDK clones `template.content.firstElementChild`. The
 * rewriter shows elements and text in document order; end tags close what they opened.
 */
export class TemplateCapture {
  private readonly root: Node = { tag: '', attrs: new Map(), children: [] };
  private readonly open: Node[] = [this.root];

  element(el: Element): void {
    // Raw values from a single-quoted attribute may hold `"`; as HTML they are still text.
    // The DOM lib's `Element.attributes` shadows the rewriter's type: it is a [name, value] iterator here.
    const attrs = new Map<string, string>();
    for (const [name, value] of el.attributes as unknown as Iterable<[string, string]>) attrs.set(name, value.replace(/"/g, '&quot;'));
    const node: Node = { tag: el.tagName, attrs, children: [] };
    this.open[this.open.length - 1].children.push(node);
    if (VOID.has(node.tag)) return;
    this.open.push(node);
    el.onEndTag(() => {
      const at = this.open.lastIndexOf(node);
      if (at > 0) this.open.length = at;
    });
  }

  text(chunk: Text): void {
    if (chunk.text) this.open[this.open.length - 1].children.push(chunk.text);
  }

  /** The template's first element, the one the SDK clones per item (null when it holds none). */
  proto(): Node | null {
    return this.root.children.find((c): c is Node => typeof c !== 'string') ?? null;
  }
}

type Fields = Record<string, unknown>;
type Part = string | ((fields: Fields, itemId: string) => string);

/**
 * A slot's template made ready for its items: the HTML no field can change is written
 * once, up front, and only the elements that take a field (and the clone's root, which
 * takes the item id) are written per item. Every repeat view renders from this.
 */
export type CompiledTemplate = readonly Part[];

export function compileTemplate(proto: Node | null): CompiledTemplate {
  return proto ? merge(compileNode(proto, true)) : [];
}

/** One rendered clone of the template per item, as HTML. */
export function renderItems(template: CompiledTemplate, items: readonly RecommendedItem[]): string {
  let html = '';
  for (const item of items) html += renderParts(template, itemFields(item), item.id);
  return html;
}

function renderParts(parts: readonly Part[], fields: Fields, itemId: string): string {
  let html = '';
  for (const part of parts) html += typeof part === 'string' ? part : part(fields, itemId);
  return html;
}

const openTag = (tag: string, attrs: Iterable<[string, string]>) => {
  let html = `<${tag}`;
  for (const [name, value] of attrs) html += ` ${name}="${value}"`;
  return `${html}>`;
};

/** Adjacent strings joined, so a render appends as few pieces as it can. */
function merge(parts: Part[]): Part[] {
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged.length - 1;
    if (typeof part === 'string' && typeof merged[last] === 'string') merged[last] += part;
    else merged.push(part);
  }
  return merged;
}

/**
 * The node's parts. A plain element is fixed HTML around its children's parts; the root
 * and an element naming a field become one part that fills it by the shared rule (its
 * attributes may change, and a value replaces its content with text).
 */
function compileNode(node: Node, root: boolean): Part[] {
  const inner = node.children.flatMap((c) => (typeof c === 'string' ? [c] : compileNode(c, false)));
  const close = VOID.has(node.tag) ? '' : `</${node.tag}>`;
  const name = node.attrs.get(FIELD);
  if (!root && name === undefined) return [openTag(node.tag, node.attrs), ...inner, close];
  const children = merge(inner);
  return [
    (fields, itemId) => {
      const attrs = new Map(node.attrs);
      let text: string | undefined;
      const target: FieldTarget = {
        tagName: node.tag,
        setAttribute: (attr, value) => attrs.set(attr, escapeAttr(value)),
        setText: (value) => (text = escapeText(value)),
      };
      if (root) attrs.set(ITEM, escapeAttr(itemId));
      if (name !== undefined && Object.hasOwn(fields, name)) fill(target, fields[name]);
      const open = openTag(node.tag, attrs);
      return close ? open + (text ?? renderParts(children, fields, itemId)) + close : open;
    },
  ];
}
