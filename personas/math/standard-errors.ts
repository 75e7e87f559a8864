/**
 * Asymptotic standard errors of a maximum-likelihood estimate: the square roots of the
 * diagonal of the inverse observed information (the Hessian of −ln L, by central differences).
 * Taken in the optimiser's log-parameter space, a standard error there is a relative error.
 */
export function standardErrors(negLogLikelihood: (x: number[]) => number, at: number[], h = 1e-3): number[] {
  const n = at.length;
  const f = (dx: Record<number, number>) => negLogLikelihood(at.map((v, i) => v + (dx[i] ?? 0)));
  const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const f0 = f({});
  for (let i = 0; i < n; i++) {
    hessian[i][i] = (f({ [i]: h }) - 2 * f0 + f({ [i]: -h })) / (h * h);
    for (let j = 0; j < i; j++) {
      const mixed = (f({ [i]: h, [j]: h }) - f({ [i]: h, [j]: -h }) - f({ [i]: -h, [j]: h }) + f({ [i]: -h, [j]: -h })) / (4 * h * h);
      hessian[i][j] = hessian[j][i] = mixed;
    }
  }
  return invert(hessian).map((row, i) => Math.sqrt(row[i]));
}

/** Gauss–Jordan inversion with partial pivoting (the matrices here are 3×3 or 4×4). */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const m = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (m[pivot][col] === 0) throw new Error('the information matrix is singular');
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const scale = m[col][col];
    m[col] = m[col].map((v) => v / scale);
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r][col];
      m[r] = m[r].map((v, k) => v - factor * m[col][k]);
    }
  }
  return m.map((row) => row.slice(n));
}
