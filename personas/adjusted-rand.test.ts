import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './adjusted-rand.js';

describe('adjustedRandIndex', () => {
  it.each([
    ['identical partitions', [0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2], 1],
    ['the same partition under other names', [0, 0, 1, 1], ['b', 'b', 'a', 'a'], 1],
    // By hand: cells 2,1,3 → index 1+0+3 = 4; row pairs 3+3 = 6, column pairs 1+6 = 7 of 15;
    // expected 6·7/15 = 2.8, maximum 6.5 → (4 − 2.8)/(6.5 − 2.8) = 0.3243.
    ['one point moved', [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1], 0.3243],
    ['a partition that cuts across', [0, 0, 1, 1], [0, 1, 0, 1], -0.5],
  ])('%s', (_, a, b, expected) => {
    expect(adjustedRandIndex(a, b)).toBeCloseTo(expected as number, 4);
  });
});
