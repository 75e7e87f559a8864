import type { CollectRequest } from '../../shared/schema/events.js';
import { post } from './decide.js';
import { BATCH } from './outbox.js';
import type { TrackedEvent } from './types.js';

export type Envelope = Omit<CollectRequest, 'events'>;

const FLUSH_DELAY_MS = 1000;

/**
 * Sends the outbox to `POST /v1/collect`: in batches a second after the last event, with
 * backoff on 429/5xx/network errors, and by `sendBeacon` when the page is hidden. The
 * outbox itself is the client's state: `outbox()` reads it, `sent(events)` reports what the
 * edge took.
 */
export function createCollector(
  win: Window,
  url: () => string,
  envelope: () => Envelope | null,
  outbox: () => readonly TrackedEvent[],
  sent: (events: TrackedEvent[]) => void,
) {
  const nav = win.navigator;
  let busy = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (ms = FLUSH_DELAY_MS) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const batch = (env: Envelope) => {
    const events = outbox().slice(0, BATCH);
    return [events, { ...env, events }] as const;
  };

  async function flush(): Promise<void> {
    const env = envelope();
    // Offline, the `online` event brings us back here.
    if (busy || !env || !outbox().length || !nav.onLine) return;
    busy = true;
    const [events, body] = batch(env);
    let retryMs = 0;
    try {
      const res = await post(win, url(), body, 10_000);
      // Other 4xx answers will not improve on a resend: the edge named the bad events and kept the rest.
      if (res.status === 429 || res.status >= 500) retryMs = +(res.headers.get('retry-after') ?? 0) * 1000 || 1;
      else sent(events);
    } catch {
      retryMs = 1;
    }
    busy = false;
    if (retryMs) return schedule(Math.max(retryMs, Math.min(60_000, 2000 * 2 ** failures++)));
    failures = 0;
    if (outbox().length) return flush();
  }

  return {
    /** Sends soon: after the next second without a new event. */
    schedule,
    flush,
    /**
     * On page hide: hand what is left to `sendBeacon`, which outlives the page. Nothing
     * confirms a beacon arrived, so its events stay stored; the next page sends them
     * again and the edge counts each id once.
     */
    beacon() {
      const env = envelope();
      if (env && outbox().length && nav.onLine) nav.sendBeacon(url(), JSON.stringify(batch(env)[1]));
    },
    stop: () => clearTimeout(timer),
  };
}
