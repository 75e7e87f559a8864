import { acceptsTs, compact, insertByTime } from './log.js';
import { addToOutbox } from './outbox.js';
import type { State } from './state.js';
import type { TrackedEvent } from './types.js';

/**
 * The state with one more event: in the profile (log and running totals) with
 * personalization consent, in the outbox with analytics consent. Throws, changing nothing,
 * when the event's time cannot be taken.
 */
export function withEvent(s: State, event: TrackedEvent, now: number): State {
  if (!acceptsTs(event.ts, now, s.agg)) throw new Error(`${event.name} ts out of range`);
  const next = { ...s };
  if (s.consent.personalization) ({ aggregate: next.agg, log: next.log } = compact(s.agg, insertByTime(s.log, event), now));
  if (s.consent.analytics) next.out = addToOutbox(s.out, event);
  return next;
}
