import { describe, expect, it } from 'vitest';
import { formatChance, formatChange, formatCount, formatPercent, formatPValue, formatSplit } from './format';

describe('format', () => {
  it.each([
    [formatCount(5230), '5,230'],
    [formatPercent(0.0312), '3.1%'],
    [formatPercent(0.03, 2), '3%'],
    [formatChange(0.31), '+31%'],
    [formatChange(-0.052), '\u22125.2%'],
    [formatChange(0.00001), '0%'],
    [formatPValue(0.0341), 'p=0.034'],
    [formatPValue(0.0001), 'p=0.0001'],
    [formatPValue(0.00000004), 'p<0.0001'],
    [formatPValue(1), 'p=1'],
    [formatChance(0.997), 'over 99%'],
    [formatChance(0.004), 'under 1%'],
    [formatChance(0.734), '73%'],
    [formatSplit([0.5, 0.5]), '50/50'],
    [formatSplit([1, 1, 2]), '25/25/50'],
    [formatSplit([1, 2]), '33.3/66.7'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
