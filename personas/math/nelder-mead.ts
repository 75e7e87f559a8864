/**
 * Nelder–Mead simplex minimisation, restarted from its best point until a restart no longer
 * improves: a simplex can collapse early on the long, curved ridges of likelihood surfaces.
 */
export interface MinimizeOptions {
  /** Size of the first simplex's steps along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this (relative to |f|+1). */
  tolerance?: number;
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

export function minimize(f: (x: number[]) => number, start: number[], options: MinimizeOptions = {}): Minimum {
  const { step = 0.5, maxEvaluations = 20_000, tolerance = 1e-10 } = options;
  let best: Minimum = { x: start, value: f(start), evaluations: 1 };
  for (let restart = 0; restart < 10; restart++) {
    const run = simplexRun(f, best.x, step, maxEvaluations - best.evaluations, tolerance);
    const improved = best.value - run.value > tolerance * (Math.abs(best.value) + 1);
    best = { x: run.x, value: Math.min(run.value, best.value), evaluations: best.evaluations + run.evaluations };
    if (!improved || best.evaluations >= maxEvaluations) break;
  }
  return best;
}

function simplexRun(
  f: (x: number[]) => number,
  start: number[],
  step: number,
  budget: number,
  tolerance: number,
): Minimum {
  const n = start.length;
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let points = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] += step;
    points.push(p);
  }
  let values = points.map(safe);
  let evaluations = n + 1;
  while (evaluations < budget) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    points = order.map((i) => points[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + 1)) break;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d] += points[i][d] / n;
    const along = (t: number) => centroid.map((c, d) => c + t * (points[n][d] - c));

    const reflected = along(-1);
    const fr = safe(reflected);
    evaluations++;
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = safe(expanded);
      evaluations++;
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? along(-0.5) : along(0.5);
      const fc = safe(contracted);
      evaluations++;
      if (fc < Math.min(fr, values[n])) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          points[i] = points[i].map((v, d) => points[0][d] + 0.5 * (v - points[0][d]));
          values[i] = safe(points[i]);
        }
        evaluations += n;
      }
    }
  }
  const i = values.indexOf(Math.min(...values));
  return { x: points[i], value: values[i], evaluations };
}
