import { describe, expect, it } from 'vitest';
import { DENIED, fromConsentMode, withGpc } from './consent.js';

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
