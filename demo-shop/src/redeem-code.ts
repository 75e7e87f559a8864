/**
 * The checkout's discount code: the page asks the shop's server to redeem it, and the
 * server asks the edge with its server key (the browser never holds a key). A code is
 * marked used when it is redeemed, so a second redeem of the same code says so.
 */
import { $ } from './dom.js';
import { euro } from './format.js';
import { callShopServer } from './shop-server.js';

export type RedeemStatus = 'valid' | 'already used' | 'expired' | 'unknown';

interface Redeemed {
  status: RedeemStatus;
  percent?: number;
  amount?: number;
}

/** What the shopper reads for each answer. */
export function redeemMessage(answer: Redeemed, saved: number): string {
  switch (answer.status) {
    case 'valid':
      return `Code accepted: ${answer.percent ?? 0}% off this order (−${euro(saved)}).`;
    case 'already used':
      return 'This code has already been used.';
    case 'expired':
      return 'This code has expired.';
    default:
      return 'We do not know this code: check it for typos.';
  }
}

/** Wires the code form; `apply(percent)` recomputes the order with the discount. */
export function wireCodeForm(apply: (percent: number) => number): void {
  const form = $<HTMLFormElement>('[data-code-form]');
  const status = $('[data-code-status]', form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = String(new FormData(form).get('code') ?? '').trim();
    if (!code) return;
    status.removeAttribute('data-status');
    status.textContent = 'Checking the code…';
    const answer = await callShopServer<Redeemed>('/demo/redeem', { code });
    if (!answer.ok) {
      status.textContent = `The code could not be checked: ${answer.body.error ?? answer.status}`;
      return;
    }
    const saved = answer.body.status === 'valid' ? apply(answer.body.percent ?? 0) : 0;
    status.dataset.status = answer.body.status;
    status.textContent = redeemMessage(answer.body, saved);
  });
}
