import { env, runInDurableObject, SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsFor } from '../stats/stub.js';
import { ADMIN, ORIGIN, post, put, siteConfig } from '../testing/fixtures.js';
import { contentType, hostileBodies } from './arbitraries.js';
import { expectNoPollution, Probe, request, FUZZ_SEED } from './probe.js';

const SITE = 'fuzz-collect';
const COLLECT_RUNS = 400;
const FORGET_RUNS = 120;
const SENTINEL = 'visitor-sentinel';

const KEYS = [
  'site', 'visitor', 'consent', 'analytics', 'personalization', 'segments', 'events', 'id', 'name', 'ts', 'items', 'item_id', 'item_name',
  'item_category', 'price', 'quantity', 'value', 'currency', 'transaction_id', 'search_term', 'page_location', 'experiment', 'variant', 'forced',
];

let seq = 0;
/** A valid batch with fresh event ids and its own visitor, so dedupe and the per-visitor limit stay out of the way. */
function validBatch() {
  const n = ++seq;
  const ts = Date.now() - 1000;
  return {
    site: SITE,
    visitor: `visitor-fuzz-${n}`,
    consent: { analytics: true, personalization: true },
    segments: ['thriller-lovers', 'constructor'],
    events: [
      { id: `fuzz-${n}-page`, name: 'page_view', ts, page_location: 'https://shop.example/books' },
      { id: `fuzz-${n}-exposure`, name: 'exposure', ts, experiment: 'hero-test', variant: 'quotes' },
      { id: `fuzz-${n}-buy`, name: 'purchase', ts: ts + 1, transaction_id: `t-${n}`, value: 31.5, currency: 'EUR', items: [{ item_id: 'thr-a', item_name: 'A', item_category: 'thrillers', price: 31.5, quantity: 1 }] },
    ],
  };
}

const sql = <T extends Record<string, SqlStorageValue>>(query: string, ...args: SqlStorageValue[]) =>
  runInDurableObject(statsFor(env, SITE), (_, state) => state.storage.sql.exec<T>(query, ...args).toArray());

const collectProbe = new Probe('POST /v1/collect');
const forgetProbe = new Probe('POST /v1/forget');

beforeAll(async () => {
  const config = siteConfig(SITE, {
    // A legal segment id that is also a name every object has: it must travel like any other.
    segments: [{ id: 'constructor', when: { 'context.source': 'email' } }, ...siteConfig(SITE).segments!],
    experiments: [
      { id: 'hero-test', hypothesis: 'quotes sell', status: 'running', slot: 'hero', startedAt: new Date(Date.now() - 86_400_000).toISOString(), goal: { event: 'purchase' }, variants: [{ id: 'control', weight: 0.5 }, { id: 'quotes', weight: 0.5, content: { headline: 'Loved' } }] },
    ],
  });
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
});

afterAll(() => {
  console.log(collectProbe.summary());
  console.log(forgetProbe.summary());
});

describe('fuzzing POST /v1/collect', () => {
  it('never stores anything from a rejected batch, and answers every input with a reason', async () => {
    // Each fresh event id the Durable Object records is one accepted or ignored event of a 200.
    let recorded = 0;
    const visitorsWithRows = new Set<string>();
    const input = fc.tuple(
      fc.constant(null).chain(() => hostileBodies(validBatch(), KEYS)),
      contentType,
      fc.constantFrom(ORIGIN, undefined, 'https://evil.example'),
      fc.ipV4(),
    );
    await fc.assert(
      fc.asyncProperty(input, async ([body, type, origin, ip]) => {
        const headers: Record<string, string> = { 'content-type': type, 'cf-connecting-ip': ip, ...(origin && { origin }) };
        const answer = await collectProbe.send(request('POST', '/v1/collect', body, headers));
        if (answer.status !== 200) return;
        const stored = answer.json.accepted + answer.json.ignored.length;
        recorded += stored;
        if (stored > answer.json.ignored.filter((i: { reason: string }) => /forced/.test(i.reason)).length) visitorsWithRows.add(JSON.parse(body).visitor);
      }),
      { numRuns: COLLECT_RUNS, seed: FUZZ_SEED },
    );
    const [{ n }] = await sql<{ n: number }>('SELECT COUNT(*) AS n FROM event_ids');
    expect(n).toBe(recorded);
    const visitors = await sql<{ visitor: string }>('SELECT DISTINCT visitor FROM visitor_days');
    for (const { visitor } of visitors) expect(visitorsWithRows).toContain(visitor);
    // Whatever names the batches carried (segments "__proto__", "constructor", …), every report still answers.
    for (const path of ['report', 'report?format=html', 'experiments/hero-test/report', 'experiments/hero-test/report?format=html']) {
      const res = await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/${path}`, { headers: ADMIN }));
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain('NaN');
    }
    expectNoPollution();
    collectProbe.expectFast();
  }, 60_000);
});

describe('fuzzing POST /v1/forget', () => {
  it('deletes nothing on a rejected request', async () => {
    const seed = validBatch();
    seed.visitor = SENTINEL;
    expect((await SELF.fetch(post('/v1/collect', seed))).status).toBe(200);
    const sentinelRows = async () => (await sql<{ n: number }>('SELECT COUNT(*) AS n FROM visitor_days WHERE visitor = ?', SENTINEL))[0].n;
    expect(await sentinelRows()).toBeGreaterThan(0);

    let forgotten = false;
    await fc.assert(
      fc.asyncProperty(hostileBodies({ site: SITE, visitor: SENTINEL }, ['site', 'visitor']), contentType, async (body, type) => {
        const answer = await forgetProbe.send(request('POST', '/v1/forget', body, { 'content-type': type }));
        if (answer.status === 200) forgotten ||= JSON.parse(body).visitor === SENTINEL;
      }),
      { numRuns: FORGET_RUNS, seed: FUZZ_SEED },
    );
    // A mutation that stays valid (an extra key, say) may forget the sentinel; a rejected one never does.
    expect((await sentinelRows()) > 0).toBe(!forgotten);
    expectNoPollution();
    forgetProbe.expectFast();
  }, 60_000);
});
