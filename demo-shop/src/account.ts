/**
 * Demo sign-in in the header: pick one of the demo customers (real customers of the order
 * history, one per builder persona), get a signed identify from the shop's server and hand
 * it to Vitrine, which hashes the email and phone in this browser. The persona shown beside
 * the name is the edge's answer for that customer (their builder persona, from the traits
 * `npm start` uploaded), not the shop's list.
 */
import { $, setText } from './dom.js';
import { callShopServer } from './shop-server.js';
import { vitrine } from './vitrine.js';

interface DemoCustomer {
  id: string;
  name: string;
  persona: { id: string; name: string };
  segment: string;
}

interface SignIn {
  customer: DemoCustomer;
  identity: { customerId: string; expires: number; signature: string; email: string; phone: string };
}

/** The shop's own session (which customer is signed in); the signed identity is the SDK's. */
const SESSION = 'kk-account';

function session(): { id: string; name: string } | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(SESSION) ?? 'null') as { id?: unknown; name?: unknown } | null;
    return typeof parsed?.id === 'string' && typeof parsed.name === 'string' ? { id: parsed.id, name: parsed.name } : null;
  } catch {
    return null;
  }
}

export function wireAccount(): void {
  const signInButton = $('[data-sign-in]');
  const panel = $('[data-account-panel]');
  const who = $('[data-signed-in]');
  const status = '[data-account-status]';

  const show = () => {
    const me = session();
    signInButton.hidden = !!me;
    who.hidden = !me;
    setText('[data-customer-name]', me?.name ?? '');
    if (!me) setText('[data-customer-persona]', '');
  };
  const toggle = (open: boolean) => {
    panel.hidden = !open;
    signInButton.setAttribute('aria-expanded', String(open));
  };

  async function signIn(customer: DemoCustomer) {
    setText(status, `Signing in as ${customer.name}…`);
    const answer = await callShopServer<SignIn>('/demo/sign-in', { customerId: customer.id });
    if (!answer.ok) return setText(status, `Sign-in failed: ${answer.body.error ?? answer.status}`);
    const { customerId, ...options } = answer.body.identity;
    vitrine('identify', customerId, options);
    localStorage.setItem(SESSION, JSON.stringify({ id: customer.id, name: customer.name }));
    setText(status, '');
    toggle(false);
    show();
    vitrine('decide');
  }

  async function listCustomers() {
    const list = $('[data-demo-customers]');
    if (list.childElementCount) return;
    const answer = await callShopServer<DemoCustomer[]>('/demo/customers');
    if (!answer.ok || !Array.isArray(answer.body)) return setText(status, `No demo customers: ${answer.body.error ?? answer.status}`);
    list.replaceChildren(
      ...answer.body.map((customer) => {
        const button = Object.assign(document.createElement('button'), { type: 'button', className: 'demo-customer' });
        button.appendChild(Object.assign(document.createElement('strong'), { textContent: customer.name }));
        button.appendChild(Object.assign(document.createElement('small'), { textContent: `${customer.persona.name} · RFM ${customer.segment} · ${customer.id}` }));
        button.addEventListener('click', () => void signIn(customer));
        const item = document.createElement('li');
        item.appendChild(button);
        return item;
      }),
    );
  }

  signInButton.addEventListener('click', () => {
    toggle(panel.hidden !== false);
    if (!panel.hidden) void listCustomers();
  });
  $('[data-sign-out]').addEventListener('click', () => {
    localStorage.removeItem(SESSION);
    vitrine('logout');
    show();
    vitrine('decide');
  });
  vitrine('on', 'decision', (decision: { persona: { name: string } | null; identity?: { status: string } }) => {
    if (session()) setText('[data-customer-persona]', decision.persona?.name ?? '');
  });
  show();
}
