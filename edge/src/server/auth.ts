import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { fail } from '../http/problems.js';
import { serverKeyName } from './keys.js';

/**
 * The server key a `/v1/server/*` request presents must be one of the named site's. The
 * site comes from the body, so this runs in the handler once the body is read.
 */
export async function requireServerKey(c: Context<AppEnv>, site: string): Promise<string> {
  const header = c.req.header('authorization') ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const name = presented ? await serverKeyName(c.env.KV, site, presented) : null;
  if (!name) fail(401, 'a server key of this site is required (PUT /admin/sites/:site/keys/:name issues one)', undefined, { 'WWW-Authenticate': 'Bearer realm="vitrine-server"' });
  return name;
}
