// `npm start`: build, run the edge locally with the demo shop, seed it with the demo
// config (with the persona builder's personas), catalog and customer traits, and keep
// config and catalog in sync while you edit; run the local mail outbox the demo's journeys
// send to and the shop's own server (sign-in, code redemption). Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, watch } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildShop } from '../demo-shop/build.mjs';
import { builderCustomersNdjson, builderPersonas, ensureBuilderOutput, withBuilderPersonas } from '../demo-shop/builder-personas.mjs';
import { pickDemoCustomers } from '../demo-shop/demo-customers.mjs';
import { startOutbox } from '../demo-shop/outbox.mjs';
import { startShopServer } from '../demo-shop/shop-server.mjs';
import { SEED_BUYERS, seedOrders } from '../demo-shop/seed-orders.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shopDir = join(root, 'demo-shop');
const configFile = join(shopDir, 'vitrine.config.json');
const catalogFile = join(shopDir, 'catalog.json');
const SITE = 'demo-shop';

const say = (text) => console.log(`\x1b[36m[start]\x1b[0m ${text}`);
const warn = (text) => console.log(`\x1b[33m[start]\x1b[0m ${text}`);

function runBuild() {
  say('building SDK and shop (npm run build)…');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** `.dev.vars` holds the local admin token; the example is a fine start. */
function adminToken() {
  const vars = join(root, '.dev.vars');
  if (!existsSync(vars)) {
    copyFileSync(join(root, '.dev.vars.example'), vars);
    say('created .dev.vars from .dev.vars.example');
  }
  const token = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(vars, 'utf8'))?.[1]?.trim();
  if (!token) throw new Error('.dev.vars has no ADMIN_TOKEN');
  return token;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

async function choosePort(preferred) {
  for (let port = preferred; port < preferred + 20; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${preferred}–${preferred + 19}`);
}

function startEdge(port) {
  // Its own process group, so Ctrl-C can stop wrangler and the workerd it starts together.
  // VITRINE_DEV: local development (loopback webhooks such as the outbox, the tester's fast-forward).
  const child = spawn('npx', ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--var', 'VITRINE_DEV:1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const relay = (stream) =>
    stream.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) console.log(`\x1b[90m[edge]\x1b[0m ${line}`);
    });
  relay(child.stdout);
  relay(child.stderr);
  child.on('exit', (code) => {
    warn(`wrangler dev exited (${code})`);
    process.exit(code ?? 1);
  });
  return child;
}

async function waitForHealth(base, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${base}/v1/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the edge did not answer ${base}/v1/health within ${timeoutMs / 1000} s`);
}

/** `segments[0].when["categories.thrillers.views"]` from the path array of a 422. */
const pathText = (path) =>
  path.reduce((out, p) => {
    if (typeof p === 'number') return `${out}[${p}]`;
    if (!/^[A-Za-z_$][\w$-]*$/.test(p)) return `${out}[${JSON.stringify(p)}]`;
    return out ? `${out}.${p}` : p;
  }, '') || '(root)';

async function put(base, token, what, body) {
  const res = await fetch(`${base}/admin/sites/${SITE}/${what}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  return { res, json: await res.json().catch(() => ({})) };
}

/**
 * The edge refuses pages whose Origin the config does not list, and the port may not be
 * 8787, so the origin this edge really runs on is added to what the file lists. The shop
 * the edge serves is also the origin its proxy fetches for `/proxy/<site>/…`.
 */
function withOrigin(config, base) {
  const origins = new Set([...(Array.isArray(config.origins) ? config.origins : []), ...shopOrigins(base)]);
  const feed = config.feed?.enabled ? { feed: { ...config.feed, baseUrl: base } } : {};
  return { ...config, origins: [...origins], proxy: { ...config.proxy, origin: base }, ...feed };
}

const shopOrigins = (base) => [base, base.replace('127.0.0.1', 'localhost')];

async function pushConfig(base, token) {
  let config;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (error) {
    return warn(`vitrine.config.json not pushed: ${error.message}`);
  }
  // The persona builder's personas (demo-shop/persona-builder/) replace hand-written ones.
  const { res, json } = await put(base, token, 'config', JSON.stringify(withOrigin(withBuilderPersonas(config), base)));
  if (res.ok) return say(`config pushed: version ${json.version ?? '?'} — reload the page to see it`);
  warn(`config not pushed (${res.status}): ${json.error ?? 'rejected'}`);
  for (const issue of json.issues ?? []) warn(`  ${pathText(issue.path)}: ${issue.message}`);
}

/**
 * The demo's journeys send to the webhook "outbox": it points at the local outbox, which
 * gets the signing secret. A webhook kept from an earlier run answers no secret, so it is
 * rotated for a fresh one.
 */
async function registerOutbox(base, token, outbox) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const url = `${base}/admin/sites/${SITE}/webhooks/outbox`;
  const res = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ url: outbox.hookUrl }) });
  let { secret, error } = await res.json().catch(() => ({}));
  if (res.ok && !secret) ({ secret, error } = await (await fetch(`${url}/rotate`, { method: 'POST', headers })).json().catch(() => ({})));
  if (!secret) return warn(`outbox webhook not registered (${res.status}): ${error ?? ''}`);
  outbox.setSecret(secret);
  say(`webhook "outbox" → ${outbox.hookUrl}`);
}

async function pushCatalog(base, token) {
  const { res, json } = await put(base, token, 'catalog', readFileSync(catalogFile, 'utf8'));
  if (res.ok) return say(`catalog pushed: ${JSON.parse(readFileSync(catalogFile, 'utf8')).length} products`);
  warn(`catalog not accepted (${res.status}): ${json.error ?? ''}`);
  for (const issue of (json.issues ?? []).slice(0, 10)) warn(`  ${issue.line ?? pathText(issue.path ?? [])}: ${issue.message}`);
}

/** The builder's customers as traits: `customer.*` for a customer who signs in (signed identify). */
async function uploadTraits(base, token) {
  const res = await fetch(`${base}/admin/sites/${SITE}/traits`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: builderCustomersNdjson(),
  });
  const json = await res.json().catch(() => ({}));
  if (res.ok) return say(`traits uploaded: ${json.written} customers from the persona builder`);
  warn(`traits not accepted (${res.status}): ${json.error ?? ''}`);
  for (const issue of (json.issues ?? []).slice(0, 10)) warn(`  ${pathText(issue.path ?? [])}: ${issue.message}`);
}

/** The demo's purchase history, so the edge learns "also bought" and category affinity (demo-shop/seed-orders.mjs). */
async function seedHistory(base) {
  try {
    const orders = await seedOrders({ base, site: SITE, shopDir });
    say(`purchase history: ${orders} new orders from ${SEED_BUYERS} customers of demo-shop/data/orders.csv (learned within a minute)`);
  } catch (error) {
    warn(`purchase history not sent: ${error.message}`);
  }
}

/** Calls `fn` once things settle: editors write a file in several steps. */
function debounce(fn, ms = 200) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

async function rebuildShop(reason) {
  try {
    await buildShop({ shopServer: shopServer.url });
    say(`shop rebuilt (${reason}) — reload the page`);
  } catch (error) {
    warn(`shop build failed: ${error.message}`);
  }
}

function watchSources(base, token) {
  // The tester page lists the config's variants, so a config change rebuilds the shop too.
  const onConfig = debounce(() => Promise.all([pushConfig(base, token), rebuildShop('config changed')]));
  const onCatalog = debounce(() => Promise.all([pushCatalog(base, token), rebuildShop('catalog changed')]));
  watch(shopDir, (_event, file) => {
    if (file === 'vitrine.config.json') onConfig();
    if (file === 'catalog.json') onCatalog();
  });
  watch(join(shopDir, 'src'), { recursive: true }, debounce(() => rebuildShop('demo-shop/src changed')));
}

function banner(base, outbox) {
  const lines = [
    `Kaft & Kraag demo shop, script only         ${base}/`,
    `The same shop through the edge proxy        ${base}/proxy/${SITE}/`,
    `Variant tester (opens pages either way)     ${base}/tester.html`,
    `Debug panel                                 ${base}/?vitrine_debug=1`,
    `Vitrine Studio (sign in with ADMIN_TOKEN)   ${base}/studio/`,
    `Mail outbox (journeys)                      ${outbox.url}`,
    `Shop server (sign-in, codes)                ${shopServer.url}/demo/customers`,
    `Product feed (Google Shopping)              ${base}/feeds/${SITE}/products.xml`,
    `Persona report (persona builder)            demo-shop/persona-builder/report.html`,
    `Edit demo-shop/vitrine.config.json — it is pushed on save.   Ctrl-C stops.`,
    `The admin token for the studio is in .dev.vars.`,
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '─'.repeat(width + 2);
  console.log(`\n┌${rule}┐\n${lines.map((l) => `│ \x1b[1m${l.padEnd(width)}\x1b[0m │`).join('\n')}\n└${rule}┘\n`);
}

runBuild();
if (ensureBuilderOutput({ log: say })) say('personas refitted: commit demo-shop/persona-builder/ with the new orders');
const token = adminToken();
const wanted = Number(process.env.PORT) || 8787;
const port = await choosePort(wanted);
if (port !== wanted) warn(`port ${wanted} is busy, using ${port}`);
const base = `http://127.0.0.1:${port}`;
const shopServer = await startShopServer({
  edge: base,
  site: SITE,
  origins: shopOrigins(base),
  customers: pickDemoCustomers(builderCustomersNdjson(), builderPersonas()),
  log: (line) => console.log(`\x1b[32m[shop]\x1b[0m ${line}`),
});
// The pages name the shop server (sign-in, checkout codes), so they are built again with
// it — before the edge starts: wrangler dev restarts its worker when the assets change.
await rebuildShop('with the shop server');
const edge = startEdge(port);
const outbox = await startOutbox({ shopBase: base, log: (line) => console.log(`\x1b[35m[outbox]\x1b[0m ${line}`) });

const stop = () => {
  try {
    process.kill(-edge.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  void outbox.stop();
  void shopServer.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  await waitForHealth(base);
} catch (error) {
  warn(error.message);
  stop();
}
// The config names the webhook, so it is registered first (the edge refuses unknown ones).
await registerOutbox(base, token, outbox);
await pushConfig(base, token);
await pushCatalog(base, token);
await uploadTraits(base, token);
await shopServer.provision(token).catch((error) => warn(`sign-in and codes will not work: ${error.message}`));
await seedHistory(base);
watchSources(base, token);
banner(base, outbox);
