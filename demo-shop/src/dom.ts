/** Tiny DOM helpers for the shop's pages. */

/**
 * Roots are typed `Document | Element`, not `ParentNode`, and children are added with
 * `appendChild`/`replaceChildren`: the project's Workers types merge a second `Element`
 * (HTMLRewriter's) into the DOM one, and its `append`/`before` shadow the DOM's.
 */
export type Root = Document | Element;

/** `T` is unconstrained because the merged `Element` no longer fits every DOM subtype (`<select>`). */
export function $<T = HTMLElement>(selector: string, root: Root = document): T {
  const el = root.querySelector(selector) as T | null;
  if (!el) throw new Error(`missing element ${selector}`);
  return el;
}

export function setText(selector: string, text: string, root: Root = document): void {
  $(selector, root).textContent = text;
}

export function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}
