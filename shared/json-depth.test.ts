import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from './json-depth.js';

const nest = (levels: number) => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('nestedDeeperThan', () => {
  it.each([
    [1, 0, false],
    [{}, 1, false],
    [{ a: 1 }, 0, true],
    [nest(64), 64, false],
    [nest(65), 64, true],
    [nest(100_000), 64, true],
    [{ wide: Array.from({ length: 10_000 }, () => ({ x: [1] })) }, 4, false],
    [{ wide: Array.from({ length: 10_000 }, () => ({ x: [1] })) }, 3, true],
  ])('%#', (value, max, deeper) => expect(nestedDeeperThan(value, max)).toBe(deeper));
});
