import { Hono } from 'hono';
import { Id } from '../../../../shared/schema/common.js';
import type { AppEnv } from '../../env.js';
import { fail } from '../../http/problems.js';
import { issueServerKey, listServerKeys, revokeServerKey } from '../../server/keys.js';

function keyName(name: string): string {
  if (!Id.safeParse(name).success) fail(400, 'invalid key name', [{ path: ['name'], message: 'use lowercase letters, digits, "-" or "_" (at most 64)' }]);
  return name;
}

/** Server keys are issued and revoked with the admin token; the key itself is shown once. */
export const serverKeyRoutes = new Hono<AppEnv>()
  .put('/sites/:site/keys/:name', async (c) => {
    const name = keyName(c.req.param('name'));
    const key = await issueServerKey(c.env.KV, c.req.param('site'), name);
    c.header('Cache-Control', 'no-store');
    return c.json({ name, key, note: 'shown once: store it on the shop server; PUT again to replace it' }, 201);
  })
  .get('/sites/:site/keys', async (c) => c.json({ keys: await listServerKeys(c.env.KV, c.req.param('site')) }))
  .delete('/sites/:site/keys/:name', async (c) => {
    const gone = await revokeServerKey(c.env.KV, c.req.param('site'), keyName(c.req.param('name')));
    return gone ? c.body(null, 204) : fail(404, 'no such key');
  });
