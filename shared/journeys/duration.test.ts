import { describe, expect, it } from 'vitest';
import { clampWait, DAY_MS, HOUR_MS, MINUTE_MS, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['1m', MINUTE_MS],
    ['30m', 30 * MINUTE_MS],
    ['6h', 6 * HOUR_MS],
    ['45d', 45 * DAY_MS],
    ['400d', 400 * DAY_MS],
    ['9600h', 400 * DAY_MS],
    ['0m', null],
    ['401d', null],
    ['9601h', null],
    ['01m', null],
    ['1.5h', null],
    ['1w', null],
    ['1 m', null],
    ['m', null],
    ['-1d', null],
    ['', null],
  ])('%j → %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
});

describe('clampWait', () => {
  it.each([
    [57 * DAY_MS, 57 * DAY_MS],
    [0, MINUTE_MS],
    [-5, MINUTE_MS],
    [1000 * DAY_MS, 400 * DAY_MS],
  ])('%d → %d', (ms, out) => expect(clampWait(ms)).toBe(out));
});
