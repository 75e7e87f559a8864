/** A visit ends after 30 minutes without an event, the common analytics definition. */
export const SESSION_GAP_MS = 30 * 60_000;

/** Whether an event at `ts` opens a new session after the previous event at `lastTs`. */
export function startsSession(lastTs: number | undefined, ts: number): boolean {
  return lastTs === undefined || ts - lastTs > SESSION_GAP_MS;
}
