/**
 * When a failed attempt is tried again: seconds after attempt n (1-based) failed. Ten
 * attempts over about 36 hours — the first retry after 5 s (a blip), the last a day and a
 * half later (a receiver down overnight, through a weekend morning). Queues delay a retry
 * by at most 12 h, which the longest steps are.
 */
export const RETRY_DELAYS_S = [5, 30, 120, 600, 3_600, 10_800, 28_800, 43_200, 43_200] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;

/** Seconds to wait after attempt `attempt` failed, or null when it was the last. */
export function retryDelay(attempt: number): number | null {
  return attempt >= 1 && attempt < MAX_ATTEMPTS ? RETRY_DELAYS_S[attempt - 1] : null;
}
