import { describe, expect, it } from 'vitest';
import { DAY_MS, MINUTE_MS } from './duration.js';
import { waitMs } from './wait.js';

const persona = { personaMedianGap: true as const, fallback: '45d' };

describe('waitMs', () => {
  it.each([
    ['a written duration', '30m', undefined, 30 * MINUTE_MS],
    ['the persona gap of an identified customer', persona, { personaMedianGapDays: 57 }, 57 * DAY_MS],
    ['a fractional gap', persona, { personaMedianGapDays: 0.5 }, DAY_MS / 2],
    ['the fallback for an anonymous visitor', persona, undefined, 45 * DAY_MS],
    ['the fallback when the upload has no gap (one-time buyers)', persona, { personaMedianGapDays: null }, 45 * DAY_MS],
    ['the fallback for a gap that is no number', persona, { personaMedianGapDays: '57' }, 45 * DAY_MS],
    ['the fallback for a zero gap', persona, { personaMedianGapDays: 0 }, 45 * DAY_MS],
    ['at most 400 days', persona, { personaMedianGapDays: 9000 }, 400 * DAY_MS],
    ['an inherited field is not read', persona, Object.create({ personaMedianGapDays: 3 }), 45 * DAY_MS],
  ])('%s', (_what, wait, customer, ms) => expect(waitMs(wait, customer)).toBe(ms));
});
