import { trackBeginCheckout, trackPurchase } from '../analytics.js';
import { clearCart, pricedLines, totals } from '../cart.js';
import { $, setText } from '../dom.js';
import { euro } from '../format.js';
import { showTotals } from '../order-summary.js';
import { wireCodeForm } from '../redeem-code.js';

export function checkoutPage(): void {
  const lines = pricedLines();
  const form = $<HTMLFormElement>('[data-checkout-form]');
  if (lines.length === 0) {
    $('.cart-layout').hidden = true;
    $('[data-checkout-empty]').hidden = false;
    return;
  }
  let t = totals(lines);
  $('[data-summary-lines]').replaceChildren(
    ...lines.map((l) => Object.assign(document.createElement('li'), { textContent: `${l.qty} × ${l.product.name}${l.size ? ` (${l.size})` : ''} — ${euro(l.total)}` })),
  );
  const show = () => {
    showTotals($('[data-checkout-summary]'), t);
    $('[data-pay]').textContent = `Pay ${euro(t.total)}`;
  };
  show();
  trackBeginCheckout(lines);
  wireCodeForm((percent) => {
    t = totals(lines, percent);
    show();
    return t.discount;
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const orderId = `KK-${Date.now().toString(36).toUpperCase()}`;
    trackPurchase(orderId, lines, t.shipping);
    clearCart();
    $('.cart-layout').hidden = true;
    setText('[data-order-id]', orderId);
    setText('[data-order-total]', euro(t.total));
    $('[data-confirmation]').hidden = false;
  });
}
