import { Hono } from 'hono';
import { ForgetRequestSchema } from '../../../shared/schema/events.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { problem } from '../http/problems.js';
import { statsFor } from '../stats/stub.js';
import { siteFor } from './site.js';

/**
 * Withdrawn consent or `forget` in the browser: every row the site's Durable Object holds
 * for this visitor id goes. Nothing else at the edge is keyed by a visitor id.
 */
export const forgetRoute = new Hono<AppEnv>().post('/v1/forget', async (c) => {
  c.header('Cache-Control', 'no-store');
  const body = await readJson(c, ForgetRequestSchema, 4096);
  if (body instanceof Response) return body;
  const loaded = await siteFor(c, body.site);
  if (loaded instanceof Response) return loaded;
  try {
    await statsFor(c.env, body.site).forget(body.visitor);
  } catch {
    c.header('Retry-After', '30');
    return problem(c, 503, 'event store unavailable; retry');
  }
  return c.json({ forgotten: true });
});
