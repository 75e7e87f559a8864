import type { CartTotals } from './cart.js';
import { setText, type Root } from './dom.js';
import { euro } from './format.js';

/** The subtotal / shipping / total list both the cart and the checkout show. */
export function showTotals(root: Root, t: CartTotals): void {
  setText('[data-subtotal]', euro(t.subtotal), root);
  setText('[data-shipping]', t.shipping === 0 ? 'Free' : euro(t.shipping), root);
  setText('[data-total]', euro(t.total), root);
}
