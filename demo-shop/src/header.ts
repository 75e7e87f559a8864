import { CART_CHANGED, readCart } from './cart.js';
import { $, param } from './dom.js';

/** Cart count, the search box's current query, and the nav link of the current category. */
export function wireHeader(): void {
  const count = $('[data-cart-count]');
  const showCount = () => {
    count.textContent = String(readCart().reduce((n, l) => n + l.qty, 0));
  };
  showCount();
  addEventListener(CART_CHANGED, showCount);
  // Another tab changed the cart.
  addEventListener('storage', showCount);

  const q = param('q');
  if (q) $<HTMLInputElement>('.search input').value = q;
  const here = location.pathname + location.search;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    if (a.getAttribute('href') === here) a.setAttribute('aria-current', 'page');
  }
}
