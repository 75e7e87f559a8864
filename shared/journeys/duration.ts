/**
 * Journey waits are written the way marketers say them: "30m", "6h", "45d". One minute is
 * the shortest (the alarm's granularity is finer, but a shorter wait is a bug in a plan),
 * 400 days the longest (a yearly reminder plus a month of slack).
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const MIN_WAIT_MS = MINUTE_MS;
export const MAX_WAIT_MS = 400 * DAY_MS;

const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;
const DURATION = /^([1-9][0-9]{0,5})(m|h|d)$/;

/** Milliseconds of "45d", or null when it is not a duration between 1m and 400d. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms >= MIN_WAIT_MS && ms <= MAX_WAIT_MS ? ms : null;
}

/** Keeps a computed wait (a persona's median gap) inside the bounds a written one has. */
export function clampWait(ms: number): number {
  return Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, Math.round(ms)));
}
