import type { DecideResponse, SlotDecision } from '../../../shared/schema/decide.js';
import { own } from '../../../shared/own.js';
import { escapeAttr } from './escape.js';
import { FIELD, fill, ITEM, SLOT, VARIANT, type FieldTarget } from './fields.js';
import { TemplateCapture, VOID } from './template.js';

interface Frame {
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
 */
export function renderSlots(rewriter: HTMLRewriter, decision: DecideResponse): HTMLRewriter {
  const frames: Frame[] = [];
  let templateDepth = 0;
  let itemDepth = 0;
  let capture: TemplateCapture | null = null;

  /** What a field named `name` shows: the innermost open slot whose content names it wins, as in the SDK's document-order fills. */
  const valueFor = (name: string, own: Frame[]) => {
    for (let i = own.length - 1; i >= 0; i--) {
      const content = own[i].decision?.content;
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
    const frame: Frame = { decision: own(decision.slots, el.getAttribute(SLOT)!) ?? null, templateSeen: false };
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

  return (
    rewriter
      // A slot's templates hold what the SDK clones, never slot content (their content is
      // not in the DOM). Templates elsewhere are none of the proxy's business.
      .on(`[${SLOT}] template`, {
        element(el) {
          const frame = frames[frames.length - 1];
          const outermost = templateDepth++ === 0;
          let mine: TemplateCapture | null = null;
          if (outermost && frame && !frame.templateSeen) {
            frame.templateSeen = true;
            if (frame.decision?.items) mine = capture = new TemplateCapture();
          }
          const items = frame?.decision?.items;
          el.onEndTag((end) => {
            templateDepth--;
            if (!mine || !items) return;
            capture = null;
            end.after(mine.render(items), { html: true });
          });
        },
        text(chunk) {
          capture?.text(chunk);
        },
      })
      // One selector list, one handler: an attribute selector without a tag name makes the
      // parser read every element's attributes, and each call into a handler costs far
      // more than a match (bench/proxy.ts measures both), so the marks are matched
      // together, told apart here, and nothing outside slots is ever called for.
      .on(`[${SLOT}],[${SLOT}] [${ITEM}],[${SLOT}] [${FIELD}],[${SLOT}] template *`, {
        element(el) {
          if (templateDepth) return void capture?.element(el);
          if (el.hasAttribute(SLOT)) return openSlot(el);
          if (!frames.length) return;
          if (el.hasAttribute(ITEM)) openItem(el);
          if (el.hasAttribute(FIELD) && !itemDepth) fillField(el, frames);
        },
      })
  );
}
