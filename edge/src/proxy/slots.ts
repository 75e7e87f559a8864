import type { DecideResponse, SlotDecision } from '../../../shared/schema/decide.js';
import { own } from '../../../shared/own.js';
import { escapeAttr } from './escape.js';
import { FIELD, fill, ITEM, SLOT, VARIANT, type FieldTarget } from './fields.js';
import { compileTemplate, renderItems, TemplateCapture, VOID, type CompiledTemplate } from './template.js';

/** What a view knows before the page streams (view-plan.ts says why it matters); absent parts are found out and reported. */
export interface View {
  /** The types of element slots are looked for on. Absent: every element. */
  slotTags?: readonly string[];
  /** The page's item templates by slot. Absent: read as they stream. */
  templates?: ReadonlyMap<string, CompiledTemplate>;
  /** Called at the end of the page with what it found out. */
  learned?: (found: Learned) => void;
}

export interface Learned {
  /** When slots were looked for everywhere: the types of element they were on. */
  slotTags?: ReadonlySet<string>;
  /** When templates were read (items were to be rendered and none were given): each slot's first one. */
  templates?: Map<string, CompiledTemplate>;
  /** A slot with items had no template among the ones given: they are out of date. */
  stale: boolean;
}

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
 * Looking for slots and reading templates is most of the rewrite's cost, so a `View` may
 * say where to look and what is already known (view-plan.ts says how the proxy decides).
 */
export function renderSlots(rewriter: HTMLRewriter, decision: DecideResponse, { slotTags, templates, learned }: View = {}): HTMLRewriter {
  const frames: Frame[] = [];
  let templateDepth = 0;
  let itemDepth = 0;
  let capture: TemplateCapture | null = null;
  /** Templates are read only when items are to be rendered and none are given. */
  const reading = templates === undefined && Object.values(decision.slots).some((slot) => slot.items);
  const read = new Map<string, CompiledTemplate>();
  const foundTags = slotTags || !learned ? null : new Set<string>();
  let stale = false;

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
    foundTags?.add(el.tagName);
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
      const template = mine ? compileTemplate(mine.proto()) : templates?.get(frame.name);
      if (mine) {
        capture = null;
        read.set(frame.name, template!);
      }
      if (!items) return;
      // No template to render from: its items come from the script this time.
      if (template === undefined) return void (stale ||= templates !== undefined);
      end.after(renderItems(template, items), { html: true });
    });
  };

  // One selector list, one handler: each call into a handler costs far more than a match
  // (bench/proxy.ts measures both), so the marks are matched together, told apart here,
  // and nothing outside slots is ever called for. A slot asked for by type (`section[…]`)
  // spares the parser the attributes of every element of another type.
  const slots = slotTags ? slotTags.map((tag) => `${tag}[${SLOT}]`) : [`[${SLOT}]`];
  const inSlots = (selector: string) => slots.map((slot) => `${slot} ${selector}`).join(',');
  if (slots.length) {
    const marks = [...slots, inSlots(`[${ITEM}]`), inSlots(`[${FIELD}]`), ...(reading ? [inSlots('template *')] : [])].join(',');
    rewriter = rewriter
      // A slot's templates hold what the SDK clones, never slot content (their content is
      // not in the DOM). Templates elsewhere are none of the proxy's business.
      .on(inSlots('template'), reading ? { element: openTemplate, text: (chunk) => capture?.text(chunk) } : { element: openTemplate })
      .on(marks, {
        element(el) {
          if (templateDepth) return void capture?.element(el);
          if (el.hasAttribute(SLOT)) return openSlot(el);
          if (!frames.length) return;
          if (el.hasAttribute(ITEM)) openItem(el);
          if (el.hasAttribute(FIELD) && !itemDepth) fillField(el, frames);
        },
      });
  }
  if (!learned) return rewriter;
  return rewriter.onDocument({
    end: () => learned({ slotTags: foundTags ?? undefined, templates: reading ? read : undefined, stale }),
  });
}
