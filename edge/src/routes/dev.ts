import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../../../shared/schema/common.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import { isLocalDev } from '../delivery/webhook-url.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { fail } from '../http/problems.js';
import { shardFor } from '../visitors/shard.js';
import { siteFor } from './site.js';

const FastForwardSchema = z.object({ site: Id, visitor: z.string().min(8).max(LIMITS.idLength) });

/**
 * Local development only (`VITRINE_DEV=1`, which only `wrangler dev` reads from
 * `.dev.vars`): the variant tester's fast-forward looks at a visitor's waiting journey
 * runs now and decides them as at their due time, so a 45-day mail can be seen today.
 */
export const devRoutes = new Hono<AppEnv>().post('/v1/dev/fast-forward', async (c) => {
  c.header('Cache-Control', 'no-store');
  if (!isLocalDev(c.env)) fail(403, 'fast-forward is for local development only');
  const body = await readJson(c, FastForwardSchema, 4096);
  await siteFor(c, body.site);
  const moved = await shardFor(c.env, body.site, body.visitor).stub.fastForward(body.visitor, Date.now());
  return c.json({ moved });
});
