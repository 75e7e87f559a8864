import type { Aggregate } from './aggregate.js';
import type { TrackedEvent } from './types.js';

/** Adds one event to an aggregate, in place (summary.ts `fold`). */
export type Fold = (a: Aggregate, e: TrackedEvent) => Aggregate;

/** The raw log keeps at most this many events and none older than this. */
export const LOG_LIMITS = { count: 200, ageMs: 90 * 86_400_000 };
/** How far ahead of this browser's clock an event's time may be (clocks drift); the edge allows as much. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Why an event cannot be recorded at `ts` (a history import), or undefined when it can:
 * not beyond 5 minutes ahead, not older than the log keeps, and not before what the
 * aggregate already holds, which only ever takes events in time order.
 */
export function tsProblem(ts: number, now: number, aggregate: Aggregate, limits = LOG_LIMITS): string | undefined {
  if (!Number.isFinite(ts)) return 'not a number';
  if (ts > now + FUTURE_SLACK_MS) return 'over 5 min ahead';
  if (ts < now - limits.ageMs) return 'over 90 days old';
  if (ts < (aggregate.lastTs ?? 0)) return 'before events already summed up';
}

export const acceptsTs = (ts: number, now: number, aggregate: Aggregate, limits = LOG_LIMITS) => !tsProblem(ts, now, aggregate, limits);

/** The log with `event` in its time place (a backdated event may go before later ones). */
export function insertByTime(log: readonly TrackedEvent[], event: TrackedEvent): TrackedEvent[] {
  const after = log.findIndex((e) => e.ts > event.ts);
  return after < 0 ? [...log, event] : [...log.slice(0, after), event, ...log.slice(after)];
}

/**
 * Moves events past the count or age limit out of the log and into the aggregate with
 * `fold` (summary.ts), so storage stays bounded while `summarize(aggregate, log)` keeps
 * the same answer. Returns new values; the inputs are not changed.
 */
export function compact(
  aggregate: Aggregate,
  log: readonly TrackedEvent[],
  now: number,
  fold: Fold,
  limits = LOG_LIMITS,
): { aggregate: Aggregate; log: TrackedEvent[] } {
  let cut = Math.max(0, log.length - limits.count);
  while (cut < log.length && log[cut].ts < now - limits.ageMs) cut++;
  if (!cut) return { aggregate, log: log.slice() };
  return { aggregate: log.slice(0, cut).reduce(fold, structuredClone(aggregate)), log: log.slice(cut) };
}
