import type { RecommendedItem, SlotDecision } from '../../shared/schema/decide.js';
import { isSafeUrl } from '../../shared/url.js';

const SLOT = 'data-vitrine-slot';
const FIELD = 'data-vitrine-field';
const ITEM = 'data-vitrine-item';

export const slotElements = (root: ParentNode) => Array.from(root.querySelectorAll<HTMLElement>(`[${SLOT}]`));

/** The distinct slot names marked on the page. */
export const slotNames = (root: ParentNode) => [...new Set(slotElements(root).map((el) => el.getAttribute(SLOT)!))];

/**
 * Puts one value into one element. Text only ever goes in by `textContent`; `src` and
 * `href` only take http(s) or relative URLs, so content can never run script.
 */
function fill(el: Element, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object') {
    el.textContent = String(value);
    return;
  }
  const v = value as { src?: string; alt?: string; href?: string; label?: string };
  // An <img> takes only an image's src, an <a> only a link's href: a link never loads as an image.
  const attr = el.tagName === 'IMG' ? 'src' : el.tagName === 'A' ? 'href' : '';
  const url = attr === 'src' ? v.src : attr === 'href' ? v.href : undefined;
  if (url !== undefined && isSafeUrl(url)) el.setAttribute(attr, url);
  if (v.alt !== undefined && attr === 'src') el.setAttribute('alt', v.alt);
  if (v.label !== undefined) el.textContent = v.label;
}

/** Fills `root` and the marked elements under it; slot content skips rendered item clones. */
function fillFields(root: Element, values: Record<string, unknown>, inItem: boolean): void {
  for (const el of [root, ...Array.from(root.querySelectorAll(`[${FIELD}]`))]) {
    const name = el.getAttribute(FIELD);
    if (name === null || !Object.hasOwn(values, name) || (!inItem && el.closest(`[${ITEM}]`))) continue;
    fill(el, values[name]);
  }
}

/** An item's fields as the template names them: text, plus `image` (src, alt) and `url` (href only, so a link keeps the fields inside it). */
const itemFields = (item: RecommendedItem) => ({
  ...item,
  price: item.price.toFixed(2),
  image: item.image === undefined ? undefined : { src: item.image, alt: item.name },
  url: item.url === undefined ? undefined : { href: item.url },
});

/** Replaces earlier item clones with one clone of the slot's `<template>` per item. */
function renderItems(slot: Element, items: RecommendedItem[]): void {
  const template = slot.querySelector('template');
  const proto = template?.content.firstElementChild;
  if (!template || !proto) return;
  slot.querySelectorAll(`[${ITEM}]`).forEach((el) => el.remove());
  for (const item of items) {
    const clone = proto.cloneNode(true) as Element;
    clone.setAttribute(ITEM, item.id);
    fillFields(clone, itemFields(item), true);
    template.parentNode!.insertBefore(clone, template);
  }
}

/**
 * Renders each decided slot into every element marked with its name. Returns the names
 * of the slots that were on the page.
 */
export function renderSlots(root: ParentNode, slots: Record<string, SlotDecision>): string[] {
  const rendered = new Set<string>();
  for (const el of slotElements(root)) {
    const name = el.getAttribute(SLOT)!;
    const decision = slots[name];
    if (!decision) continue;
    if (decision.content) fillFields(el, decision.content, false);
    if (decision.items) renderItems(el, decision.items);
    el.setAttribute('data-vitrine-variant', decision.variant);
    rendered.add(name);
  }
  return [...rendered];
}

/**
 * Anti-flicker: hides only the slot elements, and shows them again on the returned call
 * or after `maxMs`, whichever comes first. The page itself is never hidden.
 */
export function hideSlots(root: ParentNode, maxMs: number): () => void {
  const els = slotElements(root);
  els.forEach((el) => (el.style.visibility = 'hidden'));
  const show = () => els.forEach((el) => (el.style.visibility = ''));
  const timer = setTimeout(show, maxMs);
  return () => {
    clearTimeout(timer);
    show();
  };
}
