import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { zodIssues } from '../../../../shared/config/validate.js';
import type { AppEnv } from '../../env.js';
import { parseJson, readText } from '../../http/body.js';
import { fail } from '../../http/problems.js';
import { csrfToken, mintSession, revoke, SESSION_COOKIE, SESSION_SECONDS, type Session } from '../../studio/session.js';

const SignIn = z.object({
  /** Shown as "who" beside each version this session publishes. */
  label: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[^\p{Cc}]+$/u, 'one line of text')
    .refine((l) => !['token', 'shared link'].includes(l.toLowerCase()), 'that name is reserved')
    .default('studio'),
});

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HttpOnly, SameSite=Strict, scoped to the admin API, and Secure everywhere but a local dev server. */
function cookieOptions(c: Context, maxAge: number) {
  const secure = !LOCAL.has(new URL(c.req.url).hostname);
  return { path: '/admin', httpOnly: true, secure, sameSite: 'Strict' as const, maxAge };
}

async function describe(secret: string, session: Session) {
  return { label: session.label, expires: new Date(session.expires * 1000).toISOString(), csrf: await csrfToken(secret, session.id) };
}

/**
 * Sign-in is `POST /admin/session` with the admin token as a bearer header — the guard's
 * own check and lockout, not a second copy of them — and answers with the session cookie.
 * Only the token can sign in: a session cannot extend itself.
 */
export const sessionRoutes = new Hono<AppEnv>()
  .post('/session', async (c) => {
    if (c.get('admin')?.via !== 'token') fail(403, 'sign in with the admin token');
    const text = await readText(c, 4096);
    const parsed = SignIn.safeParse(text ? parseJson(text) : {});
    if (!parsed.success) fail(400, 'invalid sign-in', zodIssues(parsed.error));
    const { label } = parsed.data;
    const secret = c.env.ADMIN_TOKEN!;
    const { session, cookie } = await mintSession(secret, label, Date.now());
    setCookie(c, SESSION_COOKIE, cookie, cookieOptions(c, SESSION_SECONDS));
    c.header('Cache-Control', 'no-store');
    return c.json(await describe(secret, session), 201);
  })
  /** Who the cookie belongs to, and its CSRF token: readable by the studio's own origin only. */
  .get('/session', async (c) => {
    const admin = c.get('admin');
    if (!admin?.session) fail(404, 'no studio session');
    c.header('Cache-Control', 'no-store');
    return c.json(await describe(c.env.ADMIN_TOKEN!, admin.session));
  })
  .delete('/session', async (c) => {
    const session = c.get('admin')?.session;
    if (session) await revoke(c.env.KV, session, Date.now());
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c, 0));
    return c.body(null, 204);
  });
