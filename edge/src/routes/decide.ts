import { Hono } from 'hono';
import { DecideRequestSchema } from '../../../shared/schema/decide.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import { requestFacts } from '../decide/facts.js';
import { runDecide } from '../decide/pipeline.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { fail } from '../http/problems.js';
import { rememberDecide } from '../visitors/state.js';
import { siteFor } from './site.js';

export const decideRoute = new Hono<AppEnv>().post('/v1/decide', async (c) => {
  c.header('Cache-Control', 'no-store');
  const request = await readJson(c, DecideRequestSchema, LIMITS.decideBodyBytes);
  const loaded = await siteFor(c, request.site);
  const now = Date.now();
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  const response = await runDecide(c.env, { request, facts: requestFacts(c), now, config: loaded, waitUntil });
  if (!response) fail(404, 'unknown site');
  rememberDecide(c.env, loaded, request, response, now, waitUntil);
  return c.json(response);
});
