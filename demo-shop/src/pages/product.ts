import { trackAddToCart, trackViewItem } from '../analytics.js';
import { addToCart } from '../cart.js';
import { fillDefaultItems } from '../card.js';
import { attr, categoryInfo, findProduct, inCategory, sizesOf, type Product } from '../catalog.js';
import { $, param, setText } from '../dom.js';
import { euro } from '../format.js';
import { vitrine } from '../vitrine.js';

export function productPage(): void {
  const product = findProduct(param('id'));
  if (!product) {
    setText('[data-product-name]', 'We could not find that product');
    $('[data-buy]').hidden = true;
    return;
  }
  // Tells Vitrine which product this page shows: "also bought" starts from it and never offers it.
  $('[data-product]').dataset.vitrineProduct = product.id;
  showProduct(product);
  wireBuyForm(product);
  const sameCategory = inCategory(product.category).filter((p) => p.id !== product.id && p.inStock).slice(0, 4);
  fillDefaultItems($('[data-vitrine-slot="also-bought"]'), sameCategory);
  trackViewItem(product);
}

function showProduct(product: Product): void {
  const info = categoryInfo(product.category);
  document.title = `${product.name} · Kaft & Kraag`;
  const crumb = $<HTMLAnchorElement>('[data-product-category]');
  crumb.href = `/category.html?c=${product.category}`;
  crumb.textContent = info?.label ?? product.category;
  const image = $<HTMLImageElement>('[data-product-image]');
  image.src = product.image ?? '/img/favicon.svg';
  image.alt = product.name;
  setText('[data-product-name]', product.name);
  const author = attr(product, 'author');
  setText('[data-product-byline]', author ? `by ${author}` : `${attr(product, 'colour') ?? ''} · ${info?.label ?? ''}`);
  const rating = Number(attr(product, 'rating') ?? 0);
  setText('[data-product-rating]', rating ? `${'★'.repeat(Math.round(rating))}${'☆'.repeat(5 - Math.round(rating))} ${rating.toFixed(1)}` : '');
  const quote = attr(product, 'reviewQuote');
  if (quote) {
    const review = $('[data-product-review]');
    review.hidden = false;
    review.textContent = `“${quote}” — ${attr(product, 'reviewer')}`;
  }
  setText('[data-product-price]', euro(product.price));
  setText('[data-product-stock]', product.inStock ? 'In stock · ships within 1–2 working days' : 'Sold out');
  $('[data-product-stock]').classList.toggle('out', !product.inStock);
  const facts = ['format', 'ages', 'material', 'colour']
    .filter((k) => attr(product, k) !== undefined)
    .map((k) => Object.assign(document.createElement('li'), { textContent: `${k[0].toUpperCase()}${k.slice(1)}: ${attr(product, k)}` }));
  $('[data-product-facts]').replaceChildren(...facts);
}

function wireBuyForm(product: Product): void {
  const form = $<HTMLFormElement>('[data-buy]');
  const button = $<HTMLButtonElement>('[data-add-to-cart]');
  const { all, soldOut } = sizesOf(product);
  button.disabled = !product.inStock;
  if (all.length) renderSizes(product, all, soldOut);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const size = (new FormData(form).get('size') as string | null) ?? undefined;
    if (all.length && (!size || soldOut.includes(size))) {
      showSizeNote(size ? `Size ${size} is sold out.` : 'Please choose a size.');
      return;
    }
    const qty = Math.max(1, Math.min(9, Number(new FormData(form).get('qty')) || 1));
    addToCart(product.id, qty, size);
    trackAddToCart(product, qty);
    $('[data-added]').hidden = false;
  });
}

function renderSizes(product: Product, all: string[], soldOut: string[]): void {
  const fieldset = $('[data-sizes]');
  fieldset.hidden = false;
  for (const size of all) {
    const label = document.createElement('label');
    label.className = soldOut.includes(size) ? 'size sold-out' : 'size';
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'size', value: size });
    input.addEventListener('change', () => chooseSize(product, size, soldOut.includes(size)));
    label.replaceChildren(input, Object.assign(document.createElement('span'), { textContent: size }));
    fieldset.appendChild(label);
  }
}

/**
 * A sold-out size is what the "wanted the pricier dress" micro-segment is made of: the
 * shop tells Vitrine (a custom event and a trait) so its config can offer alternatives.
 */
function chooseSize(product: Product, size: string, isSoldOut: boolean): void {
  vitrine('set', { size });
  if (!isSoldOut) return showSizeNote('');
  showSizeNote(`Size ${size} is sold out — we will show you similar pieces in ${size}.`);
  vitrine('track', 'size_sold_out', { item_id: product.id, item_category: product.category, price: product.price, size });
}

function showSizeNote(text: string): void {
  const note = $('[data-size-note]');
  note.textContent = text;
  note.hidden = !text;
}
