import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { problem } from './problems.js';

/**
 * Bearer-token guard for the admin API. Both sides are hashed before a constant-time
 * compare, so neither the token's length nor a matching prefix leaks through timing.
 * The token is never logged, and a missing ADMIN_TOKEN locks the admin API shut.
 */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  const header = c.req.header('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!expected || !given || !(await sameSecret(given, expected))) {
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
