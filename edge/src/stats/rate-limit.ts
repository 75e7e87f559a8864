/**
 * Fixed-window counter per key, in the memory of the site's Durable Object (one instance
 * per site, so the count is exact). Losing it on eviction only ever lets a little more through.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait, or 0 when `cost` more is allowed now. */
  take(key: string, cost: number, now: number): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count + cost > this.limit) return Math.ceil((w.start + this.windowMs - now) / 1000);
    w.count += cost;
    return 0;
  }

  /** Whether `key` has used its whole allowance in the current window. */
  exhausted(key: string, now: number): number {
    const w = this.windows.get(key);
    return w && now - w.start < this.windowMs && w.count >= this.limit ? Math.ceil((w.start + this.windowMs - now) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
