import { fold, type Aggregate } from './summary.js';
import type { TrackedEvent } from './types.js';

/** The raw log keeps at most this many events and none older than this. */
export const LOG_LIMITS = { count: 200, ageMs: 90 * 86_400_000 };
/** How far ahead of this browser's clock a backdated event's time may be (clocks drift). */
export const FUTURE_SLACK_MS = 60_000;

/**
 * Whether an event may be recorded at `ts` (a history import): not beyond a minute ahead,
 * not older than the log keeps, and not before what the aggregate already holds, which
 * only ever takes events in time order.
 */
export const acceptsTs = (ts: number, now: number, aggregate: Aggregate, limits = LOG_LIMITS) =>
  ts <= now + FUTURE_SLACK_MS && ts >= Math.max(now - limits.ageMs, aggregate.lastTs ?? 0);

/** The log with `event` in its time place (a backdated event may go before later ones). */
export function insertByTime(log: readonly TrackedEvent[], event: TrackedEvent): TrackedEvent[] {
  const after = log.findIndex((e) => e.ts > event.ts);
  return after < 0 ? [...log, event] : [...log.slice(0, after), event, ...log.slice(after)];
}

/**
 * Moves events past the count or age limit out of the log and into the aggregate, so
 * storage stays bounded while `summarize(aggregate, log)` keeps the same answer.
 * Returns new values; the inputs are not changed.
 */
export function compact(
  aggregate: Aggregate,
  log: readonly TrackedEvent[],
  now: number,
  limits = LOG_LIMITS,
): { aggregate: Aggregate; log: TrackedEvent[] } {
  let cut = Math.max(0, log.length - limits.count);
  while (cut < log.length && log[cut].ts < now - limits.ageMs) cut++;
  if (!cut) return { aggregate, log: log.slice() };
  return { aggregate: log.slice(0, cut).reduce(fold, structuredClone(aggregate)), log: log.slice(cut) };
}
