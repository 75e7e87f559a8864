/**
 * Load on loopback: `wrangler dev` (workerd, local KV and Durable Object state in a temp
 * dir) under 10 connections for 15 s per endpoint — decide with varied visitors against a
 * 500-segment config with a recommendation slot, then collect with unique event ids and
 * many visitors. Prints requests/s, latency percentiles, non-2xx (429s apart) and errors,
 * with the config size and the machine. Not part of `npm test`; run `npm run build` first.
 * Run: npx tsx bench/load.ts
 */
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../e2e/harness.js';
import { benchConfig, benchRequests } from './decide.js';

const ROOT = resolve(import.meta.dirname, '..');
const TOKEN = 'load-token';
const DURATION_S = 15;
const CONNECTIONS = 10;
const CATEGORIES = ['thrillers', 'cookbooks', 'travel', 'kids', 'poetry', 'history', 'scifi', 'crime'];

export interface LoadRow {
  label: string;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  requests: number;
  non2xx: number;
  rateLimited: number;
  errors: number;
  timeouts: number;
}
export interface LoadReport {
  machine: string;
  config: { segments: number; bytes: number; products: number };
  rows: LoadRow[];
}

interface Worker {
  url: string;
  stop(): Promise<void>;
}

async function startWrangler(): Promise<Worker> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(tmpdir(), 'vitrine-load-'));
  let output = '';
  const child: ChildProcess = spawn(
    'npx',
    ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--var', `ADMIN_TOKEN:${TOKEN}`, '--persist-to', state, '--show-interactive-dev-session=false', '--log-level', 'warn'],
    { cwd: ROOT, env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // The whole group: npx, wrangler and workerd.
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /v1/health in 90 s:\n${output}`);
      if (await fetch(`${url}/v1/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function adminPut(url: string, path: string, body: unknown, expected: number): Promise<void> {
  const res = await fetch(`${url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== expected) throw new Error(`PUT ${path} answered ${res.status}: ${await res.text()}`);
}

function row(label: string, r: Result): LoadRow {
  const byStatus = (s: string) => Number(r.statusCodeStats?.[s]?.count ?? 0);
  return {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx - byStatus('429'),
    rateLimited: byStatus('429'),
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** A rotating list of decide bodies: 2,000 different visitors and profiles. */
function decideLoad(url: string) {
  const bodies = benchRequests(2000, 'bench').map((r) => JSON.stringify(r));
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ method: 'POST', path: '/v1/decide', headers: { 'content-type': 'text/plain' }, setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
  });
}

/**
 * Each request a new event id (so dedupe never short-cuts the write) from one of 20,000
 * visitors (so the per-visitor limit is not what is measured), with a varied client address.
 */
function collectLoad(url: string) {
  let n = 0;
  const run = Date.now().toString(36);
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: '/v1/collect',
        setupRequest: (req) => {
          const i = n++;
          const ts = Date.now();
          const events = [
            { id: `load-${run}-${i}-v`, name: 'view_item', ts, items: [{ item_id: `sku-${i % 2000}`, price: 12 }] },
            ...(i % 10 === 0 ? [{ id: `load-${run}-${i}-p`, name: 'purchase', ts: ts + 1, transaction_id: `t-${run}-${i}`, value: 24, items: [{ item_id: `sku-${i % 2000}` }, { item_id: `sku-${(i * 7) % 2000}` }] }] : []),
          ];
          const body = { site: 'bench', visitor: `visitor-load-${i % 20_000}`, consent: { analytics: true, personalization: true }, events };
          return { ...req, headers: { 'content-type': 'text/plain', 'cf-connecting-ip': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }, body: JSON.stringify(body) };
        },
      },
    ],
  });
}

export async function runLoadBench(): Promise<LoadReport> {
  if (!existsSync(join(ROOT, 'dist/public/sdk.js'))) throw new Error('run `npm run build` first: wrangler dev serves dist/public');
  const config = benchConfig(500);
  config.slots = { ...config.slots, picks: { recommendations: { strategies: ['also-bought', 'category-affinity', 'bestsellers'], count: 4 } } };
  const catalog = Array.from({ length: 2000 }, (_, i) => ({ id: `sku-${i}`, name: `Product ${i}`, category: CATEGORIES[i % CATEGORIES.length], price: 5 + (i % 90) }));
  const worker = await startWrangler();
  try {
    await adminPut(worker.url, '/admin/sites/bench/config', config, 201);
    await adminPut(worker.url, '/admin/sites/bench/catalog', catalog, 200);
    // One request each first, so compile and catalog indexing are not in the measurement.
    for (const body of benchRequests(20, 'bench')) await fetch(`${worker.url}/v1/decide`, { method: 'POST', body: JSON.stringify(body) });
    const decide = await decideLoad(worker.url);
    const collect = await collectLoad(worker.url);
    const cpu = cpus();
    return {
      machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`,
      config: { segments: config.segments?.length ?? 0, bytes: JSON.stringify(config).length, products: catalog.length },
      rows: [row('POST /v1/decide', decide), row('POST /v1/collect', collect)],
    };
  } finally {
    await worker.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await runLoadBench();
  console.log(`machine: ${report.machine}`);
  console.log(`config: ${report.config.segments} segments, ${(report.config.bytes / 1024).toFixed(1)} KB JSON, recommendation slot over ${report.config.products} products`);
  console.log(`wrangler dev on loopback, ${CONNECTIONS} connections, ${DURATION_S} s each:`);
  for (const r of report.rows)
    console.log(
      `  ${r.label}: ${r.rps.toFixed(0)} req/s  p50 ${r.p50} ms  p97.5 ${r.p975} ms  p99 ${r.p99} ms  (${r.requests} requests; non-2xx ${r.non2xx}, 429 ${r.rateLimited}, errors ${r.errors}, timeouts ${r.timeouts})`,
    );
}
