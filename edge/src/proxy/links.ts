/** Elements whose URL attribute navigates or loads, by the attribute. */
const LINKS: [string, string][] = [
  ['a', 'href'],
  ['area', 'href'],
  ['link', 'href'],
  ['form', 'action'],
  ['script', 'src'],
  ['img', 'src'],
  ['source', 'src'],
  ['iframe', 'src'],
  ['video', 'src'],
  ['audio', 'src'],
];

/**
 * Path mode only (`/proxy/<site>/…`): the origin's root-relative URLs (`/cart.html`) get the
 * prefix, so following a link stays in the proxied shop. Host mode needs none of this.
 * Protocol-relative (`//cdn…`) and absolute URLs are left alone.
 */
export function prefixLinks(rewriter: HTMLRewriter, prefix: string): HTMLRewriter {
  for (const [tag, attr] of LINKS)
    rewriter.on(`${tag}[${attr}^="/"]`, {
      element(el) {
        const value = el.getAttribute(attr)!;
        if (!value.startsWith('//')) el.setAttribute(attr, prefix + value);
      },
    });
  return rewriter;
}
