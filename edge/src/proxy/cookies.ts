import type { Consent } from '../../../shared/schema/common.js';

/** No cookie or a garbled one: nothing personal is used. */
const DENIED: Consent = { analytics: false, personalization: false, ads: false, email: false };

/** The purposes in the order of the id cookie's digits. */
const PURPOSES = ['analytics', 'personalization', 'ads', 'email'] as const;

export interface VisitorCookies {
  visitor: string | null;
  consent: Consent;
}

/**
 * The SDK's first-party id cookie, `vitrine_id=<16 × [a-z0-9]>.<digits>` (sdk/README.md,
 * "Consent"): the visitor id with the consent it was given under, one digit per purpose
 * (analytics, personalization, ads, email; an older SDK's two digits leave ads and email
 * off). Anything else reads as no cookie. Global Privacy Control (`Sec-GPC: 1`) turns ads
 * off, as the SDK's own check does.
 */
export function visitorCookies(cookies: Readonly<Record<string, string>>, gpc: boolean | undefined): VisitorCookies {
  const m = /^([a-z0-9]{16})\.([01]{2,4})$/.exec(Object.hasOwn(cookies, 'vitrine_id') ? cookies.vitrine_id : '');
  if (!m) return { visitor: null, consent: DENIED };
  const consent = Object.fromEntries(PURPOSES.map((p, i) => [p, m[2][i] === '1'])) as Required<Consent>;
  return { visitor: m[1], consent: gpc ? { ...consent, ads: false } : consent };
}
