/**
 * Studio sessions: the admin token, presented once at sign-in, is exchanged for a cookie
 * that is signed (not stored): `v1.<id>.<expires>.<label>.<mac>`. Nothing secret is in it;
 * the MAC, under a key derived from ADMIN_TOKEN, makes it unforgeable, and rotating the
 * token ends every session. Sign-out also records the id as revoked in KV until it would
 * have expired, so a copied cookie stops working too.
 */
import { base64url, randomId, sign, verify } from './signing.js';

export const SESSION_COOKIE = 'vitrine_studio';
/** The header a session's state-changing requests carry (synchronizer token, see csrfToken). */
export const CSRF_HEADER = 'x-vitrine-csrf';
export const SESSION_SECONDS = 12 * 3600;
/** Not a site's key: sessions belong to the admin token, not to a site. Ids are base64url, no ":". */
const signedOutKey = (id: string) => `studio:signed-out:${id}`;

export interface Session {
  id: string;
  /** Who signed in, as they named themselves; recorded with the versions they publish. */
  label: string;
  /** Seconds since the epoch. */
  expires: number;
}

const encodeLabel = (label: string) => base64url(new TextEncoder().encode(label));
const decodeLabel = (text: string) => new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export async function mintSession(secret: string, label: string, nowMs: number): Promise<{ session: Session; cookie: string }> {
  const session = { id: randomId(), label, expires: Math.floor(nowMs / 1000) + SESSION_SECONDS };
  const body = `v1.${session.id}.${session.expires}.${encodeLabel(label)}`;
  return { session, cookie: `${body}.${await sign(secret, 'session', body)}` };
}

/** The session a cookie names, or null when it is malformed, forged or expired. */
export async function readSession(secret: string, cookie: string, nowMs: number): Promise<Session | null> {
  const parts = cookie.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') return null;
  const [, id, expires, label, mac] = parts;
  if (!(await verify(secret, 'session', parts.slice(0, 4).join('.'), mac))) return null;
  const session = { id, label: decodeLabel(label), expires: Number(expires) };
  return session.expires * 1000 > nowMs ? session : null;
}

/**
 * The CSRF token of a session: an HMAC of its id under its own key. The studio reads it
 * from `GET /admin/session` (same origin only) and sends it in a header; a forged
 * cross-site request can make the browser send the cookie, never the header.
 */
export function csrfToken(secret: string, sessionId: string): Promise<string> {
  return sign(secret, 'csrf', sessionId);
}

/** Checked from the cookie's id alone, before the session itself is read. */
export async function csrfMatches(secret: string, cookie: string, header: string | undefined): Promise<boolean> {
  const id = cookie.split('.')[1];
  return !!id && !!header && verify(secret, 'csrf', id, header);
}

export async function revoke(kv: KVNamespace, session: Session, nowMs: number): Promise<void> {
  // KV keeps a key at least 60 s, a little longer than a nearly expired session needs.
  const ttl = Math.max(60, session.expires - Math.floor(nowMs / 1000));
  await kv.put(signedOutKey(session.id), '1', { expirationTtl: ttl });
}

export async function isRevoked(kv: KVNamespace, id: string): Promise<boolean> {
  return (await kv.get(signedOutKey(id))) !== null;
}
