/**
 * The product feed (`GET /feeds/<site>/products.xml`) at 1,000, 10,000 and 100,000
 * products: time to stream it and the peak memory of the Worker process, next to a peer
 * that builds the same feed whole before answering (what a naive route would do).
 *
 * The route code runs inside workerd (the real `feedRoute`, bundled with esbuild into a
 * Miniflare worker over a real KV namespace). Catalogs are stored once by a setup instance
 * into a persisted KV directory; each measurement then starts a fresh workerd on that
 * directory, so its peak resident set (Linux VmHWM of the workerd process, which holds the
 * isolate's heap) is the feed's alone: baseline after one tiny request, then the feed. The
 * client reads the body chunk by chunk and keeps only a byte count.
 *
 * RSS includes garbage V8 has not collected yet, so the same route also runs in Node over
 * an in-memory KV, with a full GC after every chunk: the live heap the feed really holds.
 * Run: npx tsx bench/feed.ts   (Linux: reads /proc)
 */
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { putConfig } from '../edge/src/config/store.js';
import { putCatalog } from '../edge/src/recs/catalog-store.js';
import { syntheticCatalog } from '../edge/src/recs/synthetic-catalog.js';
import { feedRoute } from '../edge/src/routes/feed.js';
import { ConfigSchema } from '../shared/schema/config.js';

const SIZES = [1_000, 10_000, 100_000];

const WORKER = `
import { feedRoute } from './routes/feed.ts';
import { putCatalog } from './recs/catalog-store.ts';
import { putConfig } from './config/store.ts';
import { syntheticCatalog } from './recs/synthetic-catalog.ts';
import { ConfigSchema } from '../../shared/schema/config.ts';

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n'));
    if (url.pathname === '/setup') {
      const site = 'bench-' + n;
      // A cost on every product, so each item carries its margin band like a real feed.
      const products = syntheticCatalog(n).map((p, i) => ({ ...p, brand: 'Bench', cost: Math.round(p.price * (0.3 + (i % 5) / 10) * 100) / 100 }));
      await putConfig(env.KV, ConfigSchema.parse({ site, feed: { enabled: true, baseUrl: 'https://shop.example' } }));
      return Response.json(await putCatalog(env.KV, site, products, { replace: true }));
    }
    if (url.pathname === '/ping') return new Response('ok');
    const feed = new Request('http://bench/feeds/bench-' + n + '/products.xml');
    const res = await feedRoute.fetch(feed, env, ctx);
    // The peer: the same items, built into one string before the first byte goes out.
    if (url.pathname === '/buffered') return new Response(await res.text(), { headers: res.headers });
    return res;
  },
};`;

