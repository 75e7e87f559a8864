/**
 * Journeys under load, in workerd (Miniflare serving the production bundle from `wrangler
 * deploy --dry-run`, with the Queues and Durable Objects of wrangler.toml): N visitors
 * (100,000 by default, JOURNEY_RUNS to change) each add to cart, which schedules one run
 * each across the site's shards (JOURNEY_SHARDS, 16 by default), all due at one moment
 * just after the last is scheduled. The adds are handed to the shards from a driver
 * worker inside the same workerd (journeys-driver.ts), as collect does, since Node ↔
 * workerd requests on this machine cap far below the shards; a sample through
 * /v1/collect gives the whole path's rate. Then the shards' alarms fire the runs and the
 * queue delivers them to a local receiver.
 * Prints: scheduling rate, runs fired per second, lateness of firing against the due
 * time (p50, p99, max), delivery latency, and SQLite storage per pending run.
 * Run: npx tsx bench/journeys.ts  (or npm run bench -- journeys)
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { startReceiver } from '../edge/src/testing/receiver.js';
import { edgeBundle, edgeWorker } from './edge-bundle.js';

const N = Number(process.env.JOURNEY_RUNS ?? 100_000);
const SHARDS = process.env.JOURNEY_SHARDS ?? '16';
const CONCURRENCY = 32;
/** Adds in flight inside workerd, and per driver request. */
const DRIVER_CONCURRENCY = 64;
const DRIVER_CHUNK = 5_000;
const WAIT_MS = 30 * 60_000;
const TOKEN = 'bench-token';
const SITE = 'bench-journeys';
const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `task(i)` for i < count with `CONCURRENCY` in flight. */
async function pool(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await task(next++);
  }));
}

