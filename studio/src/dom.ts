/** Tiny DOM helpers. Every string becomes a text node: config copy and server messages are never parsed as HTML. */
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** `T` is unconstrained: the Workers types merge their own `Element` into the DOM's, which some element types no longer satisfy. */
export function $<T = HTMLElement>(selector: string, root: ParentNode = document): T {
  const el = root.querySelector(selector) as unknown as T | null;
  if (!el) throw new Error(`studio: no ${selector}`);
  return el;
}

/** Replaces an element's children, skipping the nulls that conditional parts leave. */
export function fill(el: { replaceChildren(...nodes: Node[]): void }, ...children: (Node | null | false)[]): void {
  el.replaceChildren(...children.filter((c): c is Node => !!c));
}

export function on<K extends keyof HTMLElementEventMap>(selector: string, event: K, handler: (e: HTMLElementEventMap[K]) => void): void {
  $(selector).addEventListener(event, handler as EventListener);
}

/** "3 min ago", "yesterday 14:05", or a date: how the version list says when. */
export function when(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  const minutes = Math.round((now - t) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
