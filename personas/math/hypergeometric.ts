/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1 by its power series. Every term is
 * positive there, so nothing cancels; the running sum is rescaled whenever it grows large,
 * so the big middle terms (many repeat purchases, z near 1) cannot overflow.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(a > 0 && b > 0 && c > 0) || !(z >= 0 && z < 1)) {
    throw new RangeError(`logHyp2f1 needs a, b, c > 0 and 0 ≤ z < 1 (got ${a}, ${b}, ${c}, ${z})`);
  }
  let term = 1;
  let sum = 1;
  let logScale = 0;
  const shrinking = (1 + z) / 2;
  for (let n = 0; n < 1_000_000; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (sum > 1e200) {
      sum *= 1e-200;
      term *= 1e-200;
      logScale += 200 * Math.LN10;
    }
    // Once the terms shrink geometrically (ratio well below 1), a negligible term ends the sum.
    if (term < 1e-16 * sum && ratio < shrinking) break;
  }
  return logScale + Math.log(sum);
}

export function logAddExp(x: number, y: number): number {
  const hi = Math.max(x, y);
  if (hi === -Infinity) return -Infinity;
  return hi + Math.log(Math.exp(x - hi) + Math.exp(y - hi));
}
