import type { DecideResponse, SlotDecision } from '../../../shared/schema/decide.js';
import { own } from '../../../shared/own.js';
import { escapeAttr } from './escape.js';
import { FIELD, fill, ITEM, SLOT, VARIANT, type FieldTarget } from './fields.js';
import { forgetTemplates, rememberedTemplates, rememberTemplates } from './template-memo.js';
import { renderItems, TemplateCapture, VOID, type Node } from './template.js';

interface Frame {
  name: string;
  decision: SlotDecision | null;
  templateSeen: boolean;
}

/** A streamed element as a field target. The rewriter escapes only `"` in attribute values, so `&` is escaped here. */
const streamed = (el: Element): FieldTarget => ({
  tagName: el.tagName,
  setAttribute: (name, value) => el.setAttribute(name, escapeAttr(value)),
  setText: (text) => el.setInnerContent(text, { html: false }),
});

/**
 * Renders a decision into each `[data-vitrine-slot]` as the page streams, by the SDK's rules
 * (sdk/src/render.ts): fields of the slot get its content (never inside a `<template>` or
 * an earlier item), a recommendation slot gets one clone of its template per item, and
 * the slot gets `data-vitrine-variant`. The rewriter sees each element once, in order, so
 * open slots, templates and items are tracked on stacks closed by their end tags.
 *
 * One difference the stream forces: clones go right after the `<template>` (its content
 * has streamed past by then), where the SDK puts them right before it; the template is
 * never shown, so the page looks the same.
 *
 * `page` names the page for the template memo (site and origin path): a page whose slot
 * templates were read within the last minute is rendered from them without reading them.
 */
export function renderSlots(rewriter: HTMLRewriter, decision: DecideResponse, page?: string): HTMLRewriter {
  const frames: Frame[] = [];
  let templateDepth = 0;
  let itemDepth = 0;
  let capture: TemplateCapture | null = null;
  const anyItems = Object.values(decision.slots).some((slot) => slot.items);
  const remembered = anyItems && page ? rememberedTemplates(page) : null;
  /** Templates are read only when items are to be rendered and this page's are not remembered. */
  const reading = anyItems && !remembered;
  const read = new Map<string, Node | null>();

  /** What a field named `name` shows: the innermost open slot whose content names it wins, as in the SDK's document-order fills. */
  const valueFor = (name: string, stack: Frame[]) => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const content = stack[i].decision?.content;
      if (content && Object.hasOwn(content, name)) return { value: (content as Record<string, unknown>)[name] };
    }
    return null;
  };
  const fillField = (el: Element, stack: Frame[]) => {
    const found = valueFor(el.getAttribute(FIELD)!, stack);
    if (found) fill(streamed(el), found.value);
  };
  const closeOn = (el: Element, close: () => void) => {
    if (!VOID.has(el.tagName)) el.onEndTag(close);
    else close();
  };

  const openSlot = (el: Element) => {
    const name = el.getAttribute(SLOT)!;
    const frame: Frame = { name, decision: own(decision.slots, name) ?? null, templateSeen: false };
    if (el.hasAttribute(FIELD) && !itemDepth) fillField(el, [...frames, frame]);
    if (frame.decision) el.setAttribute(VARIANT, escapeAttr(frame.decision.variant));
    frames.push(frame);
    closeOn(el, () => void frames.splice(frames.lastIndexOf(frame), 1));
  };
  const openItem = (el: Element) => {
    // The SDK replaces earlier items with the decision's; they never show here.
    if (frames[frames.length - 1].decision?.items) el.remove();
    itemDepth++;
    closeOn(el, () => itemDepth--);
  };

  /** The first template of a slot: read it (or take the remembered one) and put the items after it. */
  const openTemplate = (el: Element) => {
    const frame = frames[frames.length - 1];
    const first = templateDepth++ === 0 && frame && !frame.templateSeen;
    if (first) frame.templateSeen = true;
    const items = first ? frame.decision?.items : undefined;
    let mine: TemplateCapture | null = null;
    if (first && reading) mine = capture = new TemplateCapture();
    el.onEndTag((end) => {
      templateDepth--;
      if (!first) return;
      if (mine) {
        capture = null;
        read.set(frame.name, mine.proto());
      }
      if (!items) return;
      const proto = mine ? mine.proto() : remembered?.get(frame.name);
      // A slot the memo does not know: this page changed; its items come from the SDK this time.
      if (proto === undefined) return void (page && forgetTemplates(page));
      end.after(renderItems(proto, items), { html: true });
    });
  };

  // One selector list, one handler: an attribute selector without a tag name makes the
  // parser read every element's attributes, and each call into a handler costs far more
  // than a match (bench/proxy.ts measures both), so the marks are matched together, told
  // apart here, and nothing outside slots is ever called for.
  const marks = [`[${SLOT}]`, `[${SLOT}] [${ITEM}]`, `[${SLOT}] [${FIELD}]`, ...(reading ? [`[${SLOT}] template *`] : [])].join(',');
  rewriter = rewriter
    // A slot's templates hold what the SDK clones, never slot content (their content is
    // not in the DOM). Templates elsewhere are none of the proxy's business.
    .on(`[${SLOT}] template`, reading ? { element: openTemplate, text: (chunk) => capture?.text(chunk) } : { element: openTemplate })
    .on(marks, {
      element(el) {
        if (templateDepth) return void capture?.element(el);
        if (el.hasAttribute(SLOT)) return openSlot(el);
        if (!frames.length) return;
        if (el.hasAttribute(ITEM)) openItem(el);
        if (el.hasAttribute(FIELD) && !itemDepth) fillField(el, frames);
      },
    });
  return reading && page ? rewriter.onDocument({ end: () => rememberTemplates(page, read) }) : rewriter;
}
