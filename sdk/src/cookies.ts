import { bits, fromBits } from './consent.js';
import type { Consent } from './types.js';

export const ID_COOKIE = 'vitrine_id';
/** Thirteen months is the longest a consent-based analytics cookie may live (CNIL); 390 days stays under it. */
export const COOKIE_MAX_AGE = 390 * 86_400;

/**
 * Cookies are written directly rather than through a library: every value is cookie-safe
 * already, so there is nothing to encode, and a library was 8 % of the bundle's budget.
 */
export function setCookie(doc: Document, name: string, value: string, maxAgeSeconds = COOKIE_MAX_AGE) {
  doc.cookie = `${name}=${value};path=/;max-age=${value ? maxAgeSeconds : -1};samesite=lax${doc.location.protocol === 'https:' ? ';secure' : ''}`;
}

export const getCookie = (doc: Document, name: string) => doc.cookie.match(`(?:^|; )${name}=([^;]*)`)?.[1];

/**
 * The visitor id cookie, `<id>.<analytics><personalization><ads><email>` (one digit each,
 * 1 granted): its consent travels with it, for the SDK and for the edge. The two-digit
 * form of older SDKs reads as ads and email not granted.
 */
export function readIdCookie(doc: Document): { visitor: string; consent: Required<Consent> } | null {
  const m = /^([a-z0-9]{16})\.([01]{2,4})$/.exec(getCookie(doc, ID_COOKIE) ?? '');
  return m && { visitor: m[1], consent: fromBits(m[2]) };
}

/** Writes the id cookie, or removes it for a null visitor. */
export const writeIdCookie = (doc: Document, visitor: string | null, c: Consent) => setCookie(doc, ID_COOKIE, visitor ? `${visitor}.${bits(c)}` : '');
