import { Hono } from 'hono';
import { ForgetRequestSchema } from '../../../shared/schema/events.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { fail } from '../http/problems.js';
import { withStats } from '../stats/stub.js';
import { forgetVisitor } from '../visitors/state.js';
import { siteFor } from './site.js';

/**
 * Withdrawn consent or `forget` in the browser: every row the site's Durable Object holds
 * for this visitor id goes, and so does the per-visitor state (summary, journey runs,
 * stored messages, customer link) in the visitor's shard, and the linked customer's
 * purposes, hashes and audience memberships (each audience's destinations hear of the exit).
 */
export const forgetRoute = new Hono<AppEnv>().post('/v1/forget', async (c) => {
  c.header('Cache-Control', 'no-store');
  const body = await readJson(c, ForgetRequestSchema, 4096);
  const loaded = await siteFor(c, body.site);
  await withStats(c.env, body.site, (stats) => stats.forget(body.visitor), 'event store unavailable; retry');
  await forgetVisitor(c.env, body.site, body.visitor, loaded.compiled.config.audiences, Date.now()).catch(() => fail(503, 'visitor state unavailable; retry', undefined, { 'Retry-After': '30' }));
  return c.json({ forgotten: true });
});
