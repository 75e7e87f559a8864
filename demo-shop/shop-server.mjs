// The demo shop's own server, as a real shop has one: it keeps the two secrets a browser
// must never see — the site's identity secret and a server key — and does the two things
// only a server may do with them:
//   GET  /demo/customers  the demo customers one can sign in as (no secrets)
//   POST /demo/sign-in    {customerId} → the signed identify for that customer
//                         ({customerId, expires, signature, email, phone}); the page
//                         passes it to vitrine('identify'), whose SDK hashes email and phone
//   POST /demo/redeem     {code} → redeems a personal code at the edge with the server key:
//                         {status: "valid" | "already used" | "expired" | "unknown", percent?}
// `npm start` runs it; pages reach it across origins (CORS for the shop's origins only).
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const MAX_BODY = 4096;
/** A sign-in's signature lasts a day (the edge takes at most 30). */
const SIGNATURE_TTL_S = 86_400;
const KEY_NAME = 'demo-checkout';

/**
 * An admin PUT, again after a 503: `wrangler dev` answers one when it restarts its worker
 * mid-request (it retries only GET and HEAD itself). Both PUTs here are idempotent.
 */
async function putAgainOn503(url, init, tries = 3) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, init);
    if (res.status !== 503 || attempt === tries) return res;
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

/** What the shop's server signs for identify (README "Identify (signature v2)"). */
export function signIdentity(secret, site, customerId, expires) {
  return createHmac('sha256', secret).update(`${site}:${customerId}:${expires}`).digest('hex');
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(Object.assign(new Error('body too large'), { status: 413 }));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function readJsonBody(req, field) {
  let parsed;
  try {
    parsed = JSON.parse(await readBody(req));
  } catch (error) {
    if (error.status) throw error;
    throw Object.assign(new Error('the body is not JSON'), { status: 400, issues: [{ path: [], message: 'send a JSON object' }] });
  }
  const value = parsed?.[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > 128)
    throw Object.assign(new Error(`${field} is missing`), { status: 400, issues: [{ path: [field], message: 'a string of 1–128 characters' }] });
  return value;
}

/**
 * Starts the server on `port` (0: any free one). `edge`: the edge's origin; `origins`: the
 * shop origins whose pages may call it; `customers`: the sign-in list (demo-customers.mjs).
 * `provision(adminToken)` sets a fresh identity secret and server key at the edge; until
 * then sign-in and redeem answer 503.
 */
export async function startShopServer({ edge, site = 'demo-shop', origins, customers, port = 0, log = () => {} }) {
  const allowed = new Set(origins);
  const byId = new Map(customers.map((c) => [c.id, c]));
  let identitySecret = null;
  let serverKey = null;

  async function signIn(customerId) {
    const customer = byId.get(customerId);
    if (!customer) throw Object.assign(new Error('no such demo customer'), { status: 404 });
    const expires = Math.floor(Date.now() / 1000) + SIGNATURE_TTL_S;
    const signature = signIdentity(identitySecret, site, customer.id, expires);
    log(`signed in ${customer.name} (${customer.id}, ${customer.persona.name})`);
    return { customer, identity: { customerId: customer.id, expires, signature, email: customer.email, phone: customer.phone } };
  }

  async function redeem(code) {
    const res = await fetch(`${edge}/v1/server/codes/redeem`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ site, code }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(`the edge answered ${res.status}: ${body.error ?? ''}`), { status: 502 });
    log(`code ${code}: ${body.status}`);
    return body.status === 'valid' ? { status: 'valid', percent: body.percent, amount: body.amount } : { status: body.status };
  }

  async function route(req) {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/demo/customers')
      return customers.map(({ id, name, persona, segment }) => ({ id, name, persona, segment }));
    if (req.method === 'POST' && (path === '/demo/sign-in' || path === '/demo/redeem')) {
      if (!identitySecret || !serverKey) throw Object.assign(new Error('the shop server is not connected to the edge yet'), { status: 503 });
      return path === '/demo/sign-in' ? signIn(await readJsonBody(req, 'customerId')) : redeem(await readJsonBody(req, 'code'));
    }
    throw Object.assign(new Error('not found'), { status: 404 });
  }

  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'Origin' };
    if (origin && allowed.has(origin)) Object.assign(headers, { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'GET, POST' });
    if (req.method === 'OPTIONS') return void res.writeHead(204, headers).end();
    route(req).then(
      (body) => res.writeHead(200, headers).end(JSON.stringify(body)),
      (error) => res.writeHead(error.status ?? 500, headers).end(JSON.stringify({ error: error.message, issues: error.issues ?? [] })),
    );
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;

  return {
    url,
    /** Gives the edge a fresh identity secret and issues this server's key (admin token, server side only). */
    async provision(adminToken) {
      const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
      const secret = randomBytes(32).toString('hex');
      const set = await putAgainOn503(`${edge}/admin/sites/${site}/identity-secret`, { method: 'PUT', headers, body: JSON.stringify({ secret }) });
      if (!set.ok) throw new Error(`identity secret not set (${set.status}): ${await set.text()}`);
      const issued = await putAgainOn503(`${edge}/admin/sites/${site}/keys/${KEY_NAME}`, { method: 'PUT', headers });
      const { key, error } = await issued.json().catch(() => ({}));
      if (!issued.ok || !key) throw new Error(`server key not issued (${issued.status}): ${error ?? ''}`);
      identitySecret = secret;
      serverKey = key;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
