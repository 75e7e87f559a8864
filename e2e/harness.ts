/**
 * Helpers for browser tests against the real Worker: start `wrangler dev` on a free port,
 * push a site config, serve static pages from another origin (so CORS is exercised for
 * real) and launch the system Chromium. Nothing here builds: run `npm run build` (or
 * `node sdk/build.mjs`) first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ADMIN_TOKEN = 'e2e-token';
const ROOT = resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/v1/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not answer /v1/health within ${timeoutMs} ms:\n${log()}`);
}

export interface Edge {
  url: string;
  /** Stops the Worker (the port then refuses connections). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same local state. */
  restart(): Promise<void>;
  /** Stops it for good and deletes its local state. */
  dispose(): Promise<void>;
}

/**
 * Runs the Worker in workerd via `wrangler dev`, with empty local state in a temp dir.
 * `vars` become `--var` flags (e.g. VITRINE_DEV: local-development features).
 */
export async function startEdge(options: { port?: number; vars?: Record<string, string> } = {}): Promise<Edge> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(tmpdir(), 'vitrine-e2e-'));
  let child: ChildProcess | undefined;
  let output = '';

  async function start() {
    output = '';
    child = spawn(
      'npx',
      [
        'wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--var', `ADMIN_TOKEN:${ADMIN_TOKEN}`,
        ...Object.entries(options.vars ?? {}).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
        '--persist-to', state, '--show-interactive-dev-session=false', '--log-level', 'warn',
      ],
      { cwd: ROOT, env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitForHealth(url, child, () => output);
  }

  async function stop() {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    // The whole process group: npx, wrangler and workerd.
    process.kill(-c.pid!, 'SIGTERM');
    const timer = setTimeout(() => c.exitCode === null && process.kill(-c.pid!, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    url,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async dispose() {
      await stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/**
 * Stores a site config through the admin API; throws with the edge's reasons if it is refused.
 * Webhooks its journeys name that the edge does not know yet are registered first, at a
 * host that never answers (the edge refuses a config naming unknown webhooks); a test that
 * reads the messages registers its own receiver before pushing.
 */
export async function pushConfig(edgeUrl: string, config: { site: string } & Record<string, unknown>): Promise<{ version: string }> {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const journeys = Array.isArray(config.journeys) ? (config.journeys as { send?: { webhook?: string } }[]) : [];
  const named = new Set(journeys.flatMap((j) => j.send?.webhook ?? []));
  if (named.size) {
    const listed = (await (await fetch(`${edgeUrl}/admin/sites/${config.site}/webhooks`, { headers: admin })).json()) as { webhooks: { name: string }[] };
    for (const name of named)
      if (!listed.webhooks.some((w) => w.name === name))
        await fetch(`${edgeUrl}/admin/sites/${config.site}/webhooks/${name}`, { method: 'PUT', headers: admin, body: JSON.stringify({ url: `https://webhooks.invalid/${name}` }) });
  }
  const res = await fetch(`${edgeUrl}/admin/sites/${config.site}/config`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`config push answered ${res.status}: ${body}`);
  return JSON.parse(body);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` on a free 127.0.0.1 port. In .html files, `{{NAME}}` is replaced by
 * `replace.NAME` (e.g. `{{EDGE}}` → the edge's URL), so a page can name the edge it talks to.
 */
export async function serveStatic(dir: string, replace: Record<string, string> = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createHttpServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      let body: Buffer | string = readFileSync(file);
      if (extname(file) === '.html') body = body.toString('utf8').replace(/\{\{(\w+)\}\}/g, (m, name) => replace[name] ?? m);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
