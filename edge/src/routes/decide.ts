import { Hono } from 'hono';
import { DecideRequestSchema } from '../../../shared/schema/decide.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import { requestFacts } from '../decide/facts.js';
import { runDecide } from '../decide/pipeline.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { problem } from '../http/problems.js';
import { siteFor } from './site.js';

export const decideRoute = new Hono<AppEnv>().post('/v1/decide', async (c) => {
  c.header('Cache-Control', 'no-store');
  const request = await readJson(c, DecideRequestSchema, LIMITS.decideBodyBytes);
  if (request instanceof Response) return request;
  const loaded = await siteFor(c, request.site);
  if (loaded instanceof Response) return loaded;
  const response = await runDecide(c.env, {
    request,
    facts: requestFacts(c),
    now: Date.now(),
    config: loaded,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  return response ? c.json(response) : problem(c, 404, 'unknown site');
});
