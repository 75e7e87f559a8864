import type { CollectRequest } from '../../shared/schema/events.js';
import { post } from './decide.js';
import type { TrackedEvent } from './types.js';

export type Envelope = Omit<CollectRequest, 'events'>;

const BATCH = 100;
const FLUSH_DELAY_MS = 1000;
/** Offline for days, a page keeps the newest events only: storage stays bounded. */
const MAX_OUTBOX = 500;
/** The edge remembers event ids for 30 days; older unconfirmed events are dropped, not risked twice. */
const RESEND_WITHIN_MS = 25 * 86_400_000;

/**
 * The outbox: events wait here (and in IndexedDB, through `save`) until the edge has
 * taken them. Every event keeps the id it was made with, so a resend after a lost answer
 * is dropped by the edge's dedupe instead of counted twice.
 */
export function createCollector(url: () => string, envelope: () => Envelope | null, save: (events: TrackedEvent[]) => void) {
  let outbox: TrackedEvent[] = [];
  let busy = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const remove = (sent: TrackedEvent[]) => {
    outbox = outbox.filter((e) => !sent.includes(e));
    save(outbox);
  };
  const batch = (env: Envelope) => {
    const events = outbox.slice(0, BATCH);
    return [events, { ...env, events }] as const;
  };

  async function flush(): Promise<void> {
    const env = envelope();
    // Offline, the `online` event brings us back here.
    if (busy || !env || !outbox.length || !navigator.onLine) return;
    busy = true;
    const [events, body] = batch(env);
    let retryMs = 0;
    try {
      const res = await post(url(), body, 10_000);
      // Other 4xx answers will not improve on a resend: the edge named the bad events and kept the rest.
      if (res.status === 429 || res.status >= 500) retryMs = +(res.headers.get('retry-after') ?? 0) * 1000 || 1;
      else remove(events);
    } catch {
      retryMs = 1;
    }
    busy = false;
    if (retryMs) return schedule(Math.max(retryMs, Math.min(60_000, 2000 * 2 ** failures++)));
    failures = 0;
    if (outbox.length) return flush();
  }

  return {
    /** Replaces the outbox with what storage held from earlier pages, as long as the edge can still dedupe it. */
    load(events: TrackedEvent[] = []) {
      const oldest = Date.now() - RESEND_WITHIN_MS;
      outbox = events.filter((e) => e.ts >= oldest);
      schedule(FLUSH_DELAY_MS);
    },
    add(event: TrackedEvent) {
      outbox.push(event);
      if (outbox.length > MAX_OUTBOX) outbox = outbox.slice(-MAX_OUTBOX);
      save(outbox);
      schedule(FLUSH_DELAY_MS);
    },
    flush,
    /**
     * On page hide: hand what is left to `sendBeacon`, which outlives the page. Nothing
     * confirms a beacon arrived, so its events stay stored; the next page sends them
     * again and the edge counts each id once.
     */
    beacon() {
      const env = envelope();
      if (env && outbox.length && navigator.onLine) navigator.sendBeacon(url(), JSON.stringify(batch(env)[1]));
    },
    clear() {
      outbox = [];
      clearTimeout(timer);
    },
  };
}
