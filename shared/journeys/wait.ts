import type { Wait } from '../schema/journeys.js';
import { clampWait, DAY_MS, parseDuration } from './duration.js';

/**
 * The uploaded field a persona wait reads: the median days between orders of the persona
 * the persona builder put this customer in (`personas` writes it on each customers.ndjson
 * line, uploaded with `PUT …/traits`).
 */
export const PERSONA_GAP_FIELD = 'personaMedianGapDays';

/** How long a run waits: the written duration, or the customer's persona gap (kept within 1m–400d), else the fallback. */
export function waitMs(wait: Wait, customer?: Record<string, unknown>): number {
  if (typeof wait === 'string') return parseDuration(wait)!;
  const gap = customer && Object.hasOwn(customer, PERSONA_GAP_FIELD) ? customer[PERSONA_GAP_FIELD] : undefined;
  return typeof gap === 'number' && Number.isFinite(gap) && gap > 0 ? clampWait(gap * DAY_MS) : parseDuration(wait.fallback)!;
}
