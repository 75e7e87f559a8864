import { DENIED, emptyState, type State } from './state.js';
import { emptyAggregate } from './summary.js';
import type { Consent } from './types.js';

export { DENIED };

/** A choice as two digits, analytics then personalization (`"10"`): the cookie's form, and cheap to compare. */
export const bits = (c: Consent) => `${+!!c.analytics}${+!!c.personalization}`;
export const fromBits = (b: string): Consent => ({ analytics: b[0] === '1', personalization: b[1] === '1' });

/** Either purpose lets us keep a visitor id and local data; neither means nothing is stored. */
export const mayStore = (c: Consent) => c.analytics || c.personalization;

/** Global Privacy Control vetoes every purpose, whatever else was granted. */
export function withGpc(c: Consent, gpc: boolean | undefined): Consent {
  return gpc ? DENIED : c;
}

/**
 * The state under a new choice. Without any purpose nothing is kept (not even the id);
 * otherwise the visitor keeps its id (`newId` when it had none) and a purpose withdrawn
 * takes its data with it.
 */
export function withConsent(s: State, c: Consent, newId: string): State {
  if (!mayStore(c)) return { ...emptyState(), consent: c };
  return {
    ...s,
    consent: c,
    visitor: s.visitor ?? newId,
    out: c.analytics ? s.out : [],
    ...(!c.personalization && { agg: emptyAggregate(), log: [], dec: null, src: {}, traits: undefined, me: {} }),
  };
}

/**
 * Folds a Google Consent Mode v2 command (`gtag('consent', 'default'|'update', {…})` as it
 * sits in `dataLayer`) over `current`: `analytics_storage` sets analytics and
 * `personalization_storage` sets personalization; a command that names neither leaves
 * things as they are. Returns null when the entry is not a consent command we follow.
 *
 * A `default` is what a CMP pushes on every page before it restores the visitor's stored
 * choice with an `update`, so it only counts when no choice is known yet (`withDefaults`);
 * otherwise every page view would first wipe a consenting visitor.
 */
export function fromConsentMode(entry: unknown, current: Consent, withDefaults: boolean): Consent | null {
  const e = entry as Record<number, unknown> | null;
  if (!e || e[0] !== 'consent' || (e[1] !== 'update' && !(withDefaults && e[1] === 'default'))) return null;
  if (!e[2] || typeof e[2] !== 'object') return null;
  const s = e[2] as Record<string, unknown>;
  const read = (key: string, was: boolean) => (s[key] === undefined ? was : s[key] === 'granted');
  return {
    analytics: read('analytics_storage', current.analytics),
    personalization: read('personalization_storage', current.personalization),
  };
}
