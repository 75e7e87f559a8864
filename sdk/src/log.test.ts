import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsTs, compact, insertByTime, LOG_LIMITS } from './log.js';
import { emptyAggregate } from './aggregate.js';
import { fold, summarize } from './summary.js';
import type { TrackedEvent } from './types.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

const names = ['page_view', 'view_item', 'add_to_cart', 'remove_from_cart', 'purchase', 'custom'];
const arbEvent = fc.record({
  gapMin: fc.integer({ min: 0, max: 60 * 24 * 3 }),
  name: fc.constantFrom(...names),
  id: fc.constantFrom('a', 'b', 'c', 'd'),
  category: fc.constantFrom('x', 'y', 'z'),
  price: fc.integer({ min: 1, max: 500 }),
  quantity: fc.integer({ min: 1, max: 3 }),
});

type Spec = { gapMin: number; name: string; id: string; category: string; price: number; quantity: number };

/** A time-ordered log ending at NOW. */
function toLog(specs: Spec[]): TrackedEvent[] {
  let ts = NOW;
  const reversed = [...specs].reverse().map((s, i) => {
    ts -= s.gapMin * 60_000;
    return {
      id: `e${i}`,
      name: s.name,
      ts,
      page_location: 'https://shop.example/',
      items: [{ item_id: s.id, item_category: s.category, price: s.price, quantity: s.quantity }],
      value: s.price * s.quantity,
    };
  });
  return reversed.reverse();
}

describe('compact', () => {
  it('keeps the summary exactly as it was while the log shrinks to its limits', () => {
    const limits = { count: 10, ageMs: 7 * DAY };
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 60 }), (specs) => {
        const log = toLog(specs);
        const { aggregate, log: kept } = compact(emptyAggregate(), log, NOW, fold, limits);
        expect(kept.length).toBeLessThanOrEqual(limits.count);
        expect(kept.every((e) => e.ts >= NOW - limits.ageMs)).toBe(true);
        expect(summarize(aggregate, kept)).toEqual(summarize(emptyAggregate(), log));
      }),
    );
  });

  it('keeps the summary right over many rounds of compaction, one event at a time', () => {
    const log = toLog(Array.from({ length: 300 }, (_, i) => ({ gapMin: 60 * 7, name: names[i % names.length], id: 'abcd'[i % 4], category: 'xyz'[i % 3], price: 10 + i, quantity: 1 })));
    let state = { aggregate: emptyAggregate(), log: [] as TrackedEvent[] };
    for (const e of log) state = compact(state.aggregate, [...state.log, e], e.ts, fold);
    expect(state.log.length).toBeLessThanOrEqual(LOG_LIMITS.count);
    expect(summarize(state.aggregate, state.log)).toEqual(summarize(emptyAggregate(), log));
  });

  it.each([
    ['a short, recent log stays whole', 5, 0, 5],
    ['a log over the count limit keeps the newest', LOG_LIMITS.count + 7, 0, LOG_LIMITS.count],
    ['events past the age limit leave', 5, 1, 0],
  ])('%s', (_, length, ageFactor, expectedLength) => {
    const log = Array.from({ length }, (_, i) => ({ id: `e${i}`, name: 'page_view', ts: NOW - ageFactor * (LOG_LIMITS.ageMs + DAY) + i }));
    expect(compact(emptyAggregate(), log, NOW, fold).log).toHaveLength(expectedLength);
  });
});

describe('backdated events', () => {
  const folded = { ...emptyAggregate(), lastTs: NOW - 3 * DAY };
  it.each([
    ['now', NOW, emptyAggregate(), true],
    ['two months ago', NOW - 60 * DAY, emptyAggregate(), true],
    ['just inside the age limit', NOW - LOG_LIMITS.ageMs, emptyAggregate(), true],
    ['past the age limit', NOW - LOG_LIMITS.ageMs - 1, emptyAggregate(), false],
    ['four minutes ahead (clock drift)', NOW + 4 * 60_000, emptyAggregate(), true],
    ['more than five minutes ahead', NOW + 5 * 60_000 + 1, emptyAggregate(), false],
    ['not a number', NaN, emptyAggregate(), false],
    ['after what the aggregate holds', NOW - 2 * DAY, folded, true],
    ['before what the aggregate holds', NOW - 4 * DAY, folded, false],
  ])('%s → %s', (_, ts, aggregate, accepted) => {
    expect(acceptsTs(ts, NOW, aggregate)).toBe(accepted);
  });

  it('go into the log in time order, so the summary is the one of the sorted history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 * 24 * 60 }), { maxLength: 40 }), (minutesAgo) => {
        const events = minutesAgo.map((m, i) => ({ id: `e${i}`, name: i % 3 ? 'page_view' : 'view_item', ts: NOW - m * 60_000, items: [{ item_id: `p${i % 5}`, item_category: 'x', price: i }] }));
        const log = events.reduce<TrackedEvent[]>(insertByTime, []);
        const sorted = [...events].sort((a, b) => a.ts - b.ts);
        expect(log.map((e) => e.ts)).toEqual(sorted.map((e) => e.ts));
        expect(summarize(emptyAggregate(), log)).toEqual(summarize(emptyAggregate(), sorted));
      }),
    );
  });
});
