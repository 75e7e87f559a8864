import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('lets the limit through per window and key, then says how long to wait', () => {
    const limiter = new RateLimiter(10, 60_000);
    expect(limiter.take('a', 6, 0)).toBe(0);
    expect(limiter.take('a', 4, 1_000)).toBe(0);
    expect(limiter.take('a', 1, 30_000)).toBe(30);
    expect(limiter.take('b', 10, 30_000)).toBe(0);
    expect(limiter.take('a', 1, 60_000)).toBe(0);
  });
});
