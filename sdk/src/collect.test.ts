// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCollector, type Envelope } from './collect.js';
import { addToOutbox, withoutSent } from './outbox.js';
import type { TrackedEvent } from './types.js';

const ENVELOPE: Envelope = { site: 'shop', visitor: 'visitor-1234', consent: { analytics: true, personalization: false }, segments: ['vip'] };
const event = (i: number): TrackedEvent => ({ id: `event-${String(i).padStart(4, '0')}`, name: 'page_view', ts: 1000 + i });

let answers: Response[];
let sent: { events: TrackedEvent[] }[];
/** The outbox as the client's state holds it; the collector reads it and reports what the edge took. */
let outbox: TrackedEvent[];

function collector(envelope: Envelope | null = ENVELOPE) {
  const c = createCollector(
    window,
    () => 'https://edge/v1/collect',
    () => envelope,
    () => outbox,
    (events) => (outbox = withoutSent(outbox, events)),
  );
  return {
    ...c,
    add(e: TrackedEvent) {
      outbox = addToOutbox(outbox, e);
      c.schedule();
    },
  };
}
const setOnline = (online: boolean) => vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);

beforeEach(() => {
  vi.useFakeTimers();
  answers = [];
  sent = [];
  outbox = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(init.body as string));
    return answers.shift() ?? Response.json({ accepted: 1, duplicates: 0, rejected: [] });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('collector', () => {
  it('sends what was added as one batch with the envelope a second later, then forgets it', async () => {
    const c = collector();
    c.add(event(1));
    c.add(event(2));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ ...ENVELOPE, events: [event(1), event(2)] }]);
    expect(outbox).toEqual([]);
  });

  it('keeps the batch on 503/429 and resends the same events (same ids) after Retry-After', async () => {
    const c = collector();
    answers.push(new Response('', { status: 503, headers: { 'Retry-After': '30' } }), new Response('', { status: 429 }));
    c.add(event(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.map((b) => b.events.map((e) => e.id))).toEqual([['event-0001'], ['event-0001'], ['event-0001']]);
    expect(outbox).toEqual([]);
  });

  it('drops a batch the edge refused as bad (400): resending would not help', async () => {
    const c = collector();
    answers.push(Response.json({ error: 'no valid events', rejected: [{ index: 0, path: ['events', 0, 'name'], message: 'x' }] }, { status: 400 }));
    c.add(event(1));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(1);
  });

  it('retries after a network error', async () => {
    const c = collector();
    vi.stubGlobal('fetch', vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(Response.json({})));
    c.add(event(1));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(outbox).toEqual([]);
  });

  it('sends in batches of at most 100, oldest first', async () => {
    const c = collector();
    for (let i = 0; i < 150; i++) c.add(event(i));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((b) => b.events.length)).toEqual([100, 50]);
    expect(sent[1].events[0].id).toBe('event-0100');
  });

  it('holds events while offline and sends them once flushed online', async () => {
    setOnline(false);
    const c = collector();
    c.add(event(1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(0);
    setOnline(true);
    await c.flush();
    await c.flush();
    expect(sent.flatMap((b) => b.events.map((e) => e.id))).toEqual(['event-0001']);
  });

  it('sends nothing without an envelope (no analytics consent)', async () => {
    const c = collector(null);
    c.add(event(1));
    await vi.advanceTimersByTimeAsync(5000);
    c.beacon();
    expect(sent).toHaveLength(0);
  });

  it('hands the rest to sendBeacon as text on page hide, but not while offline', () => {
    const beacon = vi.fn().mockReturnValue(true);
    Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true });
    const c = collector();
    setOnline(false);
    c.add(event(1));
    c.beacon();
    expect(beacon).not.toHaveBeenCalled();
    setOnline(true);
    c.beacon();
    expect(beacon).toHaveBeenCalledWith('https://edge/v1/collect', JSON.stringify({ ...ENVELOPE, events: [event(1)] }));
    // Nothing confirms a beacon: the events stay stored for the next page to resend.
    expect(outbox).toEqual([event(1)]);
  });
});
