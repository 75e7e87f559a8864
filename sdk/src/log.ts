import { fold, type Aggregate } from './summary.js';
import type { TrackedEvent } from './types.js';

/** The raw log keeps at most this many events and none older than this. */
export const LOG_LIMITS = { count: 200, ageMs: 90 * 86_400_000 };

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
