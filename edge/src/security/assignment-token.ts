import { timingSafeEqual } from 'hono/utils/buffer';
import { keys } from '../config/keys.js';

type KvEnv = { KV: KVNamespace };

/** 12 bytes of HMAC-SHA256: 96 bits, 16 base64url characters on the wire. */
const TOKEN_BYTES = 12;
const TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);

/** Per isolate: a site's secret never changes once made, so it is read from KV once. */
const siteKeys = new Map<string, Promise<CryptoKey>>();

/**
 * The site's assignment secret, created on first use: 32 random bytes in KV, never in the
 * config and never sent anywhere. Config pushes create it too (`ensureAssignmentSecret`),
 * so two isolates racing to make it on a live site's first decide is not the usual case.
 */
function siteKey(env: KvEnv, site: string): Promise<CryptoKey> {
  let key = siteKeys.get(site);
  if (!key) {
    key = ensureAssignmentSecret(env.KV, site).then((secret) =>
      crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    );
    // A failed read is not remembered: the next call tries KV again.
    key.catch(() => siteKeys.delete(site));
    siteKeys.set(site, key);
  }
  return key;
}

export async function ensureAssignmentSecret(kv: KVNamespace, site: string): Promise<string> {
  const stored = await kv.get(keys.assignmentSecret(site));
  if (stored) return stored;
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  await kv.put(keys.assignmentSecret(site), secret);
  return secret;
}

/**
 * A short signed assignment: decide puts it in each `experiments[]` entry and the SDK sends
 * it back on the exposure, so collect counts an exposure only for the arm decide gave that
 * visitor on that site. Throws when the secret store is unreachable and the isolate has
 * no copy: the caller answers without tokens (decide) or asks for a retry (collect).
 */
export async function signAssignment(env: KvEnv, site: string, visitor: string, experiment: string, arm: string): Promise<string> {
  // JSON of the four parts: no choice of ids can make two different tuples sign the same text.
  const message = new TextEncoder().encode(JSON.stringify([site, visitor, experiment, arm]));
  const mac = await crypto.subtle.sign('HMAC', await siteKey(env, site), message);
  return base64url(new Uint8Array(mac, 0, TOKEN_BYTES));
}

/** Whether `token` is the one decide made for this visitor, experiment and arm (constant-time compare). */
export async function verifyAssignment(env: KvEnv, site: string, visitor: string, experiment: string, arm: string, token: string | undefined): Promise<boolean> {
  if (typeof token !== 'string' || token.length !== TOKEN_LENGTH) return false;
  return timingSafeEqual(await signAssignment(env, site, visitor, experiment, arm), token);
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
