/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1 by its power series, summed in log space.
 * Every term is positive there, so nothing cancels; the log domain only keeps the large
 * middle terms (many repeat purchases, z near 1) from overflowing.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(a > 0 && b > 0 && c > 0) || !(z >= 0 && z < 1)) {
    throw new RangeError(`logHyp2f1 needs a, b, c > 0 and 0 ≤ z < 1 (got ${a}, ${b}, ${c}, ${z})`);
  }
  if (z === 0) return 0;
  const logZ = Math.log(z);
  let logTerm = 0;
  let logSum = 0;
  for (let n = 0; n < 1_000_000; n++) {
    const logRatio = Math.log(a + n) + Math.log(b + n) - Math.log(c + n) - Math.log(n + 1) + logZ;
    logTerm += logRatio;
    logSum = logAddExp(logSum, logTerm);
    // Once the terms shrink geometrically (ratio well below 1), a negligible term ends the sum.
    if (logTerm - logSum < -37 && logRatio < Math.log((1 + z) / 2)) return logSum;
  }
  return logSum;
}

export function logAddExp(x: number, y: number): number {
  const hi = Math.max(x, y);
  if (hi === -Infinity) return -Infinity;
  return hi + Math.log(Math.exp(x - hi) + Math.exp(y - hi));
}
