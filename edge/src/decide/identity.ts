import { keys } from '../config/keys.js';

export type IdentityStatus = 'verified' | 'unsigned' | 'invalid' | 'unknown';
type IdentityCheck = { status: IdentityStatus; reason?: string; traits?: Record<string, unknown> };

/**
 * Traits uploaded for a customer apply only when the page proves who it is talking about:
 * HMAC-SHA256(customerId) under the site's identity secret, made on the shop's server.
 * Anything less is ignored with a reason, never an error, so a page never breaks on it.
 */
export async function verifiedTraits(
  kv: KVNamespace,
  site: string,
  identity: { customerId: string; signature: string } | undefined,
): Promise<IdentityCheck | undefined> {
  if (!identity) return undefined;
  if (!identity.signature) return { status: 'unsigned', reason: 'identify() was called without a signature' };
  // A store that fails leaves the visitor anonymous for this answer; the page still gets one.
  return checkIdentity(kv, site, identity).catch((): IdentityCheck => ({ status: 'unknown', reason: 'customer traits are unavailable right now' }));
}

async function checkIdentity(kv: KVNamespace, site: string, identity: { customerId: string; signature: string }): Promise<IdentityCheck> {
  const secret = await kv.get(keys.identitySecret(site));
  if (!secret) return { status: 'invalid', reason: 'the site has no identity secret configured' };
  const ok = await verifyHmac(secret, identity.customerId, identity.signature);
  if (!ok) return { status: 'invalid', reason: 'signature does not match the customer id' };
  const traits = await kv.get<Record<string, unknown>>(keys.traits(site, identity.customerId), 'json');
  if (!traits) return { status: 'unknown', reason: 'no traits uploaded for this customer' };
  return { status: 'verified', traits };
}

export async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function verifyHmac(secret: string, message: string, signature: string): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const bytes = hexBytes(signature.toLowerCase());
  // crypto.subtle.verify compares in constant time.
  return bytes ? crypto.subtle.verify('HMAC', key, bytes, new TextEncoder().encode(message)) : false;
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  const out = new Uint8Array(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
