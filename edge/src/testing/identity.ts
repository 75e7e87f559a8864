import { identityMessage } from '../decide/identity.js';

/** A signed identify (v2) for tests, as a shop's server makes it: `{customerId, expires, signature}`. */
export async function signedIdentity(site: string, customerId: string, secret: string, ttlSeconds = 3600) {
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(identityMessage(site, customerId, expires)));
  const signature = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { customerId, expires, signature };
}
