import { describe, expect, it } from 'vitest';
import { addToOutbox, MAX_OUTBOX, RESEND_WITHIN_MS, resendable, withoutSent } from './outbox.js';
import type { TrackedEvent } from './types.js';

const NOW = Date.UTC(2026, 5, 1);
const event = (i: number, ts = NOW): TrackedEvent => ({ id: `event-${String(i).padStart(4, '0')}`, name: 'page_view', ts });
const events = (n: number) => Array.from({ length: n }, (_, i) => event(i));

describe('the outbox', () => {
  it.each([
    ['an empty outbox takes the event', [], 0, ['event-0000']],
    ['events stay in the order they came', events(2), 2, ['event-0000', 'event-0001', 'event-0002']],
    ['a full outbox (offline for days) drops its oldest', events(MAX_OUTBOX), MAX_OUTBOX + 1, null],
  ])('%s', (_, out, added, ids) => {
    const next = addToOutbox(out, event(added));
    if (ids) expect(next.map((e) => e.id).slice(-ids.length)).toEqual(ids);
    else {
      expect(next).toHaveLength(MAX_OUTBOX);
      expect(next[0].id).toBe('event-0001');
      expect(next.at(-1)!.id).toBe(`event-0${MAX_OUTBOX + 1}`);
    }
    expect(out).not.toBe(next);
  });

  it.each([
    ['what the edge took leaves', events(3), [event(0), event(2)], ['event-0001']],
    ['matched by id, also for copies read back from storage', events(2), [structuredClone(event(1))], ['event-0000']],
    ['nothing sent, nothing leaves', events(2), [], ['event-0000', 'event-0001']],
  ])('%s', (_, out, sent, ids) => {
    expect(withoutSent(out, sent).map((e) => e.id)).toEqual(ids);
  });

  it.each([
    ['a day old: resent', NOW - 86_400_000, true],
    ['just inside what the edge still dedupes', NOW - RESEND_WITHIN_MS, true],
    ['older: dropped, not risked twice', NOW - RESEND_WITHIN_MS - 1, false],
  ])('left by an earlier page, %s', (_, ts, kept) => {
    expect(resendable([event(1, ts)], NOW)).toHaveLength(kept ? 1 : 0);
  });
});
