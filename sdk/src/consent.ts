import { DENIED, emptyState, type State } from './state.js';
import { emptyAggregate } from './aggregate.js';
import type { Consent } from './types.js';

export { DENIED };

/** The purposes, in the order of the cookie's digits. */
export const PURPOSES = ['analytics', 'personalization', 'ads', 'email'] as const;

/** A choice as four digits, one per purpose in PURPOSES' order (`"1100"`): the cookie's form, and cheap to compare. */
export const bits = (c: Consent) => PURPOSES.map((p) => +!!c[p]).join('');
/** Digits back to a choice; a missing digit (a cookie of two, from an older SDK) is false. */
export const fromBits = (b: string) => Object.fromEntries(PURPOSES.map((p, i) => [p, b[i] === '1'])) as Required<Consent>;

/** Any purpose lets us keep a visitor id (the cookie records the choice); none means nothing is stored. */
export const mayStore = (c: Consent) => PURPOSES.some((p) => c[p]);

/**
 * Global Privacy Control is an opt-out of sale, sharing and targeted ads: it turns `ads`
 * off whatever else says; the other purposes follow the visitor's own choice.
 */
export const withGpc = (c: Required<Consent>, gpc: boolean | undefined): Required<Consent> => (gpc ? { ...c, ads: false } : c);

/**
 * The state under a new choice. Without any purpose nothing is kept (not even the id);
 * otherwise the visitor keeps its id (`newId` when it had none) and a purpose withdrawn
 * takes its data with it.
 */
export function withConsent(s: State, c: Required<Consent>, newId: string): State {
  if (!mayStore(c)) return { ...emptyState(), consent: c };
  return {
    ...s,
    consent: c,
    visitor: s.visitor ?? newId,
    out: c.analytics ? s.out : [],
    ...(!c.personalization && { agg: emptyAggregate(), log: [], dec: null, src: {}, traits: undefined }),
    // The identity serves personalization and the ads and email audiences.
    ...(!(c.personalization || c.ads || c.email) && { me: {} }),
  };
}

/**
 * Folds a Google Consent Mode v2 command (`gtag('consent', 'default'|'update', {…})` as it
 * sits in `dataLayer`) over `current`: `analytics_storage` sets analytics,
 * `personalization_storage` personalization, and `ad_user_data` with `ad_personalization`
 * set ads (both granted: granted; either denied: denied; one granted alone changes
 * nothing, the other is not known). Email has no Consent Mode signal. A command that
 * names none of these leaves things as they are. Returns null when the entry is not a
 * consent command we follow.
 *
 * A `default` is what a CMP pushes on every page before it restores the visitor's stored
 * choice with an `update`, so it only counts when no choice is known yet (`withDefaults`);
 * otherwise every page view would first wipe a consenting visitor.
 */
export function fromConsentMode(entry: unknown, current: Required<Consent>, withDefaults: boolean): Required<Consent> | null {
  const e = entry as Record<number, unknown> | null;
  if (!e || e[0] !== 'consent' || (e[1] !== 'update' && !(withDefaults && e[1] === 'default'))) return null;
  if (!e[2] || typeof e[2] !== 'object') return null;
  const s = e[2] as Record<string, unknown>;
  const read = (key: string, was: boolean) => (s[key] === undefined ? was : s[key] === 'granted');
  const ads = [s.ad_user_data, s.ad_personalization];
  return {
    ...current,
    analytics: read('analytics_storage', current.analytics),
    personalization: read('personalization_storage', current.personalization),
    ads: ads.includes('denied') ? false : ads.every((v) => v === 'granted') || current.ads,
  };
}
