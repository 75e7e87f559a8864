/** Composite Simpson's rule on [lo, hi] with `intervals` (made even) sub-intervals. */
export function integrate(f: (x: number) => number, lo: number, hi: number, intervals = 20_000): number {
  const n = intervals + (intervals % 2);
  const h = (hi - lo) / n;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}
