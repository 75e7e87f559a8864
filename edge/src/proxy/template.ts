import type { RecommendedItem } from '../../../shared/schema/decide.js';
import { escapeAttr, escapeText } from './escape.js';
import { FIELD, fill, ITEM, itemFields, type FieldTarget } from './fields.js';

/** An element of a slot's `<template>`, as it streamed past: attribute values and text kept as the origin wrote them (HTML). */
interface Node {
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
    const pairs = el.attributes as unknown as Iterable<[string, string]>;
    const attrs = new Map([...pairs].map(([name, value]) => [name, value.replace(/"/g, '&quot;')]));
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

  /** One rendered clone per item, as HTML; empty when the template holds no element. */
  render(items: readonly RecommendedItem[]): string {
    const proto = this.root.children.find((c): c is Node => typeof c !== 'string');
    return proto ? items.map((item) => serialize(proto, itemFields(item), item.id)).join('') : '';
  }
}

/** The node as HTML with the item's fields filled in by the shared rule; the clone's root carries the item id. */
function serialize(node: Node, fields: Record<string, unknown>, itemId?: string): string {
  const attrs = new Map(node.attrs);
  let text: string | undefined;
  const target: FieldTarget = {
    tagName: node.tag,
    setAttribute: (name, value) => attrs.set(name, escapeAttr(value)),
    setText: (value) => (text = escapeText(value)),
  };
  if (itemId !== undefined) attrs.set(ITEM, escapeAttr(itemId));
  const name = node.attrs.get(FIELD);
  if (name !== undefined && Object.hasOwn(fields, name)) fill(target, fields[name]);
  const open = `<${node.tag}${[...attrs].map(([n, v]) => ` ${n}="${v}"`).join('')}>`;
  if (VOID.has(node.tag)) return open;
  const inner = text ?? node.children.map((c) => (typeof c === 'string' ? c : serialize(c, fields))).join('');
  return `${open}${inner}</${node.tag}>`;
}
