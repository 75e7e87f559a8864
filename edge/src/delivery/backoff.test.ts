import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelay, RETRY_DELAYS_S } from './backoff.js';

describe('retry backoff', () => {
  it('retries first within 30 s, grows, and spreads at least 8 attempts over at least 24 h', () => {
    expect(retryDelay(1)).toBeLessThanOrEqual(30);
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(8);
    const total = RETRY_DELAYS_S.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(24 * 3600);
    for (let i = 1; i < RETRY_DELAYS_S.length; i++) expect(RETRY_DELAYS_S[i]).toBeGreaterThanOrEqual(RETRY_DELAYS_S[i - 1]);
    // Queues delay a message by at most 12 hours.
    expect(Math.max(...RETRY_DELAYS_S)).toBeLessThanOrEqual(43_200);
  });

  it.each([
    [0, null],
    [1, 5],
    [2, 30],
    [MAX_ATTEMPTS - 1, 43_200],
    [MAX_ATTEMPTS, null],
  ])('after attempt %d: %s', (attempt, delay) => expect(retryDelay(attempt)).toBe(delay));
});
