/** Tiny DOM helpers for the shop's pages. */

export function $<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`missing element ${selector}`);
  return el;
}

export function setText(selector: string, text: string, root: ParentNode = document): void {
  $(selector, root).textContent = text;
}

export function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}
