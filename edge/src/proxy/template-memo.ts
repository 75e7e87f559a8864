import type { Node } from './template.js';

/**
 * The item templates of a page's slots, remembered per isolate for a minute. Reading a
 * template as it streams costs a handler call per element, end tag and piece of text in
 * it (most of the rewrite's cost, bench/proxy.ts); repeat views of a page within the
 * minute render items from the remembered copy and skip that. A template the origin
 * changed shows from the next capture on, within the minute; the SDK renders the live one.
 */
interface Page {
  /** Slot → its first template's prototype (null: the template holds no element). */
  slots: Map<string, Node | null>;
  at: number;
}

export const TEMPLATE_TTL_MS = 60_000;
const MAX_PAGES = 500;
/** Keyed by site and origin path (request data), hence a Map with a size cap. */
const pages = new Map<string, Page>();

/** What a page's slot templates were, when read within the TTL. */
export function rememberedTemplates(page: string, now = Date.now()): ReadonlyMap<string, Node | null> | null {
  const hit = pages.get(page);
  return hit && now - hit.at < TEMPLATE_TTL_MS ? hit.slots : null;
}

export function rememberTemplates(page: string, slots: Map<string, Node | null>, now = Date.now()): void {
  if (pages.size >= MAX_PAGES) pages.clear();
  pages.set(page, { slots, at: now });
}

/** A page whose templates were not what was remembered is read again next time. */
export function forgetTemplates(page: string): void {
  pages.delete(page);
}
