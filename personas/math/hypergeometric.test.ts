import { describe, expect, it } from 'vitest';
import { logAddExp, logHyp2f1 } from './hypergeometric.js';

describe('logHyp2f1', () => {
  it.each([0, 0.1, 0.5, 0.9, 0.99])('matches −ln(1−z)/z for ₂F₁(1,1;2;%s)', (z) => {
    const expected = z === 0 ? 1 : -Math.log(1 - z) / z;
    expect(Math.exp(logHyp2f1(1, 1, 2, z))).toBeCloseTo(expected, 10);
  });

  it.each([
    [0.3, 2.2, 0.4],
    [12.243, 0.7, 0.95],
    [150, 3, 0.8],
  ])('matches (1−z)^−a for ₂F₁(a=%s, b; b; z)', (a, b, z) => {
    expect(logHyp2f1(a, b, b, z)).toBeCloseTo(-a * Math.log(1 - z), 8);
  });

  it('refuses z outside [0, 1), where the series diverges', () => {
    expect(() => logHyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
  });
});
