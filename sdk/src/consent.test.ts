import { describe, expect, it } from 'vitest';
import { DENIED, fromConsentMode, withConsent, withGpc } from './consent.js';
import { emptyState, type State } from './state.js';

const gtag = (...a: unknown[]) => (function (..._: unknown[]) { return arguments; })(...a);
const ALL = { analytics: true, personalization: true };

describe('fromConsentMode', () => {
  it.each([
    ['update granting both', gtag('consent', 'update', { analytics_storage: 'granted', personalization_storage: 'granted' }), DENIED, true, ALL],
    ['update denying analytics only', gtag('consent', 'update', { analytics_storage: 'denied' }), ALL, false, { analytics: false, personalization: true }],
    ['update about ads only leaves things alone', gtag('consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied' }), ALL, false, ALL],
    ['default counts when nothing is known yet', gtag('consent', 'default', { analytics_storage: 'granted' }), DENIED, true, { analytics: true, personalization: false }],
    ['default is ignored once a choice is known', gtag('consent', 'default', { analytics_storage: 'denied' }), ALL, false, null],
    ['an event is not a consent command', gtag('event', 'purchase', {}), ALL, true, null],
    ['a plain object push is not one either', { event: 'consent' }, ALL, true, null],
  ])('%s', (_, entry, current, withDefaults, expected) => {
    expect(fromConsentMode(entry, current, withDefaults)).toEqual(expected);
  });
});

describe('withGpc', () => {
  it('denies every purpose when Global Privacy Control is on', () => {
    expect(withGpc(ALL, true)).toEqual(DENIED);
    expect(withGpc(ALL, false)).toEqual(ALL);
    expect(withGpc(ALL, undefined)).toEqual(ALL);
  });
});

describe('withConsent', () => {
  const NOW = Date.UTC(2026, 5, 1);
  const held: State = {
    ...emptyState(),
    visitor: 'visitor000000001',
    consent: ALL,
    agg: { ...emptyState().agg, sessions: 4 },
    log: [{ id: 'event-00000001', name: 'page_view', ts: NOW }],
    out: [{ id: 'event-00000001', name: 'page_view', ts: NOW }],
    dec: null,
    asg: { 'hero-test': 'quotes' },
    me: { customerId: 'c-1', signature: 'sig' },
    traits: { tier: 'gold' },
    src: { first: 'email' },
  };
  const kept = (s: State) => ({ visitor: s.visitor, log: s.log.length, out: s.out.length, sessions: s.agg.sessions, me: !!s.me.customerId, traits: !!s.traits, src: !!s.src.first, asg: Object.keys(s.asg).length });

  it.each([
    ['both granted again: all stays', held, ALL, { visitor: held.visitor, log: 1, out: 1, sessions: 4, me: true, traits: true, src: true, asg: 1 }],
    ['analytics withdrawn: the outbox goes', held, { analytics: false, personalization: true }, { visitor: held.visitor, log: 1, out: 0, sessions: 4, me: true, traits: true, src: true, asg: 1 }],
    ['personalization withdrawn: the profile, identity and traits go', held, { analytics: true, personalization: false }, { visitor: held.visitor, log: 0, out: 1, sessions: 0, me: false, traits: false, src: false, asg: 1 }],
    ['both withdrawn: nothing stays, not even the id', held, DENIED, { visitor: null, log: 0, out: 0, sessions: 0, me: false, traits: false, src: false, asg: 0 }],
    ['a first grant makes the id', emptyState(), ALL, { visitor: 'newid00000000001', log: 0, out: 0, sessions: 0, me: false, traits: false, src: false, asg: 0 }],
  ])('%s', (_, state, consent, expected) => {
    const next = withConsent(state, consent, 'newid00000000001');
    expect(kept(next)).toEqual(expected);
    expect(next.consent).toEqual(consent);
  });
});
