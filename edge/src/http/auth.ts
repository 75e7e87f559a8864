import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { RateLimiter } from '../stats/rate-limit.js';
import { problem } from './problems.js';

/**
 * Wrong tokens per client address, per isolate: after 30 in ten minutes that address gets
 * 429 for the rest of the window, right token or not, so guessing cannot go on at speed.
 * Isolates do not share it; a WAF rate-limit rule on /admin/* is the global backstop.
 */
const failures = new RateLimiter(30, 10 * 60_000);

/**
 * Bearer-token guard for the admin API. Both sides are hashed before a constant-time
 * compare, so neither the token's length nor a matching prefix leaks through timing.
 * The token is never logged, and a missing ADMIN_TOKEN locks the admin API shut.
 */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const client = c.req.header('cf-connecting-ip') ?? 'local';
  const now = Date.now();
  const locked = failures.exhausted(client, now);
  if (locked) {
    c.header('Retry-After', String(locked));
    return problem(c, 429, 'too many wrong admin tokens from this address');
  }
  const expected = c.env.ADMIN_TOKEN;
  const header = c.req.header('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!expected || !given || !(await sameSecret(given, expected))) {
    failures.take(client, 1, now);
    c.header('WWW-Authenticate', 'Bearer realm="vitrine-admin"');
    return problem(c, 401, 'admin token missing or wrong');
  }
  await next();
};

async function sameSecret(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest('SHA-256', enc.encode(a)),
    crypto.subtle.digest('SHA-256', enc.encode(b)),
  ]);
  const x = new Uint8Array(ha);
  const y = new Uint8Array(hb);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}
