/**
 * Audiences at N customers (5,000 by default, AUDIENCE_CUSTOMERS to change), in workerd
 * (Miniflare serving the production bundle from `wrangler deploy --dry-run`, with the
 * Durable Objects and Queues of wrangler.toml): a traits upload of N customers known
 * offline (raw email and phone, hashed on arrival; offline ads consent; a trait that puts
 * them in the audience's segment), in files of 1,000 lines; every customer enters the
 * audience and its destination (a local receiver) gets N signed `audience.entered`; then
 * the members are exported as NDJSON and as Customer Match CSV, streamed across the shards.
 * Prints: upload rate (customers/s, segments evaluated on the upload), delivery time of
 * the entries, export time and size, time to first byte of the export.
 * Run: npx tsx bench/audiences.ts  (or npm run bench -- audiences)
 */
import { Miniflare } from 'miniflare';
import { startReceiver } from '../edge/src/testing/receiver.js';
import { edgeBundle, edgeWorker } from './edge-bundle.js';

const N = Number(process.env.AUDIENCE_CUSTOMERS ?? 5_000);
const FILE_LINES = 1_000;
const TOKEN = 'bench-token';
const SITE = 'bench-audiences';
const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const script = edgeBundle();
  const ids = new Set<string>();
  let entered = 0;
  let lastEntryAt = 0;
  const receiver = await startReceiver((_, message) => {
    if ((JSON.parse(message.body) as { type: string }).type !== 'audience.entered') return;
    entered++;
    ids.add(message.headers['webhook-id']);
    lastEntryAt = message.at;
  });
  const mf = new Miniflare(edgeWorker(script, { ADMIN_TOKEN: TOKEN, VITRINE_DEV: '1' }));
  try {
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await mf.dispatchFetch(`http://edge${path}`, init as never);
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
      return text;
    };
    await call(`/admin/sites/${SITE}/webhooks/ads`, { method: 'PUT', headers: admin, body: JSON.stringify({ url: `${receiver.url}/hooks/ads` }) });
    const config = {
      site: SITE,
      origins: ['https://shop.example'],
      segments: [{ id: 'vip', when: { 'customer.tier': 'vip' } }],
      audiences: [{ id: 'vip-ads', name: 'VIP (ads)', segment: 'vip', purpose: 'ads', destinations: ['ads'] }],
    };
    await call(`/admin/sites/${SITE}/config`, { method: 'PUT', headers: admin, body: JSON.stringify(config) });

    const line = (i: number) =>
      JSON.stringify({ customer_id: `cust-${i}`, tier: 'vip', email: ` Customer.${i}+shop@Example.com `, phone: `+31 (0)6 ${String(10_000_000 + i)}`, consent: { ads: true, at: '2026-01-01T00:00:00Z' } });
    const started = Date.now();
    for (let from = 0; from < N; from += FILE_LINES) {
      const body = Array.from({ length: Math.min(FILE_LINES, N - from) }, (_, k) => line(from + k)).join('\n');
      await call(`/admin/sites/${SITE}/traits`, { method: 'PUT', headers: admin, body });
    }
    const uploadMs = Date.now() - started;
    const deadline = Date.now() + 300_000;
    while (ids.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const exportOf = async (query: string) => {
      const t = performance.now();
      const res = await mf.dispatchFetch(`http://edge/admin/sites/${SITE}/audiences/vip-ads/members${query}`, { headers: admin });
      const reader = res.body!.getReader();
      let bytes = 0;
      let firstByteMs = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!bytes) firstByteMs = performance.now() - t;
        bytes += value.byteLength;
        for (const b of value) if (b === 10) lines++;
      }
      return { ms: performance.now() - t, firstByteMs, bytes, lines };
    };
    const ndjson = await exportOf('');
    const csv = await exportOf('?format=csv');

    console.log(`customers: ${N} (traits upload in files of ${FILE_LINES} lines, raw email + phone hashed on arrival, offline ads consent)`);
    console.log(`upload: ${seconds(uploadMs)} → ${Math.round((N / uploadMs) * 1000)} customers/s (each: segments evaluated, record written in its shard, entry recorded)`);
    console.log(`audience.entered delivered: ${ids.size}/${N} messages (${entered - ids.size} sent twice), the last ${seconds(lastEntryAt - started)} after the upload began`);
    console.log(`members NDJSON: ${ndjson.lines} lines, ${(ndjson.bytes / 1024).toFixed(0)} KB in ${ndjson.ms.toFixed(0)} ms (first byte ${ndjson.firstByteMs.toFixed(0)} ms)`);
    console.log(`members CSV: ${csv.lines - 1} rows + header, ${(csv.bytes / 1024).toFixed(0)} KB in ${csv.ms.toFixed(0)} ms (first byte ${csv.firstByteMs.toFixed(0)} ms)`);
    if (ids.size < N || ndjson.lines !== N || csv.lines !== N + 1) process.exitCode = 1;
  } finally {
    await mf.dispose();
    await receiver.stop();
  }
}

await main();
