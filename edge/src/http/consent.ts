import type { Consent } from '../../../shared/schema/common.js';

/** Every purpose, decided: what the edge acts on. */
export type EffectiveConsent = Required<Consent>;

/**
 * Consent as the edge applies it. A purpose the request does not grant is false. `Sec-GPC: 1`
 * (Global Privacy Control) is the visitor's "do not sell or share": it withdraws `ads`
 * whatever the page says, so no audience is built and nothing goes to any destination but
 * the site's own reports. Analytics and personalization stay as granted: they are the
 * site's own first-party use, which GPC does not object to.
 */
export function effectiveConsent(gpc: boolean | undefined, consent: Consent): EffectiveConsent {
  return {
    analytics: consent.analytics === true,
    personalization: consent.personalization === true,
    ads: gpc !== true && consent.ads === true,
    email: consent.email === true,
  };
}
