import type { RecommendedItem } from '../../../shared/schema/decide.js';
import { isSafeUrl } from '../../../shared/url.js';

/** An element a field value goes into: a streamed element, or one of a template's clones. */
export interface FieldTarget {
  /** Lower case. */
  readonly tagName: string;
  setAttribute(name: string, value: string): void;
  /** Replaces the content with `text`, inserted as text (escaped exactly once). */
  setText(text: string): void;
}

/**
 * URLs already checked in this isolate. The same catalog images and links go into page
 * after page, and parsing one (`new URL`) costs more than the rest of filling it; the
 * answer for a string never changes. Request data, hence a Map with a size cap.
 */
const checkedUrls = new Map<string, boolean>();
function safeUrl(url: string): boolean {
  let safe = checkedUrls.get(url);
  if (safe === undefined) {
    if (checkedUrls.size >= 2_000) checkedUrls.clear();
    checkedUrls.set(url, (safe = isSafeUrl(url)));
  }
  return safe;
}

/**
 * Puts one value into one element, by the SDK's rule (sdk/src/render.ts `fill`), so a page
 * reads the same whether the proxy or the script rendered it: a scalar becomes the text;
 * `{src, alt}` goes to an `<img>`, `{href}` to an `<a>`, only as an http(s) or relative URL;
 * `label` becomes the text.
 */
export function fill(el: FieldTarget, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object') return el.setText(String(value));
  const v = value as { src?: string; alt?: string; href?: string; label?: string };
  const url = v.src ?? v.href;
  const attr = el.tagName === 'img' ? 'src' : el.tagName === 'a' ? 'href' : '';
  if (attr && url !== undefined && safeUrl(url)) el.setAttribute(attr, url);
  if (v.alt !== undefined && attr === 'src') el.setAttribute('alt', v.alt);
  if (v.label !== undefined) el.setText(v.label);
}

/** An item's fields as a template names them, as the SDK gives them: text, `image` (src, alt) and `url` (href only). */
export const itemFields = (item: RecommendedItem): Record<string, unknown> => ({
  ...item,
  price: item.price.toFixed(2),
  image: item.image === undefined ? undefined : { src: item.image, alt: item.name },
  url: item.url === undefined ? undefined : { href: item.url },
});

export const SLOT = 'data-vitrine-slot';
export const FIELD = 'data-vitrine-field';
export const ITEM = 'data-vitrine-item';
export const VARIANT = 'data-vitrine-variant';
