import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env.js';
import { requireAdmin } from '../http/auth.js';
import { fail } from '../http/problems.js';
import { csrfMatches, CSRF_HEADER, isRevoked, readSession, SESSION_COOKIE } from './session.js';
import { SHARE_PARAM, shareAllows } from './share-link.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The admin guard: a bearer token (scripts, the CLI), a studio session cookie, or — for
 * GET only — a shared report link. A bearer header always takes the token path with its
 * lockout; the cookie is then ignored, and no CSRF check is needed (a forged cross-site
 * request cannot set that header). A state-changing request with a cookie must carry the
 * session's CSRF token, checked first, before the session or anything else is looked at.
 */
export const adminAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header('authorization') !== undefined) {
    c.set('admin', { via: 'token', label: 'token' });
    return requireAdmin(c, next);
  }
  const secret = c.env.ADMIN_TOKEN;
  const cookie = getCookie(c, SESSION_COOKIE);
  const safe = SAFE.has(c.req.method);
  if (cookie !== undefined && !safe && !(secret && (await csrfMatches(secret, cookie, c.req.header(CSRF_HEADER)))))
    fail(403, 'CSRF token missing or wrong');
  const now = Date.now();
  const share = safe ? c.req.query(SHARE_PARAM) : undefined;
  if (share !== undefined) {
    if (!secret || !(await shareAllows(secret, c.req.path, share, now))) fail(401, 'this shared link has expired or is not valid');
    c.set('admin', { via: 'share', label: 'shared link' });
    return next();
  }
  if (cookie !== undefined) {
    const session = secret ? await readSession(secret, cookie, now) : null;
    if (!session || (await isRevoked(c.env.KV, session.id))) fail(401, 'studio session expired or signed out; sign in again');
    c.set('admin', { via: 'session', label: session.label, session });
    return next();
  }
  return requireAdmin(c, next);
};
