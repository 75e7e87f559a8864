import type { Consent } from '../../../shared/schema/common.js';

/** No cookie, a garbled one, or Global Privacy Control: nothing personal is used. */
export const DENIED: Consent = { analytics: false, personalization: false };

export interface VisitorCookies {
  visitor: string | null;
  consent: Consent;
}

/**
 * The SDK's first-party id cookie, `vitrine_id=<16 × [a-z0-9]>.<analytics><personalization>`
 * (sdk/README.md, "Consent"): the visitor id with the consent it was given under. Anything
 * else reads as no cookie. `Sec-GPC: 1` denies everything, as the SDK's own check does.
 */
export function visitorCookies(cookies: Readonly<Record<string, string>>, gpc: boolean | undefined): VisitorCookies {
  const m = /^([a-z0-9]{16})\.([01])([01])$/.exec(Object.hasOwn(cookies, 'vitrine_id') ? cookies.vitrine_id : '');
  if (!m || gpc) return { visitor: null, consent: DENIED };
  return { visitor: m[1], consent: { analytics: m[2] === '1', personalization: m[3] === '1' } };
}
