import { describe, expect, it } from 'vitest';
import { standardErrors } from './standard-errors.js';

describe('standardErrors', () => {
  it('gives σ/√n for the mean of a normal sample (known variance)', () => {
    const sigma = 2;
    const n = 400;
    const negLogLikelihood = ([mu]: number[]) => (n * (mu - 5) ** 2) / (2 * sigma * sigma);
    expect(standardErrors(negLogLikelihood, [5])[0]).toBeCloseTo(sigma / Math.sqrt(n), 6);
  });

  it('accounts for correlation between parameters', () => {
    // −ln L = ½ xᵀ A x with A = [[2, 1], [1, 2]]; the covariance is A⁻¹ = [[2, −1], [−1, 2]] / 3.
    const f = ([x, y]: number[]) => 0.5 * (2 * x * x + 2 * x * y + 2 * y * y);
    const [sx, sy] = standardErrors(f, [0, 0]);
    expect(sx).toBeCloseTo(Math.sqrt(2 / 3), 6);
    expect(sy).toBeCloseTo(Math.sqrt(2 / 3), 6);
  });
});
