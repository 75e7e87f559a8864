import type { CartTotals } from './cart.js';
import { setText, type Root } from './dom.js';
import { euro } from './format.js';

/** The subtotal / shipping / total list both the cart and the checkout show. */
export function showTotals(root: Root, t: CartTotals): void {
  setText('[data-subtotal]', euro(t.subtotal), root);
  // The checkout lists a code's discount (its <dt> and <dd>) only once a code was redeemed.
  const discount = root.querySelector<HTMLElement>('[data-discount]');
  if (discount) {
    discount.textContent = `−${euro(t.discount)}`;
    for (const el of [discount, discount.previousElementSibling as HTMLElement]) el.hidden = t.discount === 0;
  }
  setText('[data-shipping]', t.shipping === 0 ? 'Free' : euro(t.shipping), root);
  setText('[data-total]', euro(t.total), root);
}
