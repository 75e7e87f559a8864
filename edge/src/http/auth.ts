import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import type { AppEnv } from '../env.js';
import { RateLimiter } from '../stats/rate-limit.js';
import { fail } from './problems.js';

/**
 * Wrong tokens per client address, per isolate: after 30 in ten minutes that address gets
 * 429 for the rest of the window, right token or not, so guessing cannot go on at speed.
 * Isolates do not share it; a WAF rate-limit rule on /admin/* is the global backstop.
 */
const failures = new RateLimiter(30, 10 * 60_000);

/**
 * Bearer-token guard for the admin API. The compare is Hono's (the one `bearerAuth`
 * uses): both sides hashed, then compared in constant time, so neither the token's length
 * nor a matching prefix leaks through timing. The token is never logged, and a missing
 * ADMIN_TOKEN locks the admin API shut.
 */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const client = c.req.header('cf-connecting-ip') ?? 'local';
  const now = Date.now();
  const locked = failures.exhausted(client, now);
  if (locked) fail(429, 'too many wrong admin tokens from this address', undefined, { 'Retry-After': String(locked) });
  const expected = c.env.ADMIN_TOKEN;
  const header = c.req.header('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!expected || !given || !(await timingSafeEqual(given, expected))) {
    failures.take(client, 1, now);
    fail(401, 'admin token missing or wrong', undefined, { 'WWW-Authenticate': 'Bearer realm="vitrine-admin"' });
  }
  await next();
};
