/**
 * Read-only links to one report, for people without the admin token: the report's own
 * URL plus `share=<expires>.<mac>`, the MAC binding that exact path and the expiry. The
 * admin guard lets such a request through for GET only, so a link reads one report until
 * it expires and can neither change anything nor open any other page.
 */
import { sign, verify } from './signing.js';

export const SHARE_PARAM = 'share';
export const MAX_SHARE_SECONDS = 30 * 86_400;

const message = (path: string, expires: number) => `${path}\n${expires}`;

export async function shareToken(secret: string, path: string, expires: number): Promise<string> {
  return `${expires}.${await sign(secret, 'share', message(path, expires))}`;
}

export async function shareAllows(secret: string, path: string, token: string, nowMs: number): Promise<boolean> {
  const [expires, mac, extra] = token.split('.');
  if (extra !== undefined || !/^\d{1,12}$/.test(expires ?? '') || !mac) return false;
  if (Number(expires) * 1000 <= nowMs) return false;
  return verify(secret, 'share', message(path, Number(expires)), mac);
}
