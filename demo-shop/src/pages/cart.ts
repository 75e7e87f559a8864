import { trackAddToCart, trackRemoveFromCart } from '../analytics.js';
import { CART_CHANGED, pricedLines, setQuantity, totals, type PricedLine } from '../cart.js';
import { $ } from '../dom.js';
import { euro } from '../format.js';
import { showTotals } from '../order-summary.js';

export function cartPage(): void {
  render();
  addEventListener(CART_CHANGED, render);
}

function render(): void {
  const lines = pricedLines();
  const table = $<HTMLTableElement>('[data-cart-lines]');
  const empty = lines.length === 0;
  table.hidden = empty;
  $('[data-cart-summary]').hidden = empty;
  $('[data-cart-empty]').hidden = !empty;
  $('tbody', table).replaceChildren(...lines.map(row));
  showTotals($('[data-cart-summary]'), totals(lines));
}

function row(line: PricedLine): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.line = line.id;
  const name = document.createElement('td');
  const link = Object.assign(document.createElement('a'), { href: line.product.url ?? '#', textContent: line.product.name });
  name.appendChild(link);
  if (line.size) name.appendChild(Object.assign(document.createElement('small'), { textContent: ` · size ${line.size}` }));

  const qty = document.createElement('td');
  qty.className = 'qty-cell';
  qty.replaceChildren(
    stepButton('−', `One fewer ${line.product.name}`, () => change(line, -1)),
    Object.assign(document.createElement('span'), { textContent: String(line.qty) }),
    stepButton('+', `One more ${line.product.name}`, () => change(line, +1)),
  );
  const remove = document.createElement('td');
  remove.appendChild(stepButton('Remove', `Remove ${line.product.name}`, () => change(line, -line.qty)));
  tr.replaceChildren(name, cell(euro(line.product.price)), qty, cell(euro(line.total)), remove);
  return tr;
}

function change(line: PricedLine, delta: number): void {
  setQuantity(line.id, line.size, line.qty + delta);
  if (delta > 0) trackAddToCart(line.product, delta);
  else trackRemoveFromCart(line.product, -delta);
}

function stepButton(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: text, className: 'step' });
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function cell(text: string): HTMLTableCellElement {
  return Object.assign(document.createElement('td'), { textContent: text });
}
