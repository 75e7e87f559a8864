import { describe, expect, it } from 'vitest';
import { LOG_LIMITS } from './log.js';
import { emptyState, type State } from './state.js';
import { fold, summarize } from './summary.js';
import { withEvent } from './track.js';
import type { TrackedEvent } from './types.js';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const view = (ts = NOW): TrackedEvent => ({ id: 'event-00000001', name: 'view_item', ts, items: [{ item_id: 'b1', item_category: 'books', price: 10 }] });
const state = (consent: Pick<State['consent'], 'analytics' | 'personalization'>, extra: Partial<State> = {}): State => ({ ...emptyState(), visitor: 'visitor000000001', consent: { ads: false, email: false, ...consent }, ...extra });

describe('withEvent', () => {
  it.each([
    ['both purposes: into the profile and the outbox', { analytics: true, personalization: true }, 1, 1],
    ['analytics only: the outbox, not the profile', { analytics: true, personalization: false }, 0, 1],
    ['personalization only: the profile, not the outbox', { analytics: false, personalization: true }, 1, 0],
  ])('%s', (_, consent, logged, queued) => {
    const next = withEvent(state(consent), view(), NOW);
    expect(next.log).toHaveLength(logged);
    expect(next.out).toHaveLength(queued);
    expect(next.agg).toEqual(emptyState().agg);
  });

  it.each([
    ['more than 5 minutes ahead', NOW + 5 * 60_000 + 1, emptyState().agg, 'over 5 min ahead'],
    ['older than the 90 days the log keeps', NOW - 91 * DAY, emptyState().agg, 'over 90 days old'],
    ['before what the running totals already hold', NOW - 2 * DAY, { ...emptyState().agg, lastTs: NOW - DAY }, 'before events already summed up'],
    ['not a number', NaN, emptyState().agg, 'not a number'],
  ])('refuses an event %s, saying why and changing nothing', (_, ts, agg, why) => {
    const s = state({ analytics: true, personalization: true }, { agg });
    expect(() => withEvent(s, view(ts), NOW)).toThrow(`view_item ts out of range: ${why}`);
  });

  it.each([
    ['now', NOW, 1, 1],
    ['4 minutes ahead (clock drift)', NOW + 4 * 60_000, 1, 1],
    ['29 days ago', NOW - 29 * DAY, 1, 1],
    ['31 days ago: into the profile, not to the edge (it takes 30 days)', NOW - 31 * DAY, 1, 0],
  ])('takes an event from %s', (_, ts, logged, queued) => {
    const next = withEvent(state({ analytics: true, personalization: true }), view(ts), NOW);
    expect([next.log.length, next.out.length]).toEqual([logged, queued]);
  });

  it('compacts the log into the running totals once the fold has loaded; until then the log just grows', () => {
    const full = state({ analytics: false, personalization: true }, { log: Array.from({ length: LOG_LIMITS.count }, (_, i) => view(NOW - LOG_LIMITS.count + i)) });
    const before = withEvent(full, view(), NOW);
    expect(before.log).toHaveLength(LOG_LIMITS.count + 1);
    const after = withEvent(full, view(), NOW, fold);
    expect(after.log).toHaveLength(LOG_LIMITS.count);
    expect(summarize(after.agg, after.log)).toEqual(summarize(before.agg, before.log));
  });

  it('does not change the state it was given', () => {
    const s = state({ analytics: true, personalization: true });
    const copy = structuredClone(s);
    withEvent(s, view(), NOW);
    expect(s).toEqual(copy);
  });
});
