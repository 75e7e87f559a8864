import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import type { AppEnv } from '../env.js';
import { adminGuardFor } from '../security/admin-guard.js';
import { fail } from './problems.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="vitrine-admin"' };

/**
 * Bearer-token guard for the admin API. The compare is Hono's (the one `bearerAuth`
 * uses): both sides hashed, then compared in constant time, so neither the token's length
 * nor a matching prefix leaks through timing. The token is never logged, and a missing
 * ADMIN_TOKEN locks the admin API shut.
 *
 * The right token always passes, whatever came before it from that address. A request
 * without a token (any cross-origin page can send one) costs nothing and counts nothing;
 * only a presented, wrong token counts, per address in a Durable Object shared by every
 * isolate, and past the limit it is answered 429 with Retry-After. What stops guessing is
 * the token's length: the limit keeps a guesser slow and visible, not out.
 */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  const header = c.req.header('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!given || !expected) fail(401, 'admin token missing or wrong', undefined, CHALLENGE);
  if (await timingSafeEqual(given, expected)) return next();
  const client = c.req.header('cf-connecting-ip') ?? 'local';
  // An unreachable guard must not let a wrong token through: it is still a 401.
  const wait = await adminGuardFor(c.env, client)
    .failed()
    .catch(() => 0);
  if (wait) fail(429, 'too many wrong admin tokens from this address', undefined, { 'Retry-After': String(wait) });
  fail(401, 'admin token missing or wrong', undefined, CHALLENGE);
};
