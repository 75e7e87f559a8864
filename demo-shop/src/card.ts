/**
 * Product cards. Grids and the default items of recommendation slots clone the same card
 * markup the SDK clones for Vitrine's recommendations (sdk/src/render.ts: the fields
 * `image`, `url` (the link's href), `name`, `price` as "12.50", `reason`), so a
 * card looks the same whoever filled it.
 */
import { attr, type Product } from './catalog.js';
import { $, type Root } from './dom.js';

const ITEM = 'data-vitrine-item';

function field<T extends HTMLElement>(card: Root, name: string): T | null {
  return card.querySelector<T>(`[data-vitrine-field="${name}"]`);
}

function metaLine(product: Product): string {
  const byline = String(attr(product, 'author') ?? attr(product, 'colour') ?? '');
  return product.inStock ? byline : `${byline} · sold out`;
}

export function productCard(template: HTMLTemplateElement, product: Product): HTMLElement {
  const card = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
  const link = field<HTMLAnchorElement>(card, 'url');
  if (link) link.href = product.url ?? `/product.html?id=${encodeURIComponent(product.id)}`;
  const name = field(card, 'name');
  if (name) name.textContent = product.name;
  const image = field<HTMLImageElement>(card, 'image');
  if (image) {
    image.src = product.image ?? '/img/favicon.svg';
    image.alt = product.name;
  }
  const price = field(card, 'price');
  if (price) price.textContent = product.price.toFixed(2);
  const meta = card.querySelector('[data-card-meta]');
  if (meta) meta.textContent = metaLine(product);
  return card;
}

export function renderGrid(container: HTMLElement, products: readonly Product[]): void {
  const template = $<HTMLTemplateElement>('template#product-card');
  container.replaceChildren(...products.map((p) => productCard(template, p)));
}

/**
 * Fills a recommendation slot with the shop's own picks, so the page is complete without
 * Vitrine. The cards are marked as items, as the SDK marks its clones, so a later
 * decision replaces them; skipped when the SDK already rendered (its script may run first).
 */
export function fillDefaultItems(slot: HTMLElement, products: readonly Product[]): void {
  const template = $<HTMLTemplateElement>('template', slot);
  if (slot.querySelector(`[${ITEM}]`)) return;
  for (const product of products) {
    const card = productCard(template, product);
    card.setAttribute(ITEM, product.id);
    template.parentNode!.insertBefore(card, template);
  }
}