async function workerScript(): Promise<string> {
  const out = await build({
    stdin: { contents: WORKER, resolveDir: fileURLToPath(new URL('../edge/src/', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

/** Descendant process ids of `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    for (const child of children) out.push(child, ...descendants(child));
  }
  return out;
}

const workerdPids = () => descendants(process.pid).filter((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd');

/** VmRSS and VmHWM (peak) of a process, in bytes. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export interface FeedRun {
  mode: 'streamed' | 'buffered';
  products: number;
  bytes: number;
  ms: number;
  firstByteMs: number;
  baselineRss: number;
  peakRss: number;
}

async function measure(script: string, persist: string, mode: FeedRun['mode'], products: number): Promise<FeedRun> {
  const before = new Set(workerdPids());
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01', kvNamespaces: ['KV'], kvPersist: persist });
  try {
    await (await mf.dispatchFetch('http://bench/ping')).text();
    const pid = workerdPids().find((p) => !before.has(p));
    if (!pid) throw new Error('cannot find the workerd process');
    const baselineRss = memory(pid).rss;
    const start = performance.now();
    const res = await mf.dispatchFetch(`http://bench/${mode === 'streamed' ? 'feed' : 'buffered'}?n=${products}`);
    if (!res.ok || !res.body) throw new Error(`feed answered ${res.status}`);
    let bytes = 0;
    let firstByteMs = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - start;
      bytes += chunk.byteLength;
    }
    const ms = performance.now() - start;
    return { mode, products, bytes, ms, firstByteMs, baselineRss, peakRss: memory(pid).peak };
  } finally {
    await mf.dispose();
  }
}

/** The KV calls the feed, config and catalog stores make, over a Map. */
function memoryKv(): KVNamespace {
  const data = new Map<string, string>();
  const kv = {
    async get(key: string, type?: string | { type?: string }) {
      const value = data.get(key);
      const as = typeof type === 'string' ? type : type?.type;
      return value === undefined ? null : as === 'json' ? JSON.parse(value) : value;
    },
    async put(key: string, value: string) {
      data.set(key, value);
    },
    async delete(key: string) {
      data.delete(key);
    },
    async list() {
      return { keys: [...data.keys()].map((name) => ({ name })), list_complete: true };
    },
  };
  return kv as unknown as KVNamespace;
}

export interface LiveHeap {
  products: number;
  /** Heap after storing the catalog (the KV's own strings included), after a full GC. */
  baselineHeap: number;
  /** The most the heap held above that while streaming, each chunk measured after a full GC. */
  peakAboveBaseline: number;
}

async function liveHeap(products: number): Promise<LiveHeap> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const kv = memoryKv();
  const site = `bench-${products}`;
  await putConfig(kv, ConfigSchema.parse({ site, feed: { enabled: true, baseUrl: 'https://shop.example' } }));
  await putCatalog(kv, site, syntheticCatalog(products), { replace: true });
  gc();
  const baselineHeap = process.memoryUsage().heapUsed;
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  const res = await feedRoute.fetch(new Request(`http://bench/feeds/${site}/products.xml`), { KV: kv } as never, ctx);
  let peak = 0;
  for await (const _chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - baselineHeap);
  }
  return { products, baselineHeap, peakAboveBaseline: peak };
}

export async function runLiveHeapBench(): Promise<LiveHeap[]> {
  const out: LiveHeap[] = [];
  for (const n of SIZES) out.push(await liveHeap(n));
  return out;
}

export async function runFeedBench(): Promise<FeedRun[]> {
  const script = await workerScript();
  const persist = mkdtempSync(join(tmpdir(), 'vitrine-feed-bench-'));
  try {
    const setup = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01', kvNamespaces: ['KV'], kvPersist: persist });
    try {
      for (const n of SIZES) {
        const res = await setup.dispatchFetch(`http://bench/setup?n=${n}`);
        if (!res.ok) throw new Error(`setup of ${n} products answered ${res.status}: ${await res.text()}`);
        await res.text();
      }
    } finally {
      await setup.dispose();
    }
    const runs: FeedRun[] = [];
    for (const mode of ['streamed', 'buffered'] as const) for (const n of SIZES) runs.push(await measure(script, persist, mode, n));
    return runs;
  } finally {
    rmSync(persist, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = await runFeedBench();
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  console.log('feed (RSS of the workerd process: baseline after one tiny request, peak while serving the feed)');
  console.log('mode      products   feed size   time      first byte  baseline RSS  peak RSS   peak − baseline');
  for (const r of runs) {
    console.log(
      `${r.mode.padEnd(9)} ${r.products.toLocaleString('en-US').padStart(8)}   ${mib(r.bytes).padStart(9)}   ${`${Math.round(r.ms)} ms`.padStart(8)}  ${`${Math.round(r.firstByteMs)} ms`.padStart(9)}  ${mib(r.baselineRss).padStart(12)}  ${mib(r.peakRss).padStart(8)}   ${mib(r.peakRss - r.baselineRss).padStart(9)}`,
    );
  }
  const streamed = (n: number) => runs.find((r) => r.mode === 'streamed' && r.products === n)!;
  const growth = streamed(100_000).peakRss - streamed(10_000).peakRss;
  console.log('\nlive heap of the streamed feed (Node, in-memory KV, full GC after every chunk: live memory at chunk boundaries)');
  for (const h of await runLiveHeapBench())
    console.log(`${h.products.toLocaleString('en-US').padStart(8)} products: heap ${mib(h.baselineHeap)} with the stored catalog, at most +${mib(h.peakAboveBaseline)} while streaming`);
  console.log(`streamed: 10× the catalog (10k → 100k) adds ${mib(growth)} of peak memory; the buffered peer adds ${mib(runs.find((r) => r.mode === 'buffered' && r.products === 100_000)!.peakRss - runs.find((r) => r.mode === 'buffered' && r.products === 10_000)!.peakRss)}`);
}
