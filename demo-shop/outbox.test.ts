import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutbox, type Outbox } from './outbox.mjs';

const secret = 'whsec_' + Buffer.from('o'.repeat(32)).toString('base64');
let outbox: Outbox;

const message = (extra: Record<string, unknown> = {}) => ({
  type: 'journey.fired',
  journey: 'cart-reminder',
  site: 'demo-shop',
  visitor: 'visitor-outbox-1',
  firedAt: new Date().toISOString(),
  trigger: { event: 'add_to_cart', at: new Date().toISOString() },
  profile: { 'cart.items': 2 },
  consent: { email: true, ads: false },
  data: {
    subject: 'Your 2 items <script>alert(1)</script>',
    body: 'Still there.',
    cta: { label: 'Back to my cart', href: '/cart.html' },
    picks: [{ id: 'the-salt-house', name: 'The Salt House', category: 'thrillers', price: 19.5, url: '/product.html?id=the-salt-house', reason: 'also-bought' }],
  },
  ...extra,
});

async function send(body: unknown, id: string, key = secret) {
  const text = JSON.stringify(body);
  const signature = new Webhook(key).sign(id, new Date(), text);
  return fetch(outbox.hookUrl, {
    method: 'POST',
    body: text,
    headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': signature },
  });
}

beforeAll(async () => {
  outbox = await startOutbox({ shopBase: 'http://127.0.0.1:8787' });
  outbox.setSecret(secret);
});
afterAll(() => outbox.stop());

describe('the demo mail outbox', () => {
  it('shows a verified message as the mail, with its products linked into the shop, text escaped', async () => {
    expect((await send(message(), 'msg_1')).status).toBe(204);
    const html = await (await fetch(outbox.url)).text();
    expect(html).toContain('Your 2 items &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="http://127.0.0.1:8787/cart.html"');
    expect(html).toContain('href="http://127.0.0.1:8787/product.html?id=the-salt-house"');
    expect(html).toContain('The Salt House');
    expect(html).toContain('€19.50');
  });

  it('refuses a message signed with another secret, and keeps a retried webhook-id once', async () => {
    const forged = await send(message({ visitor: 'visitor-forged' }), 'msg_2', 'whsec_' + Buffer.from('x'.repeat(32)).toString('base64'));
    expect(forged.status).toBe(401);
    expect((await send(message(), 'msg_1')).status).toBe(204);
    expect(outbox.messages().map((m) => m.webhookId)).toEqual(['msg_1']);
  });

  it('drops links that are not http(s)', async () => {
    await send(message({ data: { subject: 'x', cta: { label: 'Click', href: 'javascript:alert(1)' } } }), 'msg_3');
    expect(await (await fetch(outbox.url)).text()).not.toContain('javascript:');
  });
});
