import type { DecideRequest } from '../../../shared/schema/decide.js';
import { keys } from '../config/keys.js';

export type IdentityStatus = 'verified' | 'unsigned' | 'invalid' | 'unknown';
export interface IdentityCheck {
  status: IdentityStatus;
  reason?: string;
  /** Set once the signature checks, whether or not data was uploaded for the customer. */
  customerId?: string;
  /** The shop's uploaded data for this customer: `customer.*` in the attribute tree. */
  customer?: Record<string, unknown>;
}

/** A signature may be made at most this far ahead: a leaked one stops working within a month. */
export const MAX_IDENTITY_TTL_S = 30 * 86_400;

/**
 * Uploaded customer data applies only when the page proves who it is talking about:
 * signature v2 is lowercase hex HMAC-SHA256 of `${site}:${customerId}:${expires}` under
 * the site's identity secret, made on the shop's server. The site and the expiry are
 * signed, so a signature is worth nothing on another site or after it expires. Anything
 * less is ignored with a reason, never an error, so a page never breaks on it.
 */
export async function checkIdentity(
  kv: KVNamespace,
  site: string,
  identity: DecideRequest['identity'],
  now: number,
): Promise<IdentityCheck | undefined> {
  if (!identity) return undefined;
  if (!identity.signature) return { status: 'unsigned', reason: 'identify() was called without a signature' };
  if (identity.expires === undefined) return { status: 'invalid', reason: 'the signature has no expires (signature v2 signs site, customer id and expires)' };
  const seconds = Math.floor(now / 1000);
  if (identity.expires <= seconds) return { status: 'invalid', reason: 'the signature has expired' };
  if (identity.expires > seconds + MAX_IDENTITY_TTL_S + 300) return { status: 'invalid', reason: 'expires is more than 30 days ahead' };
  // A store that fails leaves the visitor anonymous for this answer; the page still gets one.
  return verify(kv, site, identity.customerId, identity.expires, identity.signature).catch(
    (): IdentityCheck => ({ status: 'unknown', reason: 'customer data is unavailable right now' }),
  );
}

async function verify(kv: KVNamespace, site: string, customerId: string, expires: number, signature: string): Promise<IdentityCheck> {
  const secret = await kv.get(keys.identitySecret(site));
  if (!secret) return { status: 'invalid', reason: 'the site has no identity secret configured' };
  if (!(await verifyHmac(secret, identityMessage(site, customerId, expires), signature)))
    return { status: 'invalid', reason: 'signature does not match site, customer id and expires' };
  return knownCustomer(kv, site, customerId);
}

/**
 * A customer whose id is already proven — by the signature just checked, by a link a
 * verified identify made earlier (journeys at fire time), or by a server key — with the
 * shop's uploaded data for them, if any.
 */
export async function knownCustomer(kv: KVNamespace, site: string, customerId: string): Promise<IdentityCheck> {
  const customer = await kv.get<Record<string, unknown>>(keys.traits(site, customerId), 'json');
  if (!customer) return { status: 'unknown', reason: 'no data uploaded for this customer', customerId };
  return { status: 'verified', customerId, customer };
}

/** What the shop's server signs (see the README for Node, PHP and Python). */
export function identityMessage(site: string, customerId: string, expires: number): string {
  return `${site}:${customerId}:${expires}`;
}

async function verifyHmac(secret: string, message: string, signature: string): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const bytes = hexBytes(signature);
  // crypto.subtle.verify compares in constant time.
  return bytes ? crypto.subtle.verify('HMAC', key, bytes, new TextEncoder().encode(message)) : false;
}

/** Lowercase hex only, as documented: one spelling per signature. */
function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  const out = new Uint8Array(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
