/**
 * Decide cost as the rule count grows: the pure decide function (what a Worker spends CPU
 * on per request, same V8 as workerd) with 50, 500 and 5,000 segments, and the growth
 * from 500 to 5,000 (budget: ≤ 12× for 10× the segments), and loopback HTTP
 * latency through workerd (Miniflare serving the production bundle from `wrangler deploy
 * --dry-run`) with and without a recommendation slot.
 * Run: npx tsx bench/decide.ts
 */
import { pathToFileURL } from 'node:url';
import { Miniflare } from 'miniflare';
import { edgeBundle, edgeWorker } from './edge-bundle.js';
import { validateConfig } from '../shared/config/validate.js';
import type { ConfigInput } from '../shared/schema/config.js';
import type { DecideRequest } from '../shared/schema/decide.js';
import { edgeContext } from '../edge/src/decide/context.js';
import { evaluate } from '../edge/src/decide/decide.js';
import { renderResponse } from '../edge/src/decide/render.js';
import { makeConditions, seededRandom } from './conditions.js';

const DAY = 86_400_000;
const CATEGORIES = ['thrillers', 'cookbooks', 'travel', 'kids', 'poetry', 'history', 'scifi', 'crime'];

const BASE_SEGMENTS = [
  { id: 'thriller-lovers', when: { 'categories.thrillers.views': { $gte: 3 } } },
  { id: 'big-spenders', when: { 'rfm.m': { $gte: 4 } } },
  { id: 'bargain-hunters', when: { 'prices.avgViewed': { $lt: 25 } } },
  { id: 'cart-abandoners', when: { 'cart.abandoned': true } },
  { id: 'newsletter', when: { 'context.source': 'email' } },
  { id: 'b2b', when: { 'traits.tags': 'b2b' } },
  { id: 'night-owls', when: { 'context.hour': { $gte: 22 } } },
  { id: 'returning', when: { 'visitor.sessions': { $gt: 1 } } },
];

export function benchConfig(segments: number, site = 'bench'): ConfigInput {
  const ids = Array.from({ length: segments - BASE_SEGMENTS.length }, (_, i) => `seg-${i}`);
  const variants = (slot: string) =>
    Array.from({ length: 10 }, (_, i) => ({ id: `${slot}-v${i}`, when: { segments: ids[(i * 37) % ids.length] }, content: { headline: `For {{rfm.segment|you}} ${i}` } }));
  return {
    site,
    origins: ['https://shop.example'],
    // The generated conditions name these base segments; define them first.
    segments: [
      ...BASE_SEGMENTS,
      ...makeConditions(segments - BASE_SEGMENTS.length).map((when, i) => ({ id: ids[i], when })),
    ],
    personas: Array.from({ length: 8 }, (_, i) => ({ id: `persona-${i}`, name: `Persona ${i}`, when: { segments: { $in: [ids[i], ids[(i * 7) % ids.length]] } } })),
    slots: {
      hero: { default: { headline: 'Welcome', body: 'Hello', cta: { label: 'Shop', href: '/' } }, variants: variants('hero') },
      banner: { default: { body: 'Free shipping above €40' }, variants: variants('banner') },
      nudge: { default: { body: 'Nudge' }, variants: variants('nudge') },
    },
    experiments: [
      {
        id: 'exp-hero', hypothesis: 'h', status: 'running', slot: 'hero', goal: { event: 'purchase' },
        variants: [{ id: 'control', weight: 0.5 }, { id: 'b', weight: 0.5, content: { headline: 'B' } }],
      },
    ],
  };
}

