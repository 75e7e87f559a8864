import { describe, expect, it } from 'vitest';
import { logGamma } from './log-gamma.js';

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [0.5, 0.5 * Math.log(Math.PI)],
    [10, Math.log(362880)],
    [0.1, 2.252712651734206],
    [100, 359.1342053695754],
    [1e-5, 11.512919692895828],
  ])('ln Γ(%s) = %s', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 11);
  });

  it('satisfies Γ(x+1) = xΓ(x) across the range the likelihoods use', () => {
    for (const x of [0.013, 0.243, 0.793, 2.426, 7.7, 41.3, 1234.5]) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 9);
    }
  });
});
