import { describe, expect, it } from 'vitest';
import { minimize } from './nelder-mead.js';

describe('minimize (Nelder–Mead)', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const { x, value } = minimize(rosenbrock, [-1.2, 1]);
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(1, 4);
    expect(value).toBeLessThan(1e-8);
  });

  it('finds a shifted quadratic in four dimensions', () => {
    const target = [3, -2, 0.5, 10];
    const { x } = minimize((p) => p.reduce((s, v, i) => s + (i + 1) * (v - target[i]) ** 2, 0), [0, 0, 0, 0]);
    x.forEach((v, i) => expect(v).toBeCloseTo(target[i], 4));
  });

  it('treats a non-finite value as worse than any finite one', () => {
    const { x } = minimize(([v]) => (v < 0 ? NaN : (v - 2) ** 2), [1]);
    expect(x[0]).toBeCloseTo(2, 4);
  });
});