export function benchRequests(count: number, site = 'bench', seed = 11): DecideRequest[] {
  const r = seededRandom(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const count = i % 4 === 0 ? 0 : 1 + int(8);
    return {
      site,
      visitor: `visitor-${i.toString(36).padStart(6, '0')}`,
      consent: { analytics: true, personalization: true },
      context: { url: `https://shop.example/?utm_medium=${['email', 'cpc', ''][i % 3]}`, referrer: 'https://www.google.com/', language: 'de-DE', timezone: 'Europe/Berlin' },
      profile: {
        firstSeen: now - int(400) * DAY,
        sessions: 1 + int(30),
        pageviews: 1 + int(200),
        purchases: count ? { count, revenue: count * (10 + int(80)), first: now - 300 * DAY, last: now - int(200) * DAY } : { count: 0, revenue: 0 },
        categories: Object.fromEntries(CATEGORIES.filter(() => r() < 0.4).map((c) => [c, { views: int(20), carts: int(3), purchases: int(2), maxViewedPrice: 5 + int(60), lastPurchasePrice: int(50) }])),
        viewed: Array.from({ length: int(10) }, () => `sku-${int(5000)}`),
        cart: { items: int(4), value: int(120), updated: now - int(120) * 60_000 },
        source: { first: 'organic', last: 'email' },
        prices: { avgViewed: 20 + int(30), maxViewed: 40 + int(80) },
      },
      traits: { tier: ['gold', 'silver'][i % 2], tags: ['b2b'] },
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export interface CpuRow { segments: number; compileMs: number; p50: number; p99: number; segmentsMatchedAvg: number }

const VISITORS = 3000;
const ROUNDS = 6;

/**
 * CPU per decide in µs for each segment count, over the same 3,000 varied visitors, after
 * a warm-up. The counts take turns, a sixth of the visitors at a time, so a busy shared
 * machine slows them alike and the growth from one count to the next stays fair.
 */
export function decideCpu(counts: number[]): CpuRow[] {
  const requests = benchRequests(VISITORS);
  const now = Date.now();
  const setups = counts.map((segments) => {
    const t0 = performance.now();
    const result = validateConfig(benchConfig(segments));
    const compileMs = performance.now() - t0;
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    const { compiled } = result;
    // The pipeline's CPU-bound steps: context, rules, rendering (storage reads are I/O, not CPU).
    const run = (req: DecideRequest) => {
      const context = edgeContext(req, { userAgent: 'Mozilla/5.0' }, now);
      const evaluation = evaluate({ compiled, request: req, context, now });
      return renderResponse({ compiled, version: 'bench', evaluation, context, products: [], tokens: new Map() });
    };
    for (const req of requests.slice(0, 500)) run(req);
    return { segments, compileMs, run, times: [] as number[], matched: 0 };
  });
  const share = VISITORS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const setup of setups) {
      for (const req of requests.slice(round * share, (round + 1) * share)) {
        const start = performance.now();
        setup.matched += setup.run(req).segments.length;
        setup.times.push((performance.now() - start) * 1000);
      }
    }
  }
  return setups.map(({ segments, compileMs, times, matched }) => {
    times.sort((a, b) => a - b);
    return { segments, compileMs, p50: percentile(times, 0.5), p99: percentile(times, 0.99), segmentsMatchedAvg: matched / requests.length };
  });
}

export interface HttpRow { label: string; p50: number; p99: number; requests: number }

/**
 * Sequential loopback HTTP requests into workerd, in ms: Node's fetch straight to workerd's
 * socket, as a client on the same machine would call it (Miniflare's `dispatchFetch` adds
 * its own hop, about 1.3 ms, so it is used only to set the bench up). The first row is the
 * floor: `/v1/health`, which does nothing.
 */
export async function decideHttp(): Promise<HttpRow[]> {
  const mf = new Miniflare(edgeWorker(edgeBundle(), { ADMIN_TOKEN: 'bench-token' }));
  try {
    const url = await mf.ready;
    const admin = { authorization: 'Bearer bench-token', 'content-type': 'application/json' };
    const config = benchConfig(500);
    const withRecs = { ...config, site: 'bench-recs', slots: { ...config.slots, picks: { recommendations: { strategies: ['also-bought', 'category-affinity', 'bestsellers'] as const, count: 4 } } } };
    for (const c of [config, withRecs]) {
      const res = await mf.dispatchFetch(`http://edge/admin/sites/${c.site}/config`, { method: 'PUT', headers: admin, body: JSON.stringify(c) });
      if (res.status !== 201) throw new Error(`config push failed: ${res.status} ${await res.text()}`);
    }
    const catalog = Array.from({ length: 2000 }, (_, i) => ({ id: `sku-${i}`, name: `Product ${i}`, category: CATEGORIES[i % CATEGORIES.length], price: 5 + (i % 90), inStock: i % 11 !== 0 }));
    await mf.dispatchFetch('http://edge/admin/sites/bench-recs/catalog', { method: 'PUT', headers: admin, body: JSON.stringify(catalog) });

    const time = async (label: string, call: (i: number) => Promise<Response>) => {
      const times: number[] = [];
      for (let i = 0; i < 1200; i++) {
        const start = performance.now();
        const res = await call(i);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${label} answered ${res.status}`);
        if (i >= 200) times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      return { label, p50: percentile(times, 0.5), p99: percentile(times, 0.99), requests: times.length };
    };
    const rows: HttpRow[] = [await time('GET /v1/health (the floor)', () => fetch(new URL('/v1/health', url)))];
    for (const [label, site] of [['decide, 500 segments', 'bench'], ['decide, 500 segments + recommendation slot', 'bench-recs']] as const) {
      const requests = benchRequests(1200, site);
      rows.push(await time(label, (i) => fetch(new URL('/v1/decide', url), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(requests[i]) })));
    }
    return rows;
  } finally {
    await mf.dispose();
  }
}

export async function runDecideBench() {
  const cpu = decideCpu([50, 500, 5000]);
  const http = await decideHttp();
  return { cpu, http };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { cpu, http } = await runDecideBench();
  console.log('decide CPU per request (pure function, Node V8), 3,000 visitors:');
  for (const r of cpu)
    console.log(`  ${String(r.segments).padStart(5)} segments: p50 ${r.p50.toFixed(1)} µs  p99 ${r.p99.toFixed(1)} µs  (compile ${r.compileMs.toFixed(1)} ms, ${r.segmentsMatchedAvg.toFixed(1)} segments matched on average)`);
  const growth = cpu[2].p50 / cpu[1].p50;
  console.log(`  500 → 5,000 segments: p50 ${growth.toFixed(1)}× (10× the segments; budget ≤ 12×) ${growth <= 12 ? 'OK' : 'OVER BUDGET'}`);
  console.log('loopback HTTP through workerd (Node fetch to workerd, production bundle), sequential; budget p50 < 3 ms:');
  for (const r of http) console.log(`  ${r.label}: p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  (${r.requests} requests)`);
}