async function main(): Promise<void> {
  const script = edgeBundle();
  const fired: { firedAt: number; receivedAt: number }[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const receiver = await startReceiver((_, message) => {
    const body = JSON.parse(message.body) as { firedAt: string; visitor: string };
    // Only the N runs due together (the sample's and the probe's are due 30 minutes after theirs).
    if (Number(body.visitor.slice('bench-visitor-'.length)) >= N) return;
    // At-least-once: a message sent again carries the same webhook-id, and a receiver drops it.
    const id = message.headers['webhook-id'];
    if (seen.has(id)) return void duplicates++;
    seen.add(id);
    fired.push({ firedAt: Date.parse(body.firedAt), receivedAt: message.at });
  });
  const driver = await build({ entryPoints: [join(import.meta.dirname, 'journeys-driver.ts')], bundle: true, format: 'esm', write: false, platform: 'neutral' });
  const mf = new Miniflare({
    workers: [
      { name: 'edge', ...edgeWorker(script, { ADMIN_TOKEN: TOKEN, VITRINE_DEV: '1', VISITOR_SHARDS: SHARDS }) },
      {
        name: 'driver',
        modules: true,
        script: driver.outputFiles[0].text,
        compatibilityDate: '2026-04-01',
        durableObjects: { VISITOR_STATE: { className: 'VisitorShard', scriptName: 'edge', useSQLite: true } },
        bindings: { VISITOR_SHARDS: SHARDS },
      },
    ],
  });
  const driverWorker = await mf.getWorker('driver');
  /** Adds of visitors [from, to) with event time `ts`, handed to their shards inside workerd. */
  const drive = async (from: number, to: number, ts: number) => {
    for (let start = from; start < to; start += DRIVER_CHUNK) {
      const res = await driverWorker.fetch('http://driver/', { method: 'POST', body: JSON.stringify({ site: SITE, from: start, to: Math.min(to, start + DRIVER_CHUNK), ts, concurrency: DRIVER_CONCURRENCY }) });
      if (!res.ok) throw new Error(`driver: ${res.status} ${await res.text()}`);
      await res.text();
    }
  };
  try {
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await mf.dispatchFetch(`http://edge${path}`, init as never);
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    await call(`/admin/sites/${SITE}/webhooks/bench`, { method: 'PUT', headers: admin, body: JSON.stringify({ url: `${receiver.url}/hooks/bench` }) });
    const journey = { id: 'cart', name: 'Cart reminder', trigger: { event: 'add_to_cart' }, wait: '30m', send: { webhook: 'bench' } };
    await call(`/admin/sites/${SITE}/config`, { method: 'PUT', headers: admin, body: JSON.stringify({ site: SITE, origins: ['https://shop.example'], journeys: [journey] }) });
    const baseline = (await call(`/admin/sites/${SITE}/visitor-state`, { headers: admin })).storageBytes as number;

    // Each visitor is its own client address: the collect limit per address is for shop visitors, not this.
    const collect = (i: number, ts: number, site = SITE) =>
      call('/v1/collect', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        body: JSON.stringify({ site, visitor: `bench-visitor-${i}`, consent: { analytics: true, personalization: true }, events: [{ id: `bench-event-${i}-x`, name: 'add_to_cart', ts }] }),
      });

    // The whole path from Node, on a sample: through /v1/collect (with the site's stats object), with and without journeys.
    const sample = Math.min(1_000, Math.max(100, Math.floor(N / 100)));
    await call('/admin/sites/bench-plain/config', { method: 'PUT', headers: admin, body: JSON.stringify({ site: 'bench-plain', origins: ['https://shop.example'] }) });
    let t = Date.now();
    await pool(sample, (i) => collect(i, Date.now(), 'bench-plain'));
    const plainRate = (sample / (Date.now() - t)) * 1000;
    t = Date.now();
    // These runs are due 30 minutes from now: they stay pending through the bench.
    await pool(sample, (i) => collect(N + i, Date.now()));
    const collectRate = (sample / (Date.now() - t)) * 1000;

    // The first 2 % through the driver find its pace (due in 30 minutes, not fired here either),
    // so the rest can be made due just after the last of them is scheduled.
    const probe = Math.max(100, Math.floor(N / 50));
    t = Date.now();
    await drive(N + sample, N + sample + probe, Date.now());
    const pace = (Date.now() - t) / probe;
    const due = Math.round(Date.now() + pace * N * 1.5 + 15_000);
    const started = Date.now();
    await drive(0, N, due - WAIT_MS);
    const scheduledMs = Date.now() - started;
    if (Date.now() > due) console.log(`(scheduling ran past the due time by ${seconds(Date.now() - due)}: lateness includes it)`);
    const state = await call(`/admin/sites/${SITE}/visitor-state`, { headers: admin });
    const pending = (await call(`/admin/sites/${SITE}/journeys/cart/deliveries`, { headers: admin })).counts.waiting as number;

    const expected = N;
    const deadline = Date.now() + Math.max(0, due - Date.now()) + 20 * 60_000;
    while (fired.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const late = fired.map((f) => f.firedAt - due).sort((a, b) => a - b);
    const latency = fired.map((f) => f.receivedAt - f.firedAt).sort((a, b) => a - b);
    const firedSpan = Math.max(1, Math.max(...fired.map((f) => f.firedAt)) - Math.min(...fired.map((f) => f.firedAt)));
    const deliveredSpan = Math.max(1, Math.max(...fired.map((f) => f.receivedAt)) - due);

    console.log(`${N.toLocaleString('en')} runs over ${state.shards} shards (Miniflare: one workerd process, all objects on its one thread)`);
    console.log(`  scheduled: ${N.toLocaleString('en')} in ${seconds(scheduledMs)} = ${Math.round((N / scheduledMs) * 1000)} runs/s (${DRIVER_CONCURRENCY} adds in flight inside workerd)`);
    console.log(`  the whole path from Node, ${sample} visitors, ${CONCURRENCY} in flight: /v1/collect ${Math.round(collectRate)}/s with the journey, ${Math.round(plainRate)}/s on a site without journeys`);
    console.log(`  pending runs: ${pending.toLocaleString('en')}; storage ${((state.storageBytes - baseline) / pending).toFixed(0)} B per pending run (SQLite pages incl. indexes, the visitor's consent row and the event id kept for dedupe)`);
    console.log(`  fired: ${fired.length.toLocaleString('en')} of ${expected.toLocaleString('en')} in ${seconds(firedSpan)} = ${Math.round((fired.length / firedSpan) * 1000)} runs/s`);
    console.log(`  lateness of firing vs due: p50 ${seconds(percentile(late, 0.5))}, p99 ${seconds(percentile(late, 0.99))}, max ${seconds(late[late.length - 1])}`);
    console.log(`  delivery (fired → received): p50 ${seconds(percentile(latency, 0.5))}, p99 ${seconds(percentile(latency, 0.99))}; all delivered ${seconds(deliveredSpan)} after due; ${duplicates} sent twice (same webhook-id)`);
  } finally {
    await mf.dispose();
    await receiver.stop();
  }
}

await main();
