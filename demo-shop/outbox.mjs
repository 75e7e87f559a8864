// The demo's local mail outbox: a webhook receiver for `npm start`. Each journey message
// the edge sends is verified with the Standard Webhooks reference library (the receiver
// a shop would write) and shown as the mail the customer would get, with its products.
//   POST /demo/outbox/hook   the webhook (registered by npm start as "outbox")
//   GET  /demo/outbox        the mails, newest first
//   GET  /demo/outbox.json   the verified bodies
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const MAX_KEPT = 200;

const escape = (text) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Only http(s) links, relative ones made absolute against the shop. */
function link(href, shopBase) {
  try {
    const url = new URL(String(href), shopBase);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const euro = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

/** One received message as the mail a customer would read. Every text is escaped once, here. */
export function renderMail(message, shopBase) {
  const data = message.data ?? {};
  const cta = data.cta && link(data.cta.href, shopBase);
  const picks = Array.isArray(data.picks) ? data.picks : [];
  const tile = (p) => {
    const href = link(p.url ?? `/product.html?id=${encodeURIComponent(p.id)}`, shopBase);
    const image = p.image && link(p.image, shopBase);
    return `<a class="pick"${href ? ` href="${escape(href)}"` : ''}>${image ? `<img src="${escape(image)}" alt="">` : ''}<span>${escape(p.name)}</span><b>${escape(euro.format(Number(p.price) || 0))}</b></a>`;
  };
  return `<article class="mail">
  <header>
    <p class="meta">To <b>${escape(message.customer ?? `visitor ${message.visitor}`)}</b> · ${escape(new Date(message.firedAt).toLocaleString('en-GB'))} · journey <code>${escape(message.journey)}</code>${message.consent?.email ? '' : ' · <em>no email consent: a mailer would not send this</em>'}</p>
    <h2>${escape(data.subject ?? message.journey)}</h2>
  </header>
  ${data.greeting ? `<p>${escape(data.greeting)}</p>` : ''}
  ${data.body ? `<p>${escape(data.body)}</p>` : ''}
  ${cta ? `<p><a class="cta" href="${escape(cta)}">${escape(data.cta.label ?? 'Open the shop')}</a></p>` : ''}
  ${picks.length ? `<h3>${escape(data.picksTitle ?? 'For you')}</h3><div class="picks">${picks.map(tile).join('')}</div>` : ''}
  <footer>Triggered by <code>${escape(message.trigger?.event)}</code> at ${escape(message.trigger?.at)} · profile ${escape(JSON.stringify(message.profile ?? {}))} · <span class="ok">signature verified</span> · <code>${escape(message.webhookId)}</code></footer>
</article>`;
}

function page(messages, shopBase) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Mail outbox · Vitrine demo</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#f3f0ea;margin:0;padding:2rem;color:#222}
h1{margin:0 0 .25rem}.intro{color:#555;margin:0 0 2rem}
.mail{background:#fff;max-width:40rem;margin:0 0 1.5rem;padding:1.5rem;border-radius:.5rem;box-shadow:0 1px 3px #0002}
.meta,footer{font-size:.8rem;color:#666}.mail h2{margin:.25rem 0 1rem}
.cta{display:inline-block;background:#1d4d3f;color:#fff;padding:.5rem 1rem;border-radius:.25rem;text-decoration:none}
.picks{display:grid;grid-template-columns:repeat(3,1fr);gap:.75rem}.pick{display:flex;flex-direction:column;color:inherit;text-decoration:none;font-size:.85rem}
.pick img{width:100%;aspect-ratio:1;object-fit:cover;background:#eee;border-radius:.25rem}.ok{color:#1d7a3a}
</style></head><body>
<h1>Mail outbox</h1>
<p class="intro">What the demo shop's journeys would mail (${messages.length} so far). Every message was verified against the webhook's signing secret. In the <a href="${escape(link('/tester.html', shopBase))}">variant tester</a>, load a persona and press “Fast-forward”.</p>
${messages.length ? messages.map((m) => renderMail(m, shopBase)).join('\n') : '<p>No mail yet.</p>'}
</body></html>`;
}

/**
 * Starts the outbox on `port` (0: any free one). `setSecret` takes the webhook's signing
 * secret (npm start gets it when it registers the webhook); until then nothing verifies.
 */
export async function startOutbox({ shopBase, port = 0, log = () => {} }) {
  let verifier = null;
  const messages = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path === '/demo/outbox/hook') {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        let message;
        try {
          if (!verifier) throw new Error('no secret yet');
          message = verifier.verify(body, req.headers);
        } catch (error) {
          log(`outbox refused a message: ${error.message}`);
          return void res.writeHead(401).end('signature does not verify');
        }
        const webhookId = req.headers['webhook-id'];
        // Retries carry the same webhook-id: a receiver keeps the first and drops the rest.
        if (!messages.some((m) => m.webhookId === webhookId)) {
          messages.unshift({ ...message, webhookId });
          messages.length = Math.min(messages.length, MAX_KEPT);
          log(`outbox: “${message.data?.subject ?? message.journey}” for ${message.customer ?? message.visitor}`);
        }
        res.writeHead(204).end();
      });
      return;
    }
    if (req.method === 'GET' && path === '/demo/outbox')
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'" }).end(page(messages, shopBase));
    if (req.method === 'GET' && path === '/demo/outbox.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${base}/demo/outbox`,
    hookUrl: `${base}/demo/outbox/hook`,
    setSecret: (secret) => (verifier = new Webhook(secret)),
    messages: () => messages,
    stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}
