/**
 * ln ∫_a^b e^{g(u)} du for a concave g (slope g' falling), by composite 16-point
 * Gauss–Legendre. Each piece is as wide as keeps |g'|·width ≤ 8 at both its ends (where a
 * falling slope is largest in size), at most 2: within that an exponential and the smooth
 * rest integrate to about 1e-13. Each piece is summed relative to its own largest term, so
 * nothing overflows or underflows. `done(end, logSum)` may end the sum after a piece.
 */
const X = [
  0.09501250983763744, 0.2816035507792589, 0.45801677765722737, 0.6178762444026438, 0.755404408355003, 0.8656312023878318,
  0.9445750230732326, 0.9894009349916499,
];
const W = [
  0.18945061045506864, 0.18260341504492364, 0.16915651939500265, 0.1495959888165767, 0.12462897125553407, 0.0951585116824926,
  0.062253523938647456, 0.027152459411754176,
];

export function logIntegrateExp(
  g: (u: number) => number,
  slope: (u: number) => number,
  a: number,
  b: number,
  done: (end: number, logSum: number) => boolean = () => false,
): number {
  if (!(b > a)) return -Infinity;
  const values = new Float64Array(16);
  let logSum = -Infinity;
  let width = 2;
  for (let start = a; start < b; ) {
    width = Math.min(2, 2 * width, b - start);
    while (width * Math.max(Math.abs(slope(start)), Math.abs(slope(start + width))) > 8) width /= 2;
    const mid = start + width / 2;
    let max = -Infinity;
    for (let i = 0; i < 8; i++) {
      values[2 * i] = g(mid - (X[i] * width) / 2);
      values[2 * i + 1] = g(mid + (X[i] * width) / 2);
      max = Math.max(max, values[2 * i], values[2 * i + 1]);
    }
    if (max > -Infinity) {
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += W[i] * (Math.exp(values[2 * i] - max) + Math.exp(values[2 * i + 1] - max));
      const piece = max + Math.log((sum * width) / 2);
      logSum = logSum === -Infinity ? piece : Math.max(logSum, piece) + Math.log1p(Math.exp(-Math.abs(logSum - piece)));
    }
    start = b - start - width < 1e-12 * Math.max(1, Math.abs(b)) ? b : start + width;
    if (done(start, logSum)) break;
  }
  return logSum;
}
