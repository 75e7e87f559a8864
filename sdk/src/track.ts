import { compact, insertByTime, tsProblem, type Fold } from './log.js';
import { addToOutbox } from './outbox.js';
import type { State } from './state.js';
import type { TrackedEvent } from './types.js';

/** The edge takes events of the last 30 days (and up to 5 minutes ahead) only. */
export const SEND_WITHIN_MS = 30 * 86_400_000;

/**
 * The state with one more event: in the profile (log and running totals) with
 * personalization consent, in the outbox with analytics consent unless older than the
 * edge takes (a history import still builds the profile). The log is compacted with
 * `fold` once it has loaded (until then it may run a few events over its limit). Throws,
 * changing nothing, when the event's time cannot be taken, saying why.
 */
export function withEvent(s: State, event: TrackedEvent, now: number, fold?: Fold): State {
  const problem = tsProblem(event.ts, now, s.agg);
  if (problem) throw new Error(`${event.name} ts out of range: ${problem}`);
  const next = { ...s };
  if (s.consent.personalization) {
    const log = insertByTime(s.log, event);
    ({ aggregate: next.agg, log: next.log } = fold ? compact(s.agg, log, now, fold) : { aggregate: s.agg, log });
  }
  if (s.consent.analytics && event.ts >= now - SEND_WITHIN_MS) next.out = addToOutbox(s.out, event);
  return next;
}
