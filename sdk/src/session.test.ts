import { describe, expect, it } from 'vitest';
import { SESSION_GAP_MS, startsSession } from './session.js';

const MIN = 60_000;

describe('startsSession', () => {
  it.each([
    ['the very first event', undefined, 0, true],
    ['an event a minute later', 0, MIN, false],
    ['an event exactly 30 minutes later', 0, SESSION_GAP_MS, false],
    ['an event 30 minutes and a millisecond later', 0, SESSION_GAP_MS + 1, true],
    ['an event the next day', 0, 24 * 60 * MIN, true],
  ])('%s → new session: %s', (_, last, ts, expected) => {
    expect(startsSession(last, ts)).toBe(expected);
  });
});
