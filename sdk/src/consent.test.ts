import { describe, expect, it } from 'vitest';
import { bits, DENIED, fromBits, fromConsentMode, mayStore, withConsent, withGpc } from './consent.js';
import { emptyState, type State } from './state.js';

const gtag = (...a: unknown[]) => (function (..._: unknown[]) { return arguments; })(...a);
/** A choice from its four digits: analytics, personalization, ads, email. */
const c = (digits: string) => fromBits(digits);
const ALL = c('1111');

describe('the choice as digits', () => {
  it.each([
    [{ analytics: true, personalization: false }, '1000'],
    [{ analytics: false, personalization: true, ads: true }, '0110'],
    [{ analytics: true, personalization: true, ads: true, email: true }, '1111'],
  ])('%j ↔ %s (missing purposes are false)', (consent, digits) => {
    expect(bits(consent)).toBe(digits);
    expect(fromBits(digits)).toEqual({ ads: false, email: false, ...consent });
  });

  it('reads the two digits of an older SDK as ads and email not granted', () => {
    expect(fromBits('11')).toEqual({ analytics: true, personalization: true, ads: false, email: false });
  });

  it.each([
    ['0000', false],
    ['1000', true],
    ['0001', true],
    ['0010', true],
  ])('%s lets the SDK keep an id: %s', (digits, stores) => {
    expect(mayStore(c(digits))).toBe(stores);
  });
});

describe('fromConsentMode', () => {
  it.each([
    ['update granting analytics and personalization', gtag('consent', 'update', { analytics_storage: 'granted', personalization_storage: 'granted' }), DENIED, true, c('1100')],
    ['update denying analytics only', gtag('consent', 'update', { analytics_storage: 'denied' }), c('1100'), false, c('0100')],
    ['ad_user_data and ad_personalization both granted: ads', gtag('consent', 'update', { ad_user_data: 'granted', ad_personalization: 'granted' }), c('1100'), false, c('1110')],
    ['either denied: no ads', gtag('consent', 'update', { ad_user_data: 'granted', ad_personalization: 'denied' }), ALL, false, c('1101')],
    ['ad_user_data denied alone: no ads', gtag('consent', 'update', { ad_user_data: 'denied' }), ALL, false, c('1101')],
    ['one granted alone leaves ads as they were', gtag('consent', 'update', { ad_user_data: 'granted' }), c('1100'), false, c('1100')],
    ['ad_storage is not ads (it is cookies for ads, not targeting)', gtag('consent', 'update', { ad_storage: 'denied' }), ALL, false, ALL],
    ['email has no signal and stays', gtag('consent', 'update', { analytics_storage: 'denied' }), c('1101'), false, c('0101')],
    ['default counts when nothing is known yet', gtag('consent', 'default', { analytics_storage: 'granted' }), DENIED, true, c('1000')],
    ['default is ignored once a choice is known', gtag('consent', 'default', { analytics_storage: 'denied' }), ALL, false, null],
    ['an event is not a consent command', gtag('event', 'purchase', {}), ALL, true, null],
    ['a plain object push is not one either', { event: 'consent' }, ALL, true, null],
  ])('%s', (_, entry, current, withDefaults, expected) => {
    expect(fromConsentMode(entry, current, withDefaults)).toEqual(expected);
  });
});

describe('withGpc', () => {
  it.each([
    ['turns ads off, and only ads', ALL, true, c('1101')],
    ['leaves a choice without ads alone', c('1100'), true, c('1100')],
    ['changes nothing when off', ALL, false, ALL],
    ['changes nothing when the browser does not say', ALL, undefined, ALL],
  ])('%s', (_, consent, gpc, expected) => {
    expect(withGpc(consent, gpc)).toEqual(expected);
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
  const all = { visitor: held.visitor, log: 1, out: 1, sessions: 4, me: true, traits: true, src: true, asg: 1 };
  const noProfile = { log: 0, sessions: 0, traits: false, src: false };

  it.each([
    ['everything granted again: all stays', held, ALL, all],
    ['analytics withdrawn: the outbox goes', held, c('0111'), { ...all, out: 0 }],
    ['personalization withdrawn: profile and traits go, the identity stays for ads and email', held, c('1011'), { ...all, ...noProfile }],
    ['personalization, ads and email withdrawn: the identity goes too', held, c('1000'), { ...all, ...noProfile, me: false }],
    ['email alone keeps the id and the identity', held, c('0001'), { ...all, ...noProfile, out: 0 }],
    ['everything withdrawn: nothing stays, not even the id', held, DENIED, { visitor: null, log: 0, out: 0, sessions: 0, me: false, traits: false, src: false, asg: 0 }],
    ['a first grant makes the id', emptyState(), c('1100'), { visitor: 'newid00000000001', log: 0, out: 0, sessions: 0, me: false, traits: false, src: false, asg: 0 }],
  ])('%s', (_, state, consent, expected) => {
    const next = withConsent(state, consent, 'newid00000000001');
    expect(kept(next)).toEqual(expected);
    expect(next.consent).toEqual(consent);
  });
});
